import CZlib
import Glibc

/// One open file descriptor (plain or gzip) with its own line splitter. A followed path may have
/// several over time: the current one and old ones still drained after a rotation.
final class OpenFile {
  let descriptor: Int32
  let info: FileSystem.Info
  let splitter: LineSplitter
  /// Bytes of the file consumed so far (the uncompressed stream for gzip).
  var offset: Int
  /// The inotify watch on this inode, when there is one.
  var watch: Int32?
  /// For a drained old file: when to stop waiting for late writes.
  var drainUntil: EpochSeconds = 0
  /// For a drained old file: when bytes last came from it (or it started being drained).
  var lastDataAt: EpochSeconds = 0
  private var gzip: gzFile?
  /// For gzip: the decompressed bytes read before the read stops (see `FollowOptions.gzipLimit`).
  var decompressedLimit = Int.max
  /// The last bytes read before `offset`: after a copytruncate they identify the copy that holds
  /// what we had not read yet.
  private(set) var recentBytes: [UInt8] = []
  static let recentByteCount = 64

  init(descriptor: Int32, info: FileSystem.Info, offset: Int, maxLineBytes: Int, gzip: Bool) {
    self.descriptor = descriptor
    self.info = info
    self.offset = offset
    splitter = LineSplitter(maxLineBytes: maxLineBytes)
    if offset > 0 { lseek(descriptor, off_t(offset), SEEK_SET) }
    if gzip {
      // gzdopen takes ownership of a descriptor; give it a duplicate so close stays uniform.
      let duplicate = dup(descriptor)
      self.gzip = duplicate >= 0 ? gzdopen(duplicate, "rb") : nil
      if self.gzip == nil && duplicate >= 0 { close(duplicate) }
    }
  }

  deinit {
    if let gzip { gzclose(gzip) }
    close(descriptor)
  }

  struct ReadOutcome {
    var bytes = 0
    var reachedEnd = false
    var error: Int32?
    /// The read stopped at `decompressedLimit` with more to come: the rest is left unread.
    var stoppedAtLimit = false
  }

  var isCompressed: Bool { gzip != nil }

  /// Reads until end of file or until `budget` bytes, emitting complete lines; `stop` is asked
  /// after each chunk whether to end early.
  func read(
    budget: Int, stop: () -> Bool = { false }, emit: (LineBytes, LineFlags) -> Void
  ) -> ReadOutcome {
    var outcome = ReadOutcome()
    while outcome.bytes < budget {
      let space = splitter.readSpace
      var wanted = min(space.count, splitter.chunkBytes, budget - outcome.bytes)
      let got: Int
      if let gzip {
        guard offset < decompressedLimit else {
          // Past the bound: one more byte tells a file that ends here from one that goes on.
          var probe: UInt8 = 0
          outcome.stoppedAtLimit = gzread(gzip, &probe, 1) == 1
          outcome.reachedEnd = true
          break
        }
        wanted = min(wanted, decompressedLimit - offset)
        got = Int(gzread(gzip, space.pointer, UInt32(clamping: wanted)))
      } else {
        got = Glibc.read(descriptor, space.pointer, wanted)
      }
      if got > 0 {
        // Once per read, not per line: where the buffer's first byte (the held line's) sits.
        splitter.bufferFileOffset = gzip == nil ? offset - splitter.heldBytes : -1
        outcome.bytes += got
        offset += got
        remember(UnsafeBufferPointer(start: space.pointer, count: got))
        splitter.consume(got, emit: emit)
        if stop() { break }
      } else if got == 0 {
        outcome.reachedEnd = true
        break
      } else if gzip == nil && (errno == EINTR) {
        continue
      } else if gzip == nil && (errno == EAGAIN) {
        outcome.reachedEnd = true  // a FIFO with no writer data: nothing more for now
        break
      } else {
        outcome.error = gzip == nil ? errno : EIO
        outcome.reachedEnd = true
        break
      }
    }
    return outcome
  }

  /// Reads another descriptor (a copytruncate copy) to its end through this file's splitter.
  func readToEnd(of other: Int32, emit: (LineBytes, LineFlags) -> Void) -> Int {
    var total = 0
    while true {
      let space = splitter.readSpace
      let got = Glibc.read(other, space.pointer, min(space.count, splitter.chunkBytes))
      if got < 0 && errno == EINTR { continue }
      guard got > 0 else { return total }
      splitter.bufferFileOffset = -1  // the copy's offsets are not the followed file's
      total += got
      splitter.consume(got, emit: emit)
    }
  }

  private func remember(_ bytes: UnsafeBufferPointer<UInt8>) {
    let keep = Self.recentByteCount
    if bytes.count >= keep {
      recentBytes = Array(bytes.suffix(keep))
    } else {
      recentBytes.append(contentsOf: bytes)
      if recentBytes.count > keep { recentBytes.removeFirst(recentBytes.count - keep) }
    }
  }

  /// Where the bytes not yet given as lines start: the held partial line is still unread for the
  /// caller. Nil while the rest of an over-long line is being skipped.
  var unconsumedOffset: Int? {
    guard gzip == nil, !splitter.isSkippingRestOfLine else { return nil }
    return offset - splitter.heldBytes
  }

  /// Moves on to `end` after someone else read the lines before it (a bulk read): the held partial
  /// line was among them.
  func skip(to end: Int) {
    lseek(descriptor, off_t(end), SEEK_SET)
    offset = end
    splitter.reset()
    let keep = min(Self.recentByteCount, end)
    var tail = [UInt8](repeating: 0, count: keep)
    let got = tail.withUnsafeMutableBytes {
      pread(descriptor, $0.baseAddress, keep, off_t(end - keep))
    }
    recentBytes = got == keep ? tail : []
  }

  /// Whether the file now holds less than was read from it: truncated under us. Never for a FIFO.
  /// Files of `/proc` and `/sys` report size 0 and still give bytes (taking that for a truncation
  /// rewound `/proc/self/status` for ever): a size of 0 counts only when the first byte is gone too.
  func looksTruncated() -> Bool {
    guard info.isRegular, let now = FileSystem.info(descriptor: descriptor), now.size < offset
    else { return false }
    guard now.size == 0 else { return true }
    var first: UInt8 = 0
    return pread(descriptor, &first, 1, 0) <= 0
  }

  /// Starts again from the first byte (the file was truncated under us).
  func rewind() {
    lseek(descriptor, 0, SEEK_SET)
    offset = 0
    recentBytes = []
    splitter.reset()
  }
}
