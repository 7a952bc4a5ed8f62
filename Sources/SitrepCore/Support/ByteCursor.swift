import Glibc

/// A read position in one line's bytes, with the small steps every byte-level parser needs.
///
/// Parsers work on bytes rather than `String` so a line costs no allocation until a field is
/// kept. Every read is bounds-checked: malformed input ends a parse, it never traps.
public struct ByteCursor {
  public let bytes: LineBytes
  public var index: Int

  public init(_ bytes: LineBytes, at index: Int = 0) {
    self.bytes = bytes
    self.index = index
  }

  public var isAtEnd: Bool { index >= bytes.count }
  public var remaining: Int { max(0, bytes.count - index) }

  /// The byte under the cursor, `nil` at the end.
  public var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

  public func peek(at offset: Int) -> UInt8? {
    let i = index + offset
    return i >= 0 && i < bytes.count ? bytes[i] : nil
  }

  /// Consumes `byte` when it is next.
  @discardableResult
  public mutating func skip(_ byte: UInt8) -> Bool {
    guard index < bytes.count, bytes[index] == byte else { return false }
    index += 1
    return true
  }

  /// Consumes `literal` when the bytes ahead spell it exactly.
  @discardableResult
  public mutating func skip(_ literal: StaticString) -> Bool {
    guard matches(literal) else { return false }
    index += literal.utf8CodeUnitCount
    return true
  }

  /// Whether the bytes ahead spell `literal` (nothing consumed).
  public func matches(_ literal: StaticString) -> Bool {
    let count = literal.utf8CodeUnitCount
    guard remaining >= count else { return false }
    return literal.withUTF8Buffer { lit in
      for k in 0..<count where bytes[index + k] != lit[k] { return false }
      return true
    }
  }

  /// Skips spaces (and tabs); returns how many.
  @discardableResult
  public mutating func skipSpaces() -> Int {
    let start = index
    while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
    return index - start
  }

  /// Reads up to (not including) `byte` or the end; the delimiter is not consumed.
  public mutating func read(until byte: UInt8) -> Range<Int> {
    let start = index
    while index < bytes.count, bytes[index] != byte { index += 1 }
    return start..<index
  }

  /// Reads a run of non-space bytes.
  public mutating func readToken() -> Range<Int> {
    let start = index
    while index < bytes.count, bytes[index] != 0x20, bytes[index] != 0x09 { index += 1 }
    return start..<index
  }

  /// Reads bytes while `predicate` holds.
  public mutating func read(while predicate: (UInt8) -> Bool) -> Range<Int> {
    let start = index
    while index < bytes.count, predicate(bytes[index]) { index += 1 }
    return start..<index
  }

  /// Reads an unsigned decimal integer of at most `maxDigits` digits (at least `minDigits`).
  /// Returns `nil` (and consumes nothing) when the digits are missing or too many, so a 20-digit
  /// "status" is rejected instead of overflowing.
  public mutating func readInt(minDigits: Int = 1, maxDigits: Int = 18) -> Int? {
    var value = 0
    var i = index
    while i < bytes.count, i - index < maxDigits + 1, let d = ByteClass.digit(bytes[i]) {
      value = value &* 10 &+ d
      i += 1
    }
    let digits = i - index
    guard digits >= minDigits, digits <= maxDigits else { return nil }
    if i < bytes.count, ByteClass.isDigit(bytes[i]) { return nil }
    index = i
    return value
  }

  /// Reads exactly `count` digits.
  public mutating func readFixedInt(_ count: Int) -> Int? {
    guard remaining >= count else { return nil }
    var value = 0
    for k in 0..<count {
      guard let d = ByteClass.digit(bytes[index + k]) else { return nil }
      value = value * 10 + d
    }
    index += count
    return value
  }

  /// Reads a decimal number: optional sign, digits, optional fraction, optional exponent
  /// (`1.2e-05`, as Python prints small floats). Consumes nothing on failure. A number too large
  /// for a Double (`1e999999`) fails, unless `keepingOverflow`: then it reads as ±infinity, for
  /// callers that must keep the rest of the line (a JSON object is more than one number).
  public mutating func readDecimal(keepingOverflow: Bool = false) -> Double? {
    let start = index
    var i = index
    if i < bytes.count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") { i += 1 }
    var mantissaDigits = 0
    while i < bytes.count, ByteClass.isDigit(bytes[i]) {
      i += 1
      mantissaDigits += 1
    }
    if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
      i += 1
      while i < bytes.count, ByteClass.isDigit(bytes[i]) {
        i += 1
        mantissaDigits += 1
      }
    }
    guard mantissaDigits > 0 else { return nil }
    if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
      var j = i + 1
      if j < bytes.count, bytes[j] == UInt8(ascii: "-") || bytes[j] == UInt8(ascii: "+") { j += 1 }
      let expStart = j
      while j < bytes.count, ByteClass.isDigit(bytes[j]) { j += 1 }
      if j > expStart { i = j }
    }
    guard let value = ByteClass.double(bytes, start..<i), value.isFinite || keepingOverflow else {
      return nil
    }
    index = i
    return value
  }

  public func string(_ range: Range<Int>) -> String {
    ByteClass.string(bytes, range)
  }

  public var rest: Range<Int> { min(index, bytes.count)..<bytes.count }
}

