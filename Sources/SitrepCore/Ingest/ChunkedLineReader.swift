import Dispatch
import Glibc
import Synchronization

/// Reads a stretch of a regular file on several threads at once, for headless reads: the stretch
/// is cut into fixed-size chunks, and each lane (thread) takes the next chunk not yet taken, reads
/// it with `pread` into its own buffer, and hands the chunk's lines to `decode`.
///
/// Chunks go to whichever lane is free: on a shared VM one core can run a third slower than the
/// other for a whole read, and fixed shares left one lane idle for a fifth of the run (measured).
/// Which lane decodes which chunk therefore varies; callers must merge lanes so that it does not
/// matter (see `ParallelAccessDecoding`).
///
/// A line belongs to the chunk it starts in, so every line is given exactly once, whole, and lines
/// come out as `LineSplitter` cuts them: the newline (and a `\r` before it) removed, lines longer
/// than `maxLineBytes` cut to it and flagged `truncated`, NUL and invalid UTF-8 flagged. The stretch
/// must start at a line start and end just after a newline (see `lastLineEnd`), so no line is
/// left half-read at either end.
struct ChunkedLineReader {
  let descriptor: Int32
  let range: Range<Int>
  let maxLineBytes: Int
  let chunkBytes: Int
  /// How many threads read and decode chunks.
  let lanes: Int

  /// One line of a chunk: `start` is an offset into the chunk's buffer.
  struct Line {
    var start: Int
    var count: Int
    var flags: LineFlags
  }

  /// What the reader saw, summed over every chunk.
  struct Totals {
    var lines = 0
    var truncated = 0
    var invalidUTF8 = 0
    var nul = 0
    /// The first read error, if any: chunks after it on the failing lane are not read.
    var error: Int32?

    mutating func add(_ other: Totals) {
      lines += other.lines
      truncated += other.truncated
      invalidUTF8 += other.invalidUTF8
      nul += other.nul
      if error == nil { error = other.error }
    }
  }

  init(descriptor: Int32, range: Range<Int>, maxLineBytes: Int, chunkBytes: Int, lanes: Int) {
    self.descriptor = descriptor
    self.range = range
    self.maxLineBytes = max(1, maxLineBytes)
    self.chunkBytes = max(1, chunkBytes)
    self.lanes = max(1, min(lanes, (range.count + self.chunkBytes - 1) / self.chunkBytes))
  }

  var chunkCount: Int { range.isEmpty ? 0 : (range.count + chunkBytes - 1) / chunkBytes }

  /// Reads every chunk, `lanes` at a time; `decode(lane, chunk, bytes, lines)` runs on lane
  /// `lane`'s thread and must only touch that lane's state.
  func read(
    decode: @escaping @Sendable (Int, Int, UnsafePointer<UInt8>, UnsafeBufferPointer<Line>) -> Void
  ) -> Totals {
    let results = LaneResults(count: lanes)
    let claims = ChunkClaims()
    let reader = self
    DispatchQueue.concurrentPerform(iterations: lanes) { lane in
      results.store(reader.readLane(lane, claims, decode), lane: lane)
    }
    return results.total
  }

  private func readLane(
    _ lane: Int, _ claims: ChunkClaims,
    _ decode: (Int, Int, UnsafePointer<UInt8>, UnsafeBufferPointer<Line>) -> Void
  ) -> Totals {
    var totals = Totals()
    // One byte before the chunk (was it a newline?) and a whole line's worth after it.
    let capacity = chunkBytes + maxLineBytes + 2
    let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
    defer { buffer.deallocate() }
    var lines: [Line] = []
    lines.reserveCapacity(chunkBytes / 64)
    while true {
      let chunk = claims.next()
      guard chunk < chunkCount else { break }
      let start = range.lowerBound + chunk * chunkBytes
      let end = min(start + chunkBytes, range.upperBound)
      let readFrom = start == range.lowerBound ? start : start - 1
      let readTo = min(end + maxLineBytes + 1, range.upperBound)
      if let error = readFully(into: buffer, from: readFrom, count: readTo - readFrom) {
        totals.error = error
        break
      }
      lines.removeAll(keepingCapacity: true)
      split(
        buffer, count: readTo - readFrom, chunkStart: start - readFrom, chunkEnd: end - readFrom,
        into: &lines, totals: &totals)
      lines.withUnsafeBufferPointer { decode(lane, chunk, UnsafePointer(buffer), $0) }
    }
    return totals
  }

