/// Reads a line's own time without knowing its format, for reads that start at a moment
/// (`BackfillLocator.startForTime`): the first ISO 8601 stamp (`2026-11-24T14:02:31Z`, Python's
/// asctime, gunicorn's) or bracketed CLF stamp (`[24/Nov/2026:14:02:31 +0000]`, nginx) near the
/// start of the line. Lines without one (traceback continuations) have no time.
public enum LineTimeProbe {
  /// Stamps come first or after a short prefix (`[pid]`, `INFO`, a client address): looking
  /// further would find times quoted in messages.
  static let searchBytes = 160

  public static func make(localOffset: Int) -> (LineBytes) -> EpochSeconds? {
    { line in time(in: line, localOffset: localOffset) }
  }

  static func time(in line: LineBytes, localOffset: Int) -> EpochSeconds? {
    let end = min(line.count, searchBytes)
    var i = 0
    while i < end {
      let byte = line[i]
      if byte == UInt8(ascii: "["), i + 1 < line.count, ByteClass.isDigit(line[i + 1]) {
        var c = ByteCursor(line, at: i + 1)
        if let t = TimestampParser.clf(&c, localOffset: localOffset) { return t }
      } else if ByteClass.isDigit(byte), i + 4 < line.count, line[i + 4] == UInt8(ascii: "-"),
        i == 0 || !ByteClass.isDigit(line[i - 1])
      {
        var c = ByteCursor(line, at: i)
        if let t = TimestampParser.iso8601(&c, localOffset: localOffset) { return t }
      }
      i += 1
    }
    return nil
  }
}
