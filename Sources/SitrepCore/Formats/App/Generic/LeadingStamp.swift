/// The timestamp a log line starts with, in any shape people's logs use, for `generic-log`:
/// formats that know their stamp call `TimestampParser` directly; this tries them all.
///
/// ISO 8601 and Python's asctime (`2026-11-26T12:00:00Z`, `2026-11-26 12:00:00,123`), slashed
/// dates (`2026/11/26 12:00:00`, nginx's error log), CLF with a colon or a space before the time
/// (`26/Nov/2026:12:00:00 +0000`, `26/Nov/2026 12:00:00`), ctime (`Thu Nov 26 12:00:00 2026`),
/// syslog (`Nov 26 12:00:00`), epoch seconds or milliseconds, and a bare time of day
/// (`16:00:47`, dated by `readAt`). Zoneless stamps are in `naiveZone`.
enum LeadingStamp {
  static func read(_ c: inout ByteCursor, readAt: EpochSeconds, naiveZone: NaiveZone)
    -> EpochSeconds?
  {
    let start = c.index
    guard let first = c.peek else { return nil }
    if ByteClass.isDigit(first) {
      if let t = TimestampParser.iso8601(&c, naiveZone: naiveZone) { return t }
      if let t = slashed(&c, naiveZone: naiveZone) { return t }
      if let t = TimestampParser.clfSpaced(&c, naiveZone: naiveZone) { return t }
      if let t = TimestampParser.clf(&c, naiveZone: naiveZone) { return t }
      if let t = epoch(&c) { return t }
      if let t = TimestampParser.timeOfDay(&c, readAt: readAt, naiveZone: naiveZone) {
        return t
      }
    } else if ByteClass.isUpper(first) {
      if let t = ctime(&c, readAt: readAt, naiveZone: naiveZone) { return t }
      if let t = TimestampParser.syslog(&c, readAt: readAt, naiveZone: naiveZone) {
        return t
      }
    }
    c.index = start
    return nil
  }

  /// `2026/11/26 12:00:00` (also with `T` or `-` in the middle), no zone.
  static func slashed(_ c: inout ByteCursor, naiveZone: NaiveZone) -> EpochSeconds? {
    let start = c.index
    guard let year = c.readFixedInt(4), c.skip(UInt8(ascii: "/")), let month = c.readFixedInt(2),
      c.skip(UInt8(ascii: "/")), let day = c.readFixedInt(2),
      c.skip(UInt8(ascii: " ")) || c.skip(UInt8(ascii: "T")) || c.skip(UInt8(ascii: "-")),
      let (hour, minute, second, fraction) = TimestampParser.clock(&c),
      let t = TimestampParser.epoch(
        year: year, month: month, day: day, hour: hour, minute: minute, second: second,
        fraction: fraction, writtenOffset: nil, naiveZone: naiveZone)
    else {
      c.index = start
      return nil
    }
    return t
  }

  /// `Thu Nov 26 16:16:33 2026` (C's ctime, uWSGI and Apache's error log), no zone.
  static func ctime(_ c: inout ByteCursor, readAt: EpochSeconds, naiveZone: NaiveZone)
    -> EpochSeconds?
  {
    let start = c.index
    let weekday = c.read { ByteClass.isAlpha($0) }
    guard weekday.count == 3, c.skip(UInt8(ascii: " ")), let b0 = c.peek, let b1 = c.peek(at: 1),
      let b2 = c.peek(at: 2), let month = CivilDate.month(abbreviation: b0, b1, b2)
    else {
      c.index = start
      return nil
    }
    c.index += 3
    guard c.skipSpaces() > 0, let day = c.readInt(minDigits: 1, maxDigits: 2), c.skipSpaces() > 0,
      let (hour, minute, second, fraction) = TimestampParser.clock(&c), c.skipSpaces() > 0,
      let year = c.readFixedInt(4),
      let t = TimestampParser.epoch(
        year: year, month: month, day: day, hour: hour, minute: minute, second: second,
        fraction: fraction, writtenOffset: nil, naiveZone: naiveZone)
    else {
      c.index = start
      return nil
    }
    return t
  }

  /// Epoch seconds (10 digits, optional fraction) or milliseconds (13 digits), ended by a space,
  /// a bracket or the end: other numbers at the start of a line are not times.
  static func epoch(_ c: inout ByteCursor) -> EpochSeconds? {
    let start = c.index
    let digits = c.read { ByteClass.isDigit($0) }
    guard digits.count == 10 || digits.count == 13 else {
      c.index = start
      return nil
    }
    if digits.count == 10, c.peek == UInt8(ascii: "."), let d = c.peek(at: 1), ByteClass.isDigit(d)
    {
      c.index += 1
      _ = c.read { ByteClass.isDigit($0) }
    }
    guard c.isAtEnd || c.peek == UInt8(ascii: " ") || c.peek == UInt8(ascii: "]"),
      let value = ByteClass.double(c.bytes, start..<c.index),
      let t = TimestampParser.epochNumber(value)
    else {
      c.index = start
      return nil
    }
    return t
  }
}