/// Byte classification and conversion helpers shared by the parsers.
public enum ByteClass {
  /// Whether `stored` holds exactly `bytes` (a configured path, a remembered key).
  @inline(__always)
  public static func same(_ stored: [UInt8], _ bytes: LineBytes) -> Bool {
    guard stored.count == bytes.count else { return false }
    guard let b = bytes.baseAddress, !bytes.isEmpty else { return true }
    return stored.withUnsafeBufferPointer { memcmp($0.baseAddress!, b, bytes.count) == 0 }
  }

  @inline(__always) public static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }
  @inline(__always) public static func digit(_ b: UInt8) -> Int? {
    b &- 0x30 < 10 ? Int(b &- 0x30) : nil
  }
  @inline(__always) public static func isAlpha(_ b: UInt8) -> Bool { (b | 0x20) &- 0x61 < 26 }
  @inline(__always) public static func isUpper(_ b: UInt8) -> Bool { b &- 0x41 < 26 }
  @inline(__always) public static func isHex(_ b: UInt8) -> Bool {
    isDigit(b) || (b | 0x20) &- 0x61 < 6
  }
  /// The value of a hex digit (`0-9`, `a-f`, `A-F`), or nil.
  @inline(__always) public static func hexValue(_ b: UInt8) -> UInt8? {
    if isDigit(b) { return b &- 0x30 }
    let lower = b | 0x20
    return lower &- 0x61 < 6 ? lower &- 0x61 + 10 : nil
  }
  /// The four hex digits at `start` (a JSON `\uXXXX`), or nil when they are not all there
  /// before `end`: the one reader the JSON, declared-format and access-log unescapers share.
  public static func hex4(_ bytes: LineBytes, at start: Int, end: Int) -> UInt32? {
    guard start >= 0, start + 4 <= end else { return nil }
    var v: UInt32 = 0
    for k in start..<(start + 4) {
      guard let d = hexValue(bytes[k]) else { return nil }
      v = v << 4 | UInt32(d)
    }
    return v
  }
  @inline(__always) public static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
  /// Letters, digits and `_`: what a Python identifier is made of (ASCII part).
  @inline(__always) public static func isIdentifier(_ b: UInt8) -> Bool {
    isAlpha(b) || isDigit(b) || b == UInt8(ascii: "_")
  }

  /// A String for a byte range. Printable ASCII is copied as is; anything else goes through
  /// the sanitizer so no stored field can carry terminal escapes or invalid UTF-8.
  public static func string(_ bytes: LineBytes, _ range: Range<Int>) -> String {
    let lower = max(0, min(range.lowerBound, bytes.count))
    let upper = max(lower, min(range.upperBound, bytes.count))
    let slice = LineBytes(rebasing: bytes[lower..<upper])
    if TextSanitizer.isPlainASCII(slice) { return String(decoding: slice, as: UTF8.self) }
    return TextSanitizer.display(slice)
  }

  /// Parses a decimal number from a byte range without creating a String for plain cases.
  public static func double(_ bytes: LineBytes, _ range: Range<Int>) -> Double? {
    guard !range.isEmpty, range.upperBound <= bytes.count else { return nil }
    // Fast path: [-]digits[.digits] with few digits, exactly representable steps.
    var i = range.lowerBound
    var negative = false
    if bytes[i] == UInt8(ascii: "-") {
      negative = true
      i += 1
    }
    var intPart: UInt64 = 0
    var fraction: UInt64 = 0
    var fractionDigits = 0
    var digits = 0
    var inFraction = false
    var simple = true
    while i < range.upperBound {
      let b = bytes[i]
      let d = b &- 0x30
      if d < 10 {
        digits += 1
        if digits > 15 {
          simple = false
          break
        }
        // At most 15 digits: no overflow, so the unchecked operators are safe and cheaper.
        if inFraction {
          fraction = fraction &* 10 &+ UInt64(d)
          fractionDigits += 1
        } else {
          intPart = intPart &* 10 &+ UInt64(d)
        }
      } else if b == UInt8(ascii: "."), !inFraction {
        inFraction = true
      } else {
        simple = false
        break
      }
      i += 1
    }
    if simple, digits > 0 {
      var value = Double(intPart)
      if fractionDigits > 0 { value += Double(fraction) / powersOfTen[fractionDigits] }
      return negative ? -value : value
    }
    let text = String(decoding: LineBytes(rebasing: bytes[range]), as: UTF8.self)
    return Double(text)
  }

  /// 10^0 ... 10^15, each exact in a Double.
  private static let powersOfTen: [Double] = (0...15).map { n in
    (0..<n).reduce(1.0) { p, _ in p * 10 }
  }
}
