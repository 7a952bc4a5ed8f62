/// Byte-level parsers for the timestamp shapes found in Python service logs.
///
/// Each parser reads from a cursor, returns UTC epoch seconds and leaves the cursor after the
/// stamp; on failure it returns `nil` and leaves the cursor where it was. Impossible dates
/// (month 13, Feb 30) are failures, never traps.
public enum TimestampParser {
  /// nginx / Apache / gunicorn access `$time_local`: `24/Nov/2026:14:02:31 +0000` (no brackets).
  /// A missing zone takes `naiveZone`.
  public static func clf(_ c: inout ByteCursor, naiveZone: NaiveZone) -> EpochSeconds? {
    let start = c.index
    guard let day = c.readInt(minDigits: 1, maxDigits: 2), c.skip(UInt8(ascii: "/")),
      let b0 = c.peek, let b1 = c.peek(at: 1), let b2 = c.peek(at: 2),
      let month = CivilDate.month(abbreviation: b0, b1, b2)
    else { return restore(&c, start) }
    c.index += 3
    guard c.skip(UInt8(ascii: "/")), let year = c.readFixedInt(4), c.skip(UInt8(ascii: ":")),
      let (hour, minute, second, fraction) = clock(&c)
    else { return restore(&c, start) }
    var offset: Int?
    let beforeZone = c.index
    if c.skip(UInt8(ascii: " ")) {
      if let zone = zoneOffset(&c) { offset = zone } else { c.index = beforeZone }
    }
    guard
      let t = epoch(
        year: year, month: month, day: day, hour: hour, minute: minute, second: second,
        fraction: fraction, writtenOffset: offset, naiveZone: naiveZone)
    else { return restore(&c, start) }
    return t
  }

  /// ISO 8601 and its Python relatives: `2026-11-24T14:02:31.118Z`, `2026-11-24 14:02:31,118`
  /// (asctime), `2026-11-24 14:00:00 +0000` (gunicorn), `+01:00`, `+0100`, `+01`, or no zone
  /// (then `naiveZone` applies).
  public static func iso8601(_ c: inout ByteCursor, naiveZone: NaiveZone) -> EpochSeconds? {
    let start = c.index
    guard let year = c.readFixedInt(4), c.skip(UInt8(ascii: "-")),
      let month = c.readFixedInt(2), c.skip(UInt8(ascii: "-")), let day = c.readFixedInt(2),
      let sep = c.peek,
      sep == UInt8(ascii: "T") || sep == UInt8(ascii: " ")
        || sep == UInt8(ascii: "t") || sep == UInt8(ascii: "_")
    else { return restore(&c, start) }
    c.index += 1
    guard let (hour, minute, second, fraction) = clock(&c) else { return restore(&c, start) }
    var offset: Int?
    if c.skip(UInt8(ascii: "Z")) || c.skip(UInt8(ascii: "z")) {
      offset = 0
    } else if let zone = zoneOffset(&c) {
      offset = zone
    } else if c.peek == UInt8(ascii: " ") {
      // gunicorn writes a space before the zone; only take it when a real zone follows.
      let beforeSpace = c.index
      c.index += 1
      if let zone = zoneOffset(&c), zoneIsFourDigits(c, from: beforeSpace + 1) {
        offset = zone
      } else if c.skip("UTC") || c.skip("GMT") {
        offset = 0
      } else {
        c.index = beforeSpace
      }
    }
    guard
      let t = epoch(
        year: year, month: month, day: day, hour: hour, minute: minute, second: second,
        fraction: fraction, writtenOffset: offset, naiveZone: naiveZone)
    else { return restore(&c, start) }
    return t
  }

