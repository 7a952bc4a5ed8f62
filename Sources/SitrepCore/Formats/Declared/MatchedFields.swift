/// What one line's fields gave, as byte ranges into the line and parsed numbers: nothing is turned
/// into a String until the decoder keeps it.
struct MatchedFields {
  var client: Range<Int>?
  var time: EpochSeconds?
  var request: Range<Int>?
  var method: Range<Int>?
  var path: Range<Int>?
  var status: Int?
  var bytes: Int?
  var referer: Range<Int>?
  var userAgent: Range<Int>?
  var durationMs: Double?
  var upstreamMs: Double?
  var level: LogLevel?
  var logger: Range<Int>?
  var message: Range<Int>?
  var msecs: Double?

  /// The line's time; `msecs` added when the time itself stops at the second
  /// (`%(asctime)s.%(msecs)03d` with a `datefmt`, which has no fraction).
  var timeWithMsecs: EpochSeconds? {
    guard let time, let msecs, time.rounded(.down) == time, msecs >= 0, msecs < 1000 else {
      return time
    }
    return time + msecs / 1000
  }

  /// Takes a field whose extent is known (a regex group), reading its value from the text.
  /// False when the text is not a value of the field (a status that is not a number).
  mutating func assign(
    _ meaning: FieldMeaning, _ range: Range<Int>, in line: LineBytes, readAt: EpochSeconds,
    naiveZone: NaiveZone
  ) -> Bool {
    let slice = LineBytes(rebasing: line[range])
    switch meaning {
    case .client: client = range
    case .request: request = range
    case .method: method = range
    case .path: path = range
    case .referer: referer = range
    case .userAgent: userAgent = range
    case .logger: logger = range
    case .message: message = range
    case .ignored: break
    case .time:
      let text = ByteClass.string(line, range)
      guard let t = TimestampParser.parse(text, readAt: readAt, naiveZone: naiveZone) else {
        return false
      }
      time = t
    case .status:
      var c = ByteCursor(slice)
      guard let s = c.readInt(minDigits: 3, maxDigits: 3), c.isAtEnd else { return false }
      status = s
    case .bytes:
      var c = ByteCursor(slice)
      if c.skip(UInt8(ascii: "-")), c.isAtEnd { return true }
      guard let b = c.readInt(), c.isAtEnd else { return false }
      bytes = b
    case .duration(let unit):
      guard let v = FieldReading.decimalOrDash(slice) else { return false }
      durationMs = v.map(unit.milliseconds)
    case .upstream:
      guard let v = FieldReading.decimalList(slice) else { return false }
      upstreamMs = v.map { $0 * 1000 }
    case .level:
      guard let l = LogLevel(loose: ByteClass.string(line, range).trimmingSpaces) else {
        return false
      }
      level = l
    case .msecs:
      guard let v = FieldReading.decimalOrDash(slice) else { return false }
      msecs = v
    case .levelNumber:
      var c = ByteCursor(slice)
      guard let n = c.readInt(maxDigits: 3), c.isAtEnd else { return false }
      level = FieldReading.level(number: n)
    }
    return true
  }
}

/// Reading the values of typed fields from their bytes.
enum FieldReading {
  /// `-` (nil inside) or a non-negative decimal; nil when neither.
  static func decimalOrDash(_ bytes: LineBytes) -> Double?? {
    var c = ByteCursor(bytes)
    if c.skip(UInt8(ascii: "-")), c.isAtEnd { return .some(nil) }
    guard let v = c.readDecimal(), v >= 0, c.isAtEnd else { return nil }
    return .some(v)
  }

  /// nginx upstream times: `-`, `0.012`, `0.012, 0.003` or `0.5 : 0.2` (several upstream
  /// groups). The attempts are **summed**, as `TrailingTimes.nginx` does for the built-in formats:
  /// the sum is how long nginx waited on upstreams in all, which is what explains a slow request
  /// (the last attempt alone would hide the timeouts before it). `-` entries count for nothing;
  /// all `-` gives nil inside.
  static func decimalList(_ bytes: LineBytes) -> Double?? {
    var c = ByteCursor(bytes)
    var total: Double?
    repeat {
      if c.skip(UInt8(ascii: "-")) {
      } else if let v = c.readDecimal(), v >= 0 {
        total = (total ?? 0) + v
      } else {
        return nil
      }
      guard !c.isAtEnd else { break }
      guard separator(&c) else { return nil }
    } while true
    return .some(total)
  }

  /// `, ` or ` : ` between upstream attempts; consumes nothing when absent.
  @discardableResult
  static func separator(_ c: inout ByteCursor) -> Bool {
    let start = c.index
    c.skipSpaces()
    if c.skip(UInt8(ascii: ",")) || c.skip(UInt8(ascii: ":")) {
      c.skipSpaces()
      return true
    }
    c.index = start
    return false
  }

  /// Python's level numbers: 10 DEBUG, 20 INFO, 30 WARNING, 40 ERROR, 50 CRITICAL (custom levels
  /// in between go to the level below).
  static func level(number: Int) -> LogLevel {
    switch number {
    case ..<20: .debug
    case 20..<30: .info
    case 30..<40: .warning
    case 40..<50: .error
    default: .critical
    }
  }
}

extension String {
  /// Without leading and trailing spaces (padded `%(levelname)-8s`).
  var trimmingSpaces: Substring {
    var s = Substring(self)
    while s.first == " " { s.removeFirst() }
    while s.last == " " { s.removeLast() }
    return s
  }
}
