/// Something that can take the rest of a file's lines in one go during a headless read, decoding
/// them on several threads (see `ChunkedLineReader`), instead of one line at a time.
protocol BulkLineDecoding: AnyObject {
  /// Whether `id`'s lines can go in bulk now (its format is known, and it suits the format).
  func wantsBulk(_ id: FileID) -> Bool
  /// Decodes every line `reader` covers, in file order as far as any count can tell.
  func decodeBulk(_ id: FileID, _ reader: ChunkedLineReader) -> ChunkedLineReader.Totals
}
