import Glibc

/// Reads lines of one file that the archive no longer keeps, on demand, for the log view: the page
/// before (or after) a line whose position is known, decoded by a fresh decoder of the source's
/// format so each line carries the mark a live read gave it. The file is only read.
///
/// A page starts at a record's first line: a traceback is never cut at the top. The decoder is
/// started on such a line too, going back over at most `maxBackOffLines` lines to find one.
public struct LineBackReader {
  public let path: String
  /// Makes a decoder of the source's format writing nowhere (see `PipelineSource.freshDecoder`).
  let makeDecoder: () -> any LineDecoder
  let naiveZone: NaiveZone
  let role: SourceRole?
  let service: String?
  let host: String?
  let maxLineBytes: Int
  /// How far back the start of a record is looked for before a page's first line.
  public var maxBackOffLines = 500
  /// A page never spans more bytes than this, whatever its line count.
  public var maxPageBytes = 8 << 20

  public init(
    path: String, makeDecoder: @escaping () -> any LineDecoder, naiveZone: NaiveZone = .utc,
    role: SourceRole? = nil, service: String? = nil, host: String? = nil,
    maxLineBytes: Int = 64 * 1024
  ) {
    self.path = path
    self.makeDecoder = makeDecoder
    self.naiveZone = naiveZone
    self.role = role
    self.service = service
    self.host = host
    self.maxLineBytes = maxLineBytes
  }

  /// What one read gave.
  public struct Result: Sendable, Equatable {
    public var lines: [ArchivedLine] = []
    /// Older: the page begins at the file's first byte. Newer: it reached `until`.
    public var reachedEnd = false
    /// The file at the path is no longer the one the anchor was read from (rotated away,
    /// re-created) or it was truncated below the anchor: nothing was read.
    public var changed = false
  }

  /// Up to `count` lines before the line at `anchor` (plus the lines back to the start of the
  /// first one's record). `readAt` is the time the lines are said to have been read at: the
  /// anchor line's.
  public func older(
    than anchor: LinePosition, count: Int, readAt: EpochSeconds, expecting text: String? = nil
  ) -> Result {
    guard let file = FileAtAnchor(path: path, anchor: anchor), holds(text, file) else {
      return Result(changed: true)
    }
    defer { file.close() }
    var start = anchor.offset
    var lines = 0
    while lines < count, start > 0, anchor.offset - start < maxPageBytes {
      start = file.lineStart(before: start)
      lines += 1
    }
    start = recordStart(atOrBefore: start, in: file)
    var result = Result()
    result.reachedEnd = start == 0
    result.lines = decode(file, from: start, emitFrom: start, until: anchor.offset, count: .max)
      .map { line in
        var line = line
        line.time = readAt
        return line
      }
    return result
  }

  /// Up to `count` lines after the line at `anchor`, stopping before offset `until` (the first
  /// line the view already holds below).
  public func newer(
    than anchor: LinePosition, until: Int, count: Int, readAt: EpochSeconds,
    expecting text: String? = nil
  ) -> Result {
    guard let file = FileAtAnchor(path: path, anchor: anchor), holds(text, file) else {
      return Result(changed: true)
    }
    defer { file.close() }
    let from = file.lineEnd(after: anchor.offset)
    let until = min(until, file.size, from + maxPageBytes)
    let context = recordStart(atOrBefore: anchor.offset, in: file)
    var result = Result()
    result.lines = decode(file, from: context, emitFrom: from, until: until, count: count)
      .map { line in
        var line = line
        line.time = readAt
        return line
      }
    let last = result.lines.last.flatMap { $0.position?.offset } ?? anchor.offset
    result.reachedEnd = file.lineEnd(after: last) >= until
    return result
  }

  /// Whether the anchor's line is still the one shown: a file truncated and written again past
  /// the anchor may have a line start there that is another line.
  private func holds(_ text: String?, _ file: FileAtAnchor) -> Bool {
    guard let text else { return true }
    let line = file.line(at: file.anchor.offset, maxBytes: maxLineBytes)
    return line.withUnsafeBufferPointer { TextSanitizer.display($0) } == text
  }

  /// The first line of the record the line at `offset` belongs to: the nearest line at or above
  /// it that the format reads as a record of its own, within `maxBackOffLines`.
  func recordStart(atOrBefore offset: Int, in file: FileAtAnchor) -> Int {
    var start = offset
    for _ in 0..<maxBackOffLines {
      guard start > 0, !startsRecord(file.line(at: start, maxBytes: maxLineBytes)) else {
        return start
      }
      start = file.lineStart(before: start)
    }
    return start
  }

  /// Whether a line, read alone by a fresh decoder, is a record (not a traceback line, which a
  /// decoder holding nothing counts malformed).
  func startsRecord(_ line: [UInt8]) -> Bool {
    let decoder = makeDecoder()
    var events: [Event] = []
    line.withUnsafeBufferPointer { decoder.feed($0, readAt: 0, into: &events) }
    return decoder.counts.malformed == 0 && !decoder.lastLineMark.continuesRecord
  }

