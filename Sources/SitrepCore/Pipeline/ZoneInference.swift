import Glibc

/// Guesses the zone of a source whose stamps carry none (Celery, Python's asctime), when neither
/// config nor `--tz` says. A file still being written was modified moments after its newest line,
/// so the gap between its modification time and that line's wall-clock time, rounded to 15
/// minutes, is the writer's offset: a container logging UTC on a host set to Berlin is read
/// right. Any other file falls back to the zone the caller gave (the host's; see `Session`), and
/// the report says so.
enum ZoneInference {
  /// A file modified this recently counts as still being written.
  static let liveWithinSeconds = 300.0
  /// How much of the file's end is decoded to find its newest line.
  static let tailBytes = 64 << 10
  /// Offsets are whole quarter hours (Nepal's +05:45 included); none exceeds ±14h.
  static let roundingSeconds = 900.0
  static let largestOffset = 14 * 3600
  /// How long after its newest line a live file may have been written (buffered writers).
  static let maximumWriteLagSeconds = 120.0
  /// Offsets some zone uses that are not whole hours, in minutes east of UTC.
  static let fractionalOffsets: Set<Int> = [
    -570, -210, -150, 210, 270, 330, 345, 390, 525, 570, 630, 765, 825,
  ]

  static func isZoneOffset(_ seconds: Int) -> Bool {
    seconds % 3600 == 0 || fractionalOffsets.contains(seconds / 60)
  }

  static func assume(
    path: String, descriptor: FormatDescriptor, options: DecoderOptions, now: EpochSeconds
  ) -> ZoneAssumption {
    let host = ZoneAssumption(zone: options.naiveZone, origin: .hostZone)
    guard case .found(let info) = FileSystem.info(path: path), info.isRegular, info.size > 0,
      let tail = readTail(path, size: info.size)
    else { return host }
    let modified = info.modifiedSeconds
    var asUTC = options
    asUTC.naiveZone = .utc
    var shifted = options
    shifted.naiveZone = .fixed(3600)
    guard let newest = newestTime(tail, descriptor, asUTC, readAt: modified),
      let newestShifted = newestTime(tail, descriptor, shifted, readAt: modified)
    else { return host }
    // Stamps with their own zone do not move when the zone for zoneless ones does.
    if abs(newest - newestShifted) < 1 {
      return ZoneAssumption(zone: options.naiveZone, origin: .inTheLines)
    }
    guard abs(now - modified) <= liveWithinSeconds else { return host }
    let gap = newest - modified
    let offset = (gap / roundingSeconds).rounded() * roundingSeconds
    guard abs(offset) <= Double(largestOffset) else { return host }
    // A live writer's newest line is within moments of its modification time, and its offset is
    // one some zone uses: a file just copied or cloned (new modification time, old lines) is
    // refused rather than read 45 minutes off.
    guard abs(gap - offset) <= maximumWriteLagSeconds,
      Self.isZoneOffset(Int(saturating: offset))
    else { return host }
    return ZoneAssumption(zone: .fixed(Int(saturating: offset)), origin: .inferredFromFileTime)
  }

  /// The newest time among the requests and events the tail decodes to.
  static func newestTime(
    _ lines: [[UInt8]], _ descriptor: FormatDescriptor, _ options: DecoderOptions,
    readAt: EpochSeconds
  ) -> EpochSeconds? {
    let requests = RequestSink.collecting()
    let decoder = descriptor.makeDecoder(options, requests)
    var events: [Event] = []
    for line in lines {
      line.withUnsafeBufferPointer { decoder.feed($0, readAt: readAt, into: &events) }
    }
    decoder.flush(into: &events)
    return (events.map(\.time) + requests.collected.map(\.time)).filter(\.isFinite).max()
  }

  /// Whole lines of the last `tailBytes` of the file (the first, likely cut, is dropped when the
  /// read did not start at the beginning).
  static func readTail(_ path: String, size: Int) -> [[UInt8]]? {
    let (descriptor, _) = FileSystem.openForReading(path)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    let start = max(0, size - tailBytes)
    var buffer = [UInt8](repeating: 0, count: size - start)
    var filled = 0
    while filled < buffer.count {
      let n = buffer.withUnsafeMutableBytes {
        pread(descriptor, $0.baseAddress! + filled, $0.count - filled, off_t(start + filled))
      }
      if n < 0 && errno == EINTR { continue }
      guard n > 0 else { break }
      filled += n
    }
    var lines = buffer[0..<filled].split(
      separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true
    )
    .map { Array($0) }
    if start > 0, !lines.isEmpty { lines.removeFirst() }
    return lines
  }
}
