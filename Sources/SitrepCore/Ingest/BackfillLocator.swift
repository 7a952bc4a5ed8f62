import Glibc

/// Finds where to start reading a live file so that only a bounded tail is read, never the whole
/// multi-GB history: by bytes (the last N bytes, from a line start) or by time (binary search on
/// byte offsets for the first line at or after a moment, reading a few KiB per step).
struct BackfillLocator {
  typealias TimeProbe = (LineBytes) -> EpochSeconds?

  let descriptor: Int32
  let size: Int
  /// Lines longer than this are not probed for a time (they are cut anyway).
  let maxLineBytes: Int
  private let window = 64 * 1024
  /// How many lines after an offset to try before deciding the region has no timestamps (traceback
  /// continuation lines have none).
  private let linesToProbe = 64

  /// The first line start at or after `size - bytes`.
  func startForLast(bytes: Int) -> Int {
    guard bytes < size else { return 0 }
    return lineStart(atOrAfter: size - bytes)
  }

  /// The start of the first line whose probed time is `>= since`, or where a bytes-only search
  /// would start when no line in the file has a readable time.
  func startForTime(since: EpochSeconds, probe: TimeProbe, fallbackBytes: Int) -> Int {
    startForTime(since: since, probe: probe) ?? startForLast(bytes: fallbackBytes)
  }

  /// The start of the first line whose probed time is `>= since` (the end when every line is
  /// older), or `nil` when the probe understood no line it looked at.
  func startForTime(since: EpochSeconds, probe: TimeProbe) -> Int? {
    guard size > 0 else { return 0 }
    var sawTime = false
    var low = 0
    var high = size
    while low < high {
      let middle = low + (high - low) / 2
      guard let (start, time) = firstTimedLine(atOrAfter: middle, probe: probe) else {
        high = middle
        continue
      }
      sawTime = true
      if time >= since {
        high = middle
      } else {
        low = start + 1
      }
    }
    if let found = firstTimedLine(atOrAfter: low, probe: probe) { return found.start }
    // Without a single understood line the probe does not know this file.
    return sawTime ? size : nil
  }

  /// The start of the first line that begins at or after `offset` (offset 0 is a line start).
  func lineStart(atOrAfter offset: Int) -> Int {
    guard offset > 0 else { return 0 }
    var position = offset - 1  // if the byte before is a newline, `offset` itself starts a line
    let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: window, alignment: 1)
    defer { chunk.deallocate() }
    while position < size {
      let got = FileSystem.readFully(descriptor, into: chunk, at: position)
      guard got > 0, let base = chunk.baseAddress else { break }
      if let found = memchr(base, 0x0A, got) {
        return position + (found - base) + 1
      }
      position += got
    }
    return size
  }

  /// The time of the first line at or after `offset` that the probe can read (how far back a
  /// read starting there reaches), `nil` when none near it has one.
  func timeOfFirstLine(atOrAfter offset: Int, probe: TimeProbe) -> EpochSeconds? {
    firstTimedLine(atOrAfter: offset, probe: probe)?.time
  }

  /// Probes lines from the first line start at or after `offset`; returns the first that has a
  /// time, within `linesToProbe` lines and one read window.
  private func firstTimedLine(atOrAfter offset: Int, probe: TimeProbe) -> (
    start: Int, time: EpochSeconds
  )? {
    var start = lineStart(atOrAfter: offset)
    let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: window, alignment: 1)
    defer { chunk.deallocate() }
    var probed = 0
    while start < size && probed < linesToProbe {
      let got = FileSystem.readFully(descriptor, into: chunk, at: start)
      guard got > 0, let base = chunk.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
        return nil
      }
      var lineBegin = 0
      while lineBegin < got && probed < linesToProbe {
        guard let found = memchr(base + lineBegin, 0x0A, got - lineBegin) else { break }
        let lineEnd = UnsafeMutableRawPointer(found).assumingMemoryBound(to: UInt8.self) - base
        var length = min(lineEnd - lineBegin, maxLineBytes)
        if length > 0 && base[lineBegin + length - 1] == 0x0D { length -= 1 }
        if let time = probe(LineBytes(start: base + lineBegin, count: length)) {
          return (start + lineBegin, time)
        }
        probed += 1
        lineBegin = lineEnd + 1
      }
      if lineBegin == 0 {
        // One line longer than the window: skip past it.
        start = lineStart(atOrAfter: start + got)
        probed += 1
      } else {
        start += lineBegin
      }
    }
    return nil
  }
}
