import Glibc

/// One pass over the usual shape of a Common / Combined Log Format line, for the request counters:
/// `client ident user [time] "METHOD target HTTP/x" status bytes ["referer" "agent"] [trailing]`
/// with single spaces, no escapes and no oddities. It reads only what the counters need (time,
/// status, method, path, trailing fields) and builds no `AccessFields`.
///
/// Anything else (two spaces, a tab, a backslash in a quoted field, a request that is not
/// `METHOD target`, a stray quote) gives `nil`, and the caller falls back to `AccessLineParser` and
/// `RequestLine`, which decide what such a line means. For every line this accepts, it gives exactly
/// what those two give (`CombinedLineScanTests` checks this on samples and on mutated lines).
struct CombinedLineScan {
  var time: EpochSeconds
  var status: Int
  var method: Range<Int>
  /// Without query string or fragment.
  var path: Range<Int>
  /// Whatever follows the user agent (or the byte count), trimmed; may be empty.
  var trailing: Range<Int>
  /// For the few requests kept in full (5xx, slowest): the client, the digits of the byte count
  /// (nil for `-`) and the user agent inside its quotes, as `AccessLineParser` gives them.
  var client: Range<Int>
  var sent: Range<Int>?
  var userAgent: Range<Int>?

  @inline(__always)
  static func scan(_ line: LineBytes, naiveZone: NaiveZone, stamps: inout RepeatedStampCache)
    -> CombinedLineScan?
  {
    guard let base = line.baseAddress else { return nil }
    // The general parser trims `\r` and spaces at the end first; so does this.
    var count = line.count
    while count > 0, base[count - 1] == 0x0D || ByteClass.isSpace(base[count - 1]) { count -= 1 }
    let bytes = LineBytes(start: base, count: count)
    // client, ident, user: each a run of visible bytes and one space.
    var i = 0
    var clientEnd = 0
    for token in 0..<3 {
      let start = i
      while i < count, base[i] > 0x20 { i &+= 1 }
      guard i > start, i + 1 < count, base[i] == 0x20, base[i + 1] > 0x20 else { return nil }
      if token == 0 { clientEnd = i }
      i &+= 1
    }
    guard base[i] == UInt8(ascii: "[") else { return nil }
    var c = ByteCursor(bytes, at: i + 1)
    guard
      let time = stamps.stamp(&c, parse: { TimestampParser.clf(&$0, naiveZone: naiveZone) })
    else { return nil }
    i = c.index
    guard i + 3 < count, base[i] == UInt8(ascii: "]"), base[i + 1] == 0x20,
      base[i + 2] == UInt8(ascii: "\"")
    else { return nil }
    i += 3
    // The request: METHOD, one space, a target, and either the closing quote or one space and
    // `HTTP/` up to it.
    let methodStart = i
    while i < count, ByteClass.isUpper(base[i]) || base[i] == UInt8(ascii: "_") { i &+= 1 }
    let method = methodStart..<i
    guard !method.isEmpty, method.count <= 20, i + 1 < count, base[i] == 0x20 else { return nil }
    i += 1
    let pathStart = i
    while i < count {
      let b = base[i]
      if b <= 0x20 || b == UInt8(ascii: "?") || b == UInt8(ascii: "#") || b == UInt8(ascii: "\"")
        || b == UInt8(ascii: "\\")
      {
        break
      }
      i &+= 1
    }
    let path = pathStart..<i
    guard !path.isEmpty, i < count else { return nil }
    if base[i] == UInt8(ascii: "?") || base[i] == UInt8(ascii: "#") {
      while i < count, base[i] > 0x20, base[i] != UInt8(ascii: "\""), base[i] != UInt8(ascii: "\\")
      {
        i &+= 1
      }
      guard i < count else { return nil }
    }
    if base[i] == 0x20 {
      i += 1
      guard i + 5 < count, base[i] == UInt8(ascii: "H"), base[i + 1] == UInt8(ascii: "T"),
        base[i + 2] == UInt8(ascii: "T"), base[i + 3] == UInt8(ascii: "P"),
        base[i + 4] == UInt8(ascii: "/")
      else { return nil }
      i += 5
      while i < count, base[i] > 0x20, base[i] != UInt8(ascii: "\""), base[i] != UInt8(ascii: "\\")
      {
        i &+= 1
      }
      guard i < count else { return nil }
    }
    guard base[i] == UInt8(ascii: "\""), i + 5 < count, base[i + 1] == 0x20 else { return nil }
    // Status: three digits and a space.
    let d0 = base[i + 2] &- 0x30
    let d1 = base[i + 3] &- 0x30
    let d2 = base[i + 4] &- 0x30
    guard d0 < 10, d1 < 10, d2 < 10, base[i + 5] == 0x20 else { return nil }
    let status = Int(d0) * 100 + Int(d1) * 10 + Int(d2)
    i += 6
    // Bytes sent: `-` or digits, then the end or one space.
    var sent: Range<Int>?
    if i < count, base[i] == UInt8(ascii: "-") {
      i += 1
    } else {
      let start = i
      while i < count, ByteClass.isDigit(base[i]) { i &+= 1 }
      guard i > start, i - start <= 18 else { return nil }
      sent = start..<i
    }
    guard i == count || (base[i] == 0x20 && i + 1 < count && base[i + 1] > 0x20) else { return nil }
    if i < count { i += 1 }
    // Referer and user agent, when quoted.
    var userAgent: Range<Int>?
    if i < count, base[i] == UInt8(ascii: "\"") {
      guard let afterReferer = closingQuote(base, from: i + 1, count: count),
        afterReferer + 2 < count, base[afterReferer + 1] == 0x20,
        base[afterReferer + 2] == UInt8(ascii: "\""),
        let afterAgent = closingQuote(base, from: afterReferer + 3, count: count)
      else { return nil }
      userAgent = (afterReferer + 3)..<afterAgent
      i = afterAgent + 1
      guard i == count || (base[i] == 0x20 && i + 1 < count && base[i + 1] > 0x20) else {
        return nil
      }
      if i < count { i += 1 }
    }
    return CombinedLineScan(
      time: time, status: status, method: method, path: path, trailing: i..<count,
      client: 0..<clientEnd, sent: sent, userAgent: userAgent)
  }

