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

  /// A reader splitting the bytes into chunks for `lanes` threads.
  func reader() -> ChunkedLineReader {
    ChunkedLineReader(
      descriptor: descriptor, range: bytes, maxLineBytes: maxLineBytes, chunkBytes: chunkBytes,
      lanes: lanes)
  }
}
