/// The stamp shapes Python dev servers and uWSGI write, which the access-log parsers do not.
extension TimestampParser {
  /// `26/Nov/2026 16:15:42`: CLF's date with a space before the time, as Werkzeug, Django
  /// runserver and Python's `datefmt='%d/%b/%Y %H:%M:%S'` write it. The servers never add a zone
  /// (`BaseHTTPRequestHandler.log_date_time_string` and Django's `server_time` are local
  /// wall-clock times, read in `naiveZone`); a ` +0100` that follows is read when a log has one.
  public static func clfSpaced(_ c: inout ByteCursor, naiveZone: NaiveZone) -> EpochSeconds? {
    let start = c.index
    guard let day = c.readInt(minDigits: 1, maxDigits: 2), c.skip(UInt8(ascii: "/")),
      let b0 = c.peek, let b1 = c.peek(at: 1), let b2 = c.peek(at: 2),
      let month = CivilDate.month(abbreviation: b0, b1, b2)
    else {
      c.index = start
      return nil
    }
    c.index += 3
    guard c.skip(UInt8(ascii: "/")), let year = c.readFixedInt(4), c.skip(UInt8(ascii: " ")),
      let (hour, minute, second, fraction) = clock(&c)
    else {
      c.index = start
      return nil
    }
    var offset: Int?
    let beforeZone = c.index
    if c.skip(UInt8(ascii: " ")) {
      if let zone = zoneOffset(&c) { offset = zone } else { c.index = beforeZone }
    }
    guard
      let t = epoch(
        year: year, month: month, day: day, hour: hour, minute: minute, second: second,
        fraction: fraction, writtenOffset: offset, naiveZone: naiveZone)
    else {
      c.index = start
      return nil
    }
    return t
  }

  /// C `ctime()` as uWSGI writes it: `Thu Nov 26 16:16:33 2026` (day may be space-padded), local
  /// wall-clock time read in `naiveZone`.
  public static func ctime(_ c: inout ByteCursor, naiveZone: NaiveZone) -> EpochSeconds? {
    let start = c.index
    // The weekday says nothing the date does not: three letters and a space.
    guard c.remaining >= 24, c.read(while: { ByteClass.isAlpha($0) }).count == 3,
      c.skip(UInt8(ascii: " ")), let b0 = c.peek, let b1 = c.peek(at: 1), let b2 = c.peek(at: 2),
      let month = CivilDate.month(abbreviation: b0, b1, b2)
    else {
      c.index = start
      return nil
    }
    c.index += 3
    c.skipSpaces()
    guard let day = c.readInt(minDigits: 1, maxDigits: 2), c.skip(UInt8(ascii: " ")),
      let (hour, minute, second, fraction) = clock(&c), c.skip(UInt8(ascii: " ")),
      let year = c.readFixedInt(4),
      let t = epoch(
        year: year, month: month, day: day, hour: hour, minute: minute, second: second,
        fraction: fraction, writtenOffset: nil, naiveZone: naiveZone)
    else {
      c.index = start
      return nil
    }
    return t
  }
}