  /// BSD syslog `Nov 24 14:00:01` (day may be space-padded). The year is not written: it is taken
  /// from `readAt`, and when that puts the line more than a day in the future (a December line
  /// read in January) the previous year is used.
  public static func syslog(_ c: inout ByteCursor, readAt: EpochSeconds, naiveZone: NaiveZone)
    -> EpochSeconds?
  {
    let start = c.index
    guard let b0 = c.peek, let b1 = c.peek(at: 1), let b2 = c.peek(at: 2),
      let month = CivilDate.month(abbreviation: b0, b1, b2)
    else { return restore(&c, start) }
    c.index += 3
    guard c.skipSpaces() > 0, let day = c.readInt(minDigits: 1, maxDigits: 2),
      c.skipSpaces() > 0, let (hour, minute, second, fraction) = clock(&c)
    else { return restore(&c, start) }
    let year = localCivil(readAt, naiveZone).year
    for candidate in [year, year - 1] {
      guard
        let t = epoch(
          year: candidate, month: month, day: day, hour: hour, minute: minute, second: second,
          fraction: fraction, writtenOffset: nil, naiveZone: naiveZone)
      else { continue }
      if t <= readAt + 86_400 { return t }
    }
    return restore(&c, start)
  }

  /// A time of day without a date (`14:00:00`, RQ). The date is `readAt`'s in the local zone; a
  /// time more than an hour ahead of `readAt` belongs to the previous day (read just after
  /// midnight).
  public static func timeOfDay(_ c: inout ByteCursor, readAt: EpochSeconds, naiveZone: NaiveZone)
    -> EpochSeconds?
  {
    let start = c.index
    guard let (hour, minute, second, fraction) = clock(&c), hour < 24, minute < 60, second <= 60
    else { return restore(&c, start) }
    guard readAt.isFinite, abs(readAt) < 1e12 else { return restore(&c, start) }
    let readAtSecond = Int(saturating: readAt.rounded(.down))
    let localDay = (readAtSecond + naiveZone.offset(atUTC: readAtSecond)).floorDiv(86_400)
    let wall = localDay * 86_400 + hour * 3600 + minute * 60 + second
    var t = Double(wall - naiveZone.offset(forWallClock: wall)) + fraction
    if t > readAt + 3600 { t -= 86_400 }
    return t
  }

  /// A number used as a time in JSON: seconds, or milliseconds / microseconds / nanoseconds
  /// told apart by magnitude (1e11 seconds is the year 5138, 1e11 ms is 1973).
  public static func epochNumber(_ value: Double) -> EpochSeconds? {
    guard value.isFinite, value > 0 else { return nil }
    switch value {
    case ..<1e11: return value
    case ..<1e14: return value / 1e3
    case ..<1e17: return value / 1e6
    case ..<1e20: return value / 1e9
    default: return nil
    }
  }

  /// Any supported stamp written as a whole string (JSON and logfmt values): ISO 8601, CLF,
  /// syslog, an epoch number, or a time of day.
  public static func parse(_ text: String, readAt: EpochSeconds, naiveZone: NaiveZone)
    -> EpochSeconds?
  {
    var copy = text
    return copy.withUTF8 { bytes -> EpochSeconds? in
      var c = ByteCursor(bytes)
      c.skipSpaces()
      c.skip(UInt8(ascii: "["))
      let begin = c.index
      // Tried in turn without building a list of closures: this runs once per JSON/logfmt line.
      if let t = iso8601(&c, naiveZone: naiveZone), atEndOfStamp(c) { return t }
      c.index = begin
      if let t = clf(&c, naiveZone: naiveZone), atEndOfStamp(c) { return t }
      c.index = begin
      if let t = syslog(&c, readAt: readAt, naiveZone: naiveZone), atEndOfStamp(c) { return t }
      c.index = begin
      if let number = c.readDecimal(), atEndOfStamp(c) { return epochNumber(number) }
      c.index = begin
      if let t = timeOfDay(&c, readAt: readAt, naiveZone: naiveZone), atEndOfStamp(c) {
        return t
      }
      return nil
    }
  }

  // MARK: - Pieces

