/// The timing fields some access-log formats append after the user agent.
public enum TrailingTimes {
  /// nginx: `$request_time [$upstream_response_time]`, both in seconds with millisecond
  /// resolution. After retries the upstream time is a list (`3.000, 0.049` or `0.5 : 0.2` across
  /// upstream groups); the attempts are **summed**: that is how long nginx waited on upstreams
  /// in total, which is what explains a slow request. `-` (no upstream reached) is skipped;
  /// all `-` gives `nil`. Also accepts `rt=0.038 urt=0.036` style key=value fields.
  /// Returns `nil` when the text is not timing fields at all.
  public static func nginx(_ bytes: LineBytes, _ range: Range<Int>) -> (
    requestMs: Double?, upstreamMs: Double?
  )? {
    guard !range.isEmpty else { return (nil, nil) }
    var c = ByteCursor(LineBytes(rebasing: bytes[range]))
    if let keyed = keyValueTimes(&c) { return keyed }
    var request: Double?
    if c.skip(UInt8(ascii: "-")) {
      request = nil
    } else if let seconds = c.readDecimal(), seconds >= 0 {
      request = seconds * 1000
    } else {
      return nil
    }
    guard c.isAtEnd || c.skipSpaces() > 0 else { return nil }
    var upstream: Double?
    while !c.isAtEnd {
      c.skip(UInt8(ascii: "\""))
      if c.skip(UInt8(ascii: "-")) {
      } else if let seconds = c.readDecimal(), seconds >= 0 {
        upstream = (upstream ?? 0) + seconds * 1000
      } else {
        return nil
      }
      c.skip(UInt8(ascii: "\""))
      c.skipSpaces()
      if c.skip(UInt8(ascii: ",")) || c.skip(UInt8(ascii: ":")) { c.skipSpaces() }
    }
    return (request, upstream)
  }

  /// How many digits follow the decimal point of the first trailing number (nginx prints 3,
  /// gunicorn's `%(L)s` prints 6): detection uses it to tell the two apart.
  public static func fractionDigits(_ bytes: LineBytes, _ range: Range<Int>) -> Int? {
    var i = range.lowerBound
    while i < range.upperBound, ByteClass.isDigit(bytes[i]) { i += 1 }
    guard i > range.lowerBound else { return nil }
    guard i < range.upperBound, bytes[i] == UInt8(ascii: ".") else { return 0 }
    i += 1
    let start = i
    while i < range.upperBound, ByteClass.isDigit(bytes[i]) { i += 1 }
    return i - start
  }

  /// How a bare trailing integer is read for gunicorn (`%(D)s` microseconds or `%(M)s`
  /// milliseconds cannot be told apart from the number itself).
  public enum IntegerUnit: Sendable { case microseconds, milliseconds }

  /// gunicorn: one trailing field, or two. A number with a decimal point is `%(L)s` seconds; an
  /// integer is read in `integerUnit`. Two fields are the common `%(D)s %(L)s` (or `%(M)s %(L)s`)
  /// pair: the decimal one, in seconds whatever the integer's unit, is taken. Returns `nil` when
  /// the text is not one or two such numbers.
  public static func gunicorn(_ bytes: LineBytes, _ range: Range<Int>, integerUnit: IntegerUnit)
    -> Double??
  {
    guard !range.isEmpty else { return .some(nil) }
    var c = ByteCursor(LineBytes(rebasing: bytes[range]))
    if c.skip(UInt8(ascii: "-")), c.isAtEnd { return .some(nil) }
    let firstStart = c.index
    guard let value = c.readDecimal(), value >= 0 else { return nil }
    let firstEnd = c.index
    if !c.isAtEnd {
      guard c.skipSpaces() > 0 else { return nil }
      let secondStart = c.index
      guard let second = c.readDecimal(), second >= 0, c.isAtEnd else { return nil }
      let secondHasPoint = hasPoint(bytes, range.lowerBound + secondStart..<range.upperBound)
      let firstHasPoint = hasPoint(
        bytes, range.lowerBound + firstStart..<range.lowerBound + firstEnd)
      // Exactly one of the two is seconds with a point; the other is the same time as an integer.
      guard secondHasPoint != firstHasPoint else { return nil }
      return (secondHasPoint ? second : value) * 1000
    }
    if hasPoint(bytes, range) { return value * 1000 }
    switch integerUnit {
    case .microseconds: return value / 1000
    case .milliseconds: return value
    }
  }

  private static func hasPoint(_ bytes: LineBytes, _ range: Range<Int>) -> Bool {
    bytes[range].contains(UInt8(ascii: ".")) || bytes[range].contains(UInt8(ascii: "e"))
  }

  private static func keyValueTimes(_ c: inout ByteCursor) -> (Double?, Double?)? {
    guard c.bytes.contains(UInt8(ascii: "=")) else { return nil }
    var request: Double?
    var upstream: Double?
    var found = false
    while !c.isAtEnd {
      let key = c.read { $0 != UInt8(ascii: "=") && !ByteClass.isSpace($0) }
      let name = c.string(key)
      guard c.skip(UInt8(ascii: "=")) else {
        c.skipSpaces()
        continue
      }
      let quotedValue = c.skip(UInt8(ascii: "\""))
      let value = quotedValue ? c.read(until: UInt8(ascii: "\"")) : c.readToken()
      if quotedValue { c.skip(UInt8(ascii: "\"")) }
      let total = sum(c.bytes, value)
      switch name {
      case "rt", "request_time":
        request = total
        found = true
      case "urt", "upstream_response_time", "upstream_time", "ut":
        upstream = total
        found = true
      default: break
      }
      c.skipSpaces()
    }
    return found ? (request, upstream) : nil
  }

  private static func sum(_ bytes: LineBytes, _ range: Range<Int>) -> Double? {
    var c = ByteCursor(LineBytes(rebasing: bytes[range]))
    var total: Double?
    while !c.isAtEnd {
      if let v = c.readDecimal(), v >= 0 { total = (total ?? 0) + v * 1000 } else { c.index += 1 }
    }
    return total
  }
}