  /// The closing quote at or after `from`, when no backslash comes right before it (escapes are
  /// left to the general parser).
  @inline(__always)
  private static func closingQuote(_ base: UnsafePointer<UInt8>, from: Int, count: Int) -> Int? {
    // A one-byte field (`"-"`, the usual referer) without calling memchr.
    if from + 1 < count, base[from + 1] == 0x22, base[from] != 0x22 {
      return base[from] == UInt8(ascii: "\\") ? nil : from + 1
    }
    guard from < count, let hit = memchr(base + from, 0x22, count - from) else { return nil }
    let q = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
    guard q == from || base[q - 1] != UInt8(ascii: "\\") else { return nil }
    return q
  }

  /// nginx's `$request_time` when it is the only trailing field and a plain decimal: the value
  /// `TrailingTimes.nginx` gives for it (computed as `ByteClass.double` computes it, to the bit).
  /// Nil for anything else (ask `TrailingTimes`).
  @inline(__always)
  static func soleDecimalMs(_ line: LineBytes, _ range: Range<Int>) -> Double? {
    guard !range.isEmpty, range.count <= 15, ByteClass.isDigit(line[range.lowerBound]) else {
      return nil
    }
    var intPart: UInt64 = 0
    var fraction: UInt64 = 0
    var fractionDigits = 0
    var inFraction = false
    for i in range {
      let d = line[i] &- 0x30
      if d < 10 {
        if inFraction {
          fraction = fraction &* 10 &+ UInt64(d)
          fractionDigits &+= 1
        } else {
          intPart = intPart &* 10 &+ UInt64(d)
        }
      } else if line[i] == UInt8(ascii: "."), !inFraction {
        inFraction = true
      } else {
        return nil
      }
    }
    var seconds = Double(intPart)
    if fractionDigits > 0 {
      // 10^n by repeated multiplication is exact for n <= 15, as in ByteClass's table.
      var scale = 1.0
      for _ in 0..<fractionDigits { scale *= 10 }
      seconds += Double(fraction) / scale
    }
    return seconds * 1000
  }
}