  /// Cuts the lines starting in `chunkStart..<chunkEnd` of `buffer`.
  private func split(
    _ buffer: UnsafeMutablePointer<UInt8>, count: Int, chunkStart: Int, chunkEnd: Int,
    into lines: inout [Line], totals: inout Totals
  ) {
    var lineStart = chunkStart
    // Not the stretch's first chunk: the line running into it belongs to the chunk before.
    if chunkStart > 0 && buffer[chunkStart - 1] != 0x0A {
      guard let found = memchr(buffer + chunkStart, 0x0A, count - chunkStart) else { return }
      lineStart = found.assumingMemoryBound(to: UInt8.self) - buffer + 1
    }
    // Most logs are plain ASCII: one check over the whole chunk then spares each line its own.
    let plain = LineContentScanner.isPlainASCII(buffer + lineStart, count: count - lineStart)
    while lineStart < chunkEnd {
      let newline = memchr(buffer + lineStart, 0x0A, count - lineStart).map {
        $0.assumingMemoryBound(to: UInt8.self) - buffer
      }
      // No newline within reach: the line is longer than `maxLineBytes` (the buffer holds that
      // much past the chunk, and the stretch ends with a newline).
      var (length, flags) = LineSplitter.cut(
        buffer + lineStart, length: (newline ?? count) - lineStart, maxLineBytes: maxLineBytes)
      if flags.contains(.truncated) { totals.truncated += 1 }
      if !plain { flags.formUnion(LineContentScanner.flags(buffer + lineStart, count: length)) }
      if flags.contains(.invalidUTF8) { totals.invalidUTF8 += 1 }
      if flags.contains(.nul) { totals.nul += 1 }
      lines.append(Line(start: lineStart, count: length, flags: flags))
      totals.lines += 1
      guard let newline else { return }
      lineStart = newline + 1
    }
  }

  private func readFully(into buffer: UnsafeMutablePointer<UInt8>, from offset: Int, count: Int)
    -> Int32?
  {
    var done = 0
    while done < count {
      let got = pread(descriptor, buffer + done, count - done, off_t(offset + done))
      if got > 0 {
        done += got
      } else if got < 0 && errno == EINTR {
        continue
      } else {
        // Shorter than `fstat` said: the file was truncated under us.
        return got == 0 ? EIO : errno
      }
    }
    return nil
  }

  /// Where the last complete line of `descriptor` before `end` ends (just after its newline), at or
  /// after `start`; nil when there is no newline in that stretch.
  static func lastLineEnd(descriptor: Int32, start: Int, end: Int) -> Int? {
    let window = 64 << 10
    let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: window)
    defer { buffer.deallocate() }
    var high = end
    while high > start {
      let low = max(start, high - window)
      let got = pread(descriptor, buffer, high - low, off_t(low))
      guard got == high - low else { return nil }
      // memrchr is a GNU extension Glibc does not export to Swift; a tail is short anyway.
      var i = got - 1
      while i >= 0 {
        if buffer[i] == 0x0A { return low + i + 1 }
        i -= 1
      }
      high = low
    }
    return nil
  }

  /// Hands out chunk numbers in order, each once.
  private final class ChunkClaims: Sendable {
    private let counter = Atomic<Int>(0)
    func next() -> Int { counter.wrappingAdd(1, ordering: .relaxed).oldValue }
  }

  /// Each lane's totals, written once by its own thread into its own element.
  private final class LaneResults: @unchecked Sendable {
    private let totals: UnsafeMutablePointer<Totals>
    private let count: Int

    init(count: Int) {
      self.count = count
      totals = .allocate(capacity: count)
      totals.initialize(repeating: Totals(), count: count)
    }

    deinit {
      totals.deinitialize(count: count)
      totals.deallocate()
    }

    func store(_ t: Totals, lane: Int) { totals[lane] = t }

    var total: Totals {
      var sum = Totals()
      for lane in 0..<count { sum.add(totals[lane]) }
      return sum
    }
  }
}