  /// `HH:MM:SS` with an optional `.fff` / `,fff` fraction.
  static func clock(_ c: inout ByteCursor) -> (Int, Int, Int, Double)? {
    let start = c.index
    guard let hour = c.readFixedInt(2), c.skip(UInt8(ascii: ":")), let minute = c.readFixedInt(2),
      c.skip(UInt8(ascii: ":")), let second = c.readFixedInt(2)
    else {
      c.index = start
      return nil
    }
    var fraction = 0.0
    if let sep = c.peek, sep == UInt8(ascii: ".") || sep == UInt8(ascii: ","),
      let d = c.peek(at: 1), ByteClass.isDigit(d)
    {
      c.index += 1
      var scale = 0.1
      while let b = c.peek, let digit = ByteClass.digit(b) {
        fraction += Double(digit) * scale
        scale /= 10
        c.index += 1
      }
    }
    return (hour, minute, second, fraction)
  }

  /// `+hh:mm`, `+hhmm` or `+hh` (also `-`), as seconds east of UTC.
  static func zoneOffset(_ c: inout ByteCursor) -> Int? {
    let start = c.index
    guard let sign = c.peek, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else {
      return nil
    }
    c.index += 1
    guard let hours = c.readFixedInt(2), hours <= 23 else {
      c.index = start
      return nil
    }
    var minutes = 0
    let afterHours = c.index
    c.skip(UInt8(ascii: ":"))
    if let m = c.readFixedInt(2) {
      guard m <= 59 else {
        c.index = start
        return nil
      }
      minutes = m
    } else {
      c.index = afterHours
    }
    let seconds = hours * 3600 + minutes * 60
    return sign == UInt8(ascii: "-") ? -seconds : seconds
  }

  private static func zoneIsFourDigits(_ c: ByteCursor, from start: Int) -> Bool {
    c.index - start >= 5
  }

  private static func atEndOfStamp(_ c: ByteCursor) -> Bool {
    var probe = c
    probe.skip(UInt8(ascii: "]"))
    probe.skipSpaces()
    return probe.isAtEnd
  }

  /// Epoch seconds for civil fields: at the offset the line wrote, else in `naiveZone` at that
  /// wall-clock time (so each line gets its own DST offset).
  static func epoch(
    year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, fraction: Double,
    writtenOffset: Int?, naiveZone: NaiveZone
  ) -> EpochSeconds? {
    if let writtenOffset {
      return CivilDate.epoch(
        year: year, month: month, day: day, hour: hour, minute: minute, second: second,
        fraction: fraction, offsetSeconds: writtenOffset)
    }
    if case .fixed(let seconds) = naiveZone.rule {
      return CivilDate.epoch(
        year: year, month: month, day: day, hour: hour, minute: minute, second: second,
        fraction: fraction, offsetSeconds: seconds)
    }
    guard
      let wall = CivilDate.epoch(
        year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    else { return nil }
    let wallSecond = Int(saturating: wall)
    return Double(wallSecond - naiveZone.offset(forWallClock: wallSecond)) + fraction
  }

  private static func localCivil(_ t: EpochSeconds, _ zone: NaiveZone) -> (
    year: Int, month: Int, day: Int
  ) {
    guard t.isFinite, abs(t) < 1e12 else { return (1970, 1, 1) }
    let second = Int(saturating: t.rounded(.down))
    let days = (second + zone.offset(atUTC: second)).floorDiv(86_400)
    return CivilDate.civilFromDays(days)
  }

  private static func restore(_ c: inout ByteCursor, _ index: Int) -> EpochSeconds? {
    c.index = index
    return nil
  }
}

extension Int {
  /// Division rounding towards negative infinity (times before 1970 in a negative offset).
  fileprivate func floorDiv(_ d: Int) -> Int {
    let q = self / d
    return (self % d != 0 && (self < 0) != (d < 0)) ? q - 1 : q
  }
}
