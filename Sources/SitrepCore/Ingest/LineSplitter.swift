import Glibc

/// Cuts a byte stream into lines inside one reusable buffer: the caller reads straight into
/// `readSpace`, and every emitted line points into the buffer (no per-line allocation).
///
/// Layout: `[held partial line][freshly read bytes]`. The held part never exceeds `maxLineBytes`
/// (longer lines are emitted cut and the rest is skipped up to the newline), so there is always at
/// least `chunkBytes` of room to read into.
final class LineSplitter {
  let maxLineBytes: Int
  let chunkBytes: Int
  private let capacity: Int
  private let buffer: UnsafeMutablePointer<UInt8>
  private var heldCount = 0
  /// Inside an over-long line whose first `maxLineBytes` were already emitted: drop until newline.
  private var skippingRestOfLine = false
  /// Where `buffer[0]` is in the file, set by the reader once per read (never per line); negative
  /// when unknown (a pipe, a copytruncate copy, a gzip stream). The log view reads lines older
  /// than the ones it keeps from the file at these offsets (`LineBackReader`).
  var bufferFileOffset = -1

  init(maxLineBytes: Int, chunkBytes: Int = 256 * 1024) {
    self.maxLineBytes = max(1, maxLineBytes)
    self.chunkBytes = max(1, chunkBytes)
    capacity = self.maxLineBytes + self.chunkBytes
    buffer = .allocate(capacity: capacity)
  }

  deinit { buffer.deallocate() }

  /// How many bytes of a line are still waiting for its newline.
  var heldBytes: Int { heldCount }
  /// Inside an over-long line: bytes up to the next newline are dropped.
  var isSkippingRestOfLine: Bool { skippingRestOfLine }

  /// Where the next read goes, and how much fits.
  var readSpace: (pointer: UnsafeMutablePointer<UInt8>, count: Int) {
    (buffer + heldCount, capacity - heldCount)
  }

  /// Splits the `count` bytes just read into `readSpace`, emitting each complete line.
  func consume(_ count: Int, emit: (LineBytes, LineFlags) -> Void) {
    let end = heldCount + min(max(0, count), capacity - heldCount)
    var lineStart = 0
    var scanFrom = heldCount  // held bytes contain no newline
    while scanFrom < end, let found = memchr(buffer + scanFrom, 0x0A, end - scanFrom) {
      let newline = found.assumingMemoryBound(to: UInt8.self) - buffer
      if skippingRestOfLine {
        skippingRestOfLine = false
      } else {
        emitLine(from: lineStart, to: newline, extra: [], emit: emit)
      }
      lineStart = newline + 1
      scanFrom = lineStart
    }
    let rest = end - lineStart
    if skippingRestOfLine {
      heldCount = 0
    } else if rest > maxLineBytes {
      emitLine(from: lineStart, to: lineStart + rest, extra: [], emit: emit)
      skippingRestOfLine = true
      heldCount = 0
    } else {
      if lineStart > 0 && rest > 0 { memmove(buffer, buffer + lineStart, rest) }
      heldCount = rest
      if bufferFileOffset >= 0 { bufferFileOffset += lineStart }
    }
  }

  /// The file offset of a line this splitter just emitted; `nil` when it did not come from this
  /// splitter's buffer or the buffer's place in the file is unknown.
  func fileOffset(of line: LineBytes) -> Int? {
    guard bufferFileOffset >= 0, let start = line.baseAddress,
      start >= UnsafePointer(buffer), start < UnsafePointer(buffer + capacity)
    else { return nil }
    return bufferFileOffset + (start - UnsafePointer(buffer))
  }

  /// Emits the held partial line (flagged `partial`), e.g. after a quiet period.
  func flushPartialLine(flags extra: LineFlags = .partial, emit: (LineBytes, LineFlags) -> Void) {
    if heldCount > 0 { emitLine(from: 0, to: heldCount, extra: extra, emit: emit) }
    heldCount = 0
  }

  /// Forgets held bytes, e.g. when the stream restarts at offset 0.
  func reset() {
    heldCount = 0
    skippingRestOfLine = false
    bufferFileOffset = -1
  }

  private func emitLine(
    from start: Int, to end: Int, extra: LineFlags, emit: (LineBytes, LineFlags) -> Void
  ) {
    let pointer = UnsafePointer(buffer + start)
    var (length, flags) = Self.cut(pointer, length: end - start, maxLineBytes: maxLineBytes)
    flags.formUnion(extra)
    flags.formUnion(LineContentScanner.flags(pointer, count: length))
    emit(LineBytes(start: pointer, count: length), flags)
  }

  /// How much of a line (without its newline) is given: at most `maxLineBytes`, flagged
  /// `truncated` when cut, else without the `\r` of a CRLF ending. Bulk reads cut lines the same
  /// way (`ChunkedLineReader`).
  @inline(__always)
  static func cut(_ start: UnsafePointer<UInt8>, length: Int, maxLineBytes: Int) -> (
    Int, LineFlags
  ) {
    if length > maxLineBytes { return (maxLineBytes, .truncated) }
    if length > 0 && start[length - 1] == 0x0D { return (length - 1, []) }
    return (length, [])
  }
}
