/// Reads a line's own time without knowing its format, for reads that start at a moment
/// (`BackfillLocator.startForTime`): the first ISO 8601 stamp (`2026-11-24T14:02:31Z`, Python's
/// asctime, gunicorn's) or bracketed CLF stamp (`[24/Nov/2026:14:02:31 +0000]`, nginx; with a
/// space, Werkzeug's and Django's; uWSGI's bracketed ctime) near the start of the line. Lines without one (traceback continuations) have no time.
public enum LineTimeProbe {
  /// Stamps come first or after a short prefix (`[pid]`, `INFO`, a client address): looking
  /// further would find times quoted in messages.
  static let searchBytes = 160

  /// The zone that reads a zoneless stamp as the latest moment it can be (UTC−12): where a read
  /// by time starts is decided before the file's zone is known (from config, `--tz` or inferred
  /// while decoding), and a stamp read too late only starts the read earlier, while one read too
  /// early would skip lines the window needs (a UTC container log on a Berlin host lost them all).
  public static let latestZone = NaiveZone.fixed(-12 * 3600)

  public static func make(naiveZone: NaiveZone) -> (LineBytes) -> EpochSeconds? {
    { line in time(in: line, naiveZone: naiveZone) }
  }

  static func time(in line: LineBytes, naiveZone: NaiveZone) -> EpochSeconds? {
    let end = min(line.count, searchBytes)
    var i = 0
    while i < end {
      let byte = line[i]
      if byte == UInt8(ascii: "["), i + 1 < line.count, ByteClass.isDigit(line[i + 1]) {
        var c = ByteCursor(line, at: i + 1)
        if let t = TimestampParser.clf(&c, naiveZone: naiveZone) { return t }
        // Werkzeug and Django runserver: `[26/Nov/2026 16:15:42]`.
        if let t = TimestampParser.clfSpaced(&c, naiveZone: naiveZone) { return t }
      } else if byte == UInt8(ascii: "["), i + 1 < line.count, ByteClass.isUpper(line[i + 1]) {
        // uWSGI's request lines: `[Thu Nov 26 16:16:33 2026]`.
        var c = ByteCursor(line, at: i + 1)
        if let t = TimestampParser.ctime(&c, naiveZone: naiveZone) { return t }
      } else if ByteClass.isDigit(byte), i + 4 < line.count, line[i + 4] == UInt8(ascii: "-"),
        i == 0 || !ByteClass.isDigit(line[i - 1])
      {
        var c = ByteCursor(line, at: i)
        if let t = TimestampParser.iso8601(&c, naiveZone: naiveZone) { return t }
      }
      i += 1
    }
    return nil
  }
}