  /// Decodes the lines from `from` up to `until` with one fresh decoder, keeping those at or
  /// after `emitFrom` (the ones before only give the decoder its context), at most `count`.
  private func decode(
    _ file: FileAtAnchor, from: Int, emitFrom: Int, until: Int, count: Int
  ) -> [ArchivedLine] {
    guard from < until else { return [] }
    let bytes = file.read(from: from, count: until - from)
    let decoder = makeDecoder()
    var events: [Event] = []
    var out: [ArchivedLine] = []
    var lastStamp: EpochSeconds?
    var lineStart = 0
    bytes.withUnsafeBufferPointer { all in
      while lineStart < all.count, out.count < count {
        let rest = all.count - lineStart
        let newline = all[lineStart...].firstIndex(of: 0x0A) ?? (lineStart + rest)
        let base = all.baseAddress! + lineStart
        let (length, _) = LineSplitter.cut(
          base, length: newline - lineStart, maxLineBytes: maxLineBytes)
        let line = UnsafeBufferPointer(start: base, count: length)
        decoder.feed(line, readAt: 0, into: &events)
        events.removeAll(keepingCapacity: true)
        let mark = decoder.lastLineMark
        let own = LineTimeProbe.time(in: line, naiveZone: naiveZone)
        let stamped = mark.continuesRecord ? (own ?? lastStamp) : own
        lastStamp = stamped
        let offset = from + lineStart
        if offset >= emitFrom {
          out.append(
            ArchivedLine(
              time: 0, path: path, role: role, service: service, host: host,
              text: TextSanitizer.display(line), isError: mark.isError,
              continuesRecord: mark.continuesRecord, stamped: stamped,
              position: LinePosition(
                offset: offset, device: file.anchor.device, inode: file.anchor.inode)))
        }
        lineStart = newline + 1
      }
    }
    return out
  }
}

/// The file at a path, opened only when it is still the generation an anchor was read from and
/// still holds the anchor's line; read with pread, never written.
struct FileAtAnchor {
  let descriptor: Int32
  let anchor: LinePosition
  let size: Int
  private static let block = 64 * 1024

  init?(path: String, anchor: LinePosition) {
    let (fd, _) = FileSystem.openForReading(path)
    guard fd >= 0 else { return nil }
    guard let info = FileSystem.info(descriptor: fd), info.isRegular,
      info.device == anchor.device, info.inode == anchor.inode, info.size > anchor.offset
    else {
      Glibc.close(fd)
      return nil
    }
    descriptor = fd
    self.anchor = anchor
    size = info.size
    // A file truncated and written again past the anchor no longer has a line starting there.
    if anchor.offset > 0 {
      var before: UInt8 = 0
      guard pread(fd, &before, 1, off_t(anchor.offset - 1)) == 1, before == 0x0A else {
        Glibc.close(fd)
        return nil
      }
    }
  }

  func close() { Glibc.close(descriptor) }

  func read(from offset: Int, count: Int) -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: max(0, count))
    var got = 0
    while got < count {
      let n = bytes.withUnsafeMutableBytes {
        pread(descriptor, $0.baseAddress! + got, count - got, off_t(offset + got))
      }
      if n < 0 && errno == EINTR { continue }
      guard n > 0 else { break }
      got += n
    }
    bytes.removeLast(bytes.count - got)
    return bytes
  }

  /// The start of the line before the one starting at `offset` (0 at the top).
  func lineStart(before offset: Int) -> Int {
    // Skip the newline that ends the previous line, then look back for the one before it.
    var end = offset - 1
    while end > 0 {
      let from = max(0, end - Self.block)
      let chunk = read(from: from, count: end - from)
      if let i = chunk.lastIndex(of: 0x0A) { return from + i + 1 }
      end = from
    }
    return 0
  }

  /// The offset just past the line starting at `offset` (its newline's), or the file's size.
  func lineEnd(after offset: Int) -> Int {
    var from = offset
    while from < size {
      let chunk = read(from: from, count: min(Self.block, size - from))
      guard !chunk.isEmpty else { break }
      if let i = chunk.firstIndex(of: 0x0A) { return from + i + 1 }
      from += chunk.count
    }
    return size
  }

  /// The line starting at `offset`, without its newline, at most `maxBytes`.
  func line(at offset: Int, maxBytes: Int) -> [UInt8] {
    var bytes = read(from: offset, count: min(maxBytes + 1, size - offset))
    if let i = bytes.firstIndex(of: 0x0A) { bytes.removeLast(bytes.count - i) }
    if bytes.last == 0x0D { bytes.removeLast() }
    return Array(bytes.prefix(maxBytes))
  }
}
