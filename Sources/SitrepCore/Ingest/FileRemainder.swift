/// The rest of a paused file, up to its last newline, handed to whoever plans a headless read
/// (`SourceSet.remainder(of:)`): it reads the bytes in parallel chunks and gives the totals back
/// (`SourceSet.skipRemainder`).
struct FileRemainder {
  /// Borrowed from the followed file, which keeps it open; never closed by the reader.
  let descriptor: Int32
  let bytes: Range<Int>
  let maxLineBytes: Int
  let chunkBytes: Int
  let lanes: Int
  /// How much of it an app-log read merges at a time (`FollowOptions.bulkWaveBytes`).
  var waveBytes = Int.max

  /// A reader splitting the bytes (or `range` of them) into chunks for `lanes` threads.
  func reader(_ range: Range<Int>? = nil) -> ChunkedLineReader {
    ChunkedLineReader(
      descriptor: descriptor, range: range ?? bytes, maxLineBytes: maxLineBytes,
      chunkBytes: chunkBytes, lanes: lanes)
  }

  /// The bytes cut into waves of about `waveBytes`, each ending just after a newline (a line
  /// longer than a wave stays whole in one).
  func waves() -> [Range<Int>] {
    var waves: [Range<Int>] = []
    var start = bytes.lowerBound
    while start < bytes.upperBound {
      var stop = bytes.upperBound
      if bytes.upperBound - start > waveBytes,
        let cut = ChunkedLineReader.lastLineEnd(
          descriptor: descriptor, start: start, end: start + waveBytes), cut > start
      {
        stop = cut
      }
      waves.append(start..<stop)
      start = stop
    }
    return waves
  }
}
