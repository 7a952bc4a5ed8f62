import Glibc

/// The fields of one Common / Combined Log Format line, as byte ranges into the line so nothing
/// is copied until the decoder decides what to keep.
public struct AccessFields {
  public var client: Range<Int>
  public var time: EpochSeconds
  /// Inside the quotes of `"GET /x HTTP/1.1"`.
  public var request: Range<Int>
  public var status: Int
  /// `nil` for `-` (nothing sent) or a number too large to be real.
  public var bytes: Int?
  public var referer: Range<Int>?
  public var userAgent: Range<Int>?
  /// Whatever follows (request time, upstream time, gunicorn's duration), trimmed.
  public var trailing: Range<Int>
}

/// Reads `client ident user [time] "request" status bytes ["referer" "user-agent"] [trailing]`.
/// Shared by nginx, Apache and gunicorn access logs, which all print this shape.
public enum AccessLineParser {
  public static func parse(_ line: LineBytes, naiveZone: NaiveZone) -> AccessFields? {
    var cache = RepeatedStampCache()
    return parse(line, naiveZone: naiveZone, stamps: &cache)
  }

  /// As `parse`, reusing the previous line's time when its stamp is byte for byte the same.
  public static func parse(
    _ line: LineBytes, naiveZone: NaiveZone, stamps: inout RepeatedStampCache
  ) -> AccessFields? {
    // A CRLF file leaves `\r` at the end of each line; drop it (and trailing spaces) up front so
    // the last field, whichever it is, reads cleanly. Ranges stay valid for `line`.
    var count = line.count
    while count > 0, line[count - 1] == 0x0D || ByteClass.isSpace(line[count - 1]) { count -= 1 }
    let bytes = LineBytes(rebasing: line[0..<count])
    var c = ByteCursor(bytes)
    c.skipSpaces()
    let client = c.readToken()
    guard !client.isEmpty, c.skipSpaces() > 0 else { return nil }
    // ident and user: `-` or a name. Apache may log a user name with spaces in quotes; rare.
    guard !c.readToken().isEmpty, c.skipSpaces() > 0 else { return nil }
    guard !c.readToken().isEmpty, c.skipSpaces() > 0 else { return nil }
    guard c.skip(UInt8(ascii: "[")),
      let time = stamps.stamp(&c, parse: { TimestampParser.clf(&$0, naiveZone: naiveZone) }),
      c.skip(UInt8(ascii: "]")), c.skipSpaces() > 0
    else { return nil }
    guard let request = quoted(&c), c.skipSpaces() > 0 else { return nil }
    guard let status = c.readInt(minDigits: 1, maxDigits: 3) else { return nil }
    guard c.skipSpaces() > 0 || c.isAtEnd else { return nil }
    var sent: Int?
    if c.skip(UInt8(ascii: "-")) {
      sent = nil
    } else {
      let token = c.readToken()
      guard !token.isEmpty else { return nil }
      for i in token where !ByteClass.isDigit(bytes[i]) { return nil }
      // More than 18 digits cannot be a real size; keep the request, drop the number.
      sent = token.count <= 18 ? Int(exactly: digitsValue(bytes, token)) : nil
    }
    guard c.isAtEnd || c.skipSpaces() > 0 else { return nil }
    var referer: Range<Int>?
    var agent: Range<Int>?
    let beforeQuoted = c.index
    if c.peek == UInt8(ascii: "\"") {
      if let r = quoted(&c), c.skipSpaces() > 0, let a = quoted(&c) {
        referer = r
        agent = a
        c.skipSpaces()
      } else {
        c.index = beforeQuoted
      }
    }
    var end = bytes.count
    while end > c.index, ByteClass.isSpace(bytes[end - 1]) { end -= 1 }
    return AccessFields(
      client: client, time: time, request: request, status: status, bytes: sent,
      referer: referer, userAgent: agent, trailing: c.index..<end)
  }

  /// A double-quoted field; `\"` and `\\` inside do not end it (Apache and nginx escape quotes).
  /// Returns the range inside the quotes.
  public static func quoted(_ c: inout ByteCursor) -> Range<Int>? {
    guard c.peek == UInt8(ascii: "\""), let base = c.bytes.baseAddress else { return nil }
    let inner = c.index + 1
    var from = inner
    // memchr finds the next quote with SIMD; a quote preceded by an odd run of backslashes is
    // escaped and the search goes on after it.
    while from < c.bytes.count, let hit = memchr(base + from, 0x22, c.bytes.count - from) {
      let q = hit.assumingMemoryBound(to: UInt8.self) - UnsafeMutablePointer(mutating: base)
      var slashes = 0
      while q - slashes - 1 >= inner, base[q - slashes - 1] == UInt8(ascii: "\\") { slashes += 1 }
      if slashes % 2 == 0 {
        c.index = q + 1
        return inner..<q
      }
      from = q + 1
    }
    return nil
  }

  /// The value of a run of at most 18 digits.
  static func digitsValue(_ bytes: LineBytes, _ range: Range<Int>) -> Int {
    var v = 0
    for i in range { v = v * 10 + Int(bytes[i] &- 0x30) }
    return v
  }
}

/// The parts of an HTTP request line: `GET /api/orders?page=2 HTTP/1.1`.
public struct RequestLine {
  public var method: Range<Int>
  /// Path without query string or fragment.
  public var path: Range<Int>

  /// `nil` for `-`, an empty request or anything that is not `METHOD target [HTTP/x]`
  /// (TLS handshakes sent to a plain port, scanners' garbage).
  public static func parse(_ bytes: LineBytes, _ range: Range<Int>) -> RequestLine? {
    // Plain index loops: this runs once per request line on the hot path.
    let end = range.upperBound
    var i = range.lowerBound
    while i < end,
      ByteClass.isUpper(bytes[i]) || bytes[i] == UInt8(ascii: "-")
        || bytes[i] == UInt8(ascii: "_")
    {
      i += 1
    }
    let method = range.lowerBound..<i
    guard !method.isEmpty, method.count <= 20, i < end, bytes[i] == UInt8(ascii: " ") else {
      return nil
    }
    if method.count == 1, bytes[method.lowerBound] == UInt8(ascii: "-") { return nil }
    i += 1
    let targetStart = i
    // The path ends at `?`, `#` or the space before the protocol; the target at the space.
    i = ByteScan.first(
      0x20, 0x09, UInt8(ascii: "?"), UInt8(ascii: "#"), in: bytes, from: i, to: end)
    let pathEnd = i
    if i < end, bytes[i] != 0x20, bytes[i] != 0x09 {
      i = ByteScan.first(0x20, 0x09, 0x20, 0x09, in: bytes, from: i, to: end)
    }
    guard i > targetStart else { return nil }
    while i < end, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
    if i < end {
      guard end - i >= 5, bytes[i] == UInt8(ascii: "H"), bytes[i + 1] == UInt8(ascii: "T"),
        bytes[i + 2] == UInt8(ascii: "T"), bytes[i + 3] == UInt8(ascii: "P"),
        bytes[i + 4] == UInt8(ascii: "/")
      else { return nil }
    }
    return RequestLine(method: method, path: targetStart..<pathEnd)
  }
}
