/// Where one JSON value sits in a line: what the key scanner records instead of building values,
/// so a value costs nothing unless a reader keeps it.
public struct JSONSpan: Sendable, Equatable {
  public enum Kind: UInt8, Sendable {
    case string, number, object, array, bool, null
  }

  public var kind: Kind
  /// For a string, its content between the quotes (still escaped); otherwise the value's text.
  public var range: Range<Int>
  /// A string holding backslash escapes: decoded only when the value is kept.
  public var escaped: Bool

  public init(kind: Kind, range: Range<Int>, escaped: Bool = false) {
    self.kind = kind
    self.range = range
    self.escaped = escaped
  }

  public var isNull: Bool { kind == .null }
}

/// Reading a recorded value out of the line it was found in.
public enum JSONSpanText {
  /// The value as display text (sanitised): strings decoded without quotes, other values as
  /// their JSON text, as `JSONValue.text` reads them.
  public static func display(_ span: JSONSpan, in bytes: LineBytes) -> String {
    guard span.kind == .string, span.escaped else { return ByteClass.string(bytes, span.range) }
    return withDecoded(span, in: bytes) { TextSanitizer.display($0) }
  }

  /// The decoded bytes of a value (a string unescaped, anything else as written), lent to `body`.
  public static func withDecoded<R>(
    _ span: JSONSpan, in bytes: LineBytes, _ body: (LineBytes) -> R
  ) -> R {
    guard span.kind == .string, span.escaped else {
      return body(LineBytes(rebasing: bytes[span.range]))
    }
    var out: [UInt8] = []
    out.reserveCapacity(span.range.count)
    unescape(bytes, span.range, into: &out)
    return out.withUnsafeBufferPointer { body($0) }
  }

  /// The value as a number: a JSON number, or a string holding one (`"duration": "0.25"`).
  public static func number(_ span: JSONSpan, in bytes: LineBytes) -> Double? {
    switch span.kind {
    case .number: return ByteClass.double(bytes, span.range) ?? slowDouble(bytes, span.range)
    case .string where !span.escaped:
      var c = ByteCursor(LineBytes(rebasing: bytes[span.range]))
      c.skipSpaces()
      guard let value = c.readDecimal(), c.index == c.bytes.count else { return nil }
      return value
    default: return nil
    }
  }

  /// Whether a string value equals `word` ignoring ASCII case (`"ERROR"`, `"error"`).
  public static func equalsIgnoringCase(_ span: JSONSpan, in bytes: LineBytes, _ word: [UInt8])
    -> Bool
  {
    guard span.range.count == word.count else { return false }
    for (k, b) in zip(span.range, word) where bytes[k] | 0x20 != b | 0x20 { return false }
    return true
  }

  /// Numbers `ByteClass.double` leaves to the slow path (exponents, many digits, overflow).
  private static func slowDouble(_ bytes: LineBytes, _ range: Range<Int>) -> Double? {
    var c = ByteCursor(LineBytes(rebasing: bytes[range]))
    return c.readDecimal(keepingOverflow: true)
  }

  /// Decodes JSON escapes in `bytes[range]` onto `out`. Lone surrogates and bad `\u` become
  /// U+FFFD; an unknown escape keeps its character, as the line reader always did.
  public static func unescape(_ bytes: LineBytes, _ range: Range<Int>, into out: inout [UInt8]) {
    var i = range.lowerBound
    let end = range.upperBound
    while i < end {
      // Plain runs are copied whole: a traceback is mostly text between its `\n`s.
      let slash = ByteScan.first(
        UInt8(ascii: "\\"), UInt8(ascii: "\\"), UInt8(ascii: "\\"), UInt8(ascii: "\\"), in: bytes,
        from: i, to: end)
      if slash > i {
        out.append(contentsOf: bytes[i..<slash])
        i = slash
        continue
      }
      guard i + 1 < end else {
        out.append(bytes[i])
        i += 1
        continue
      }
      let e = bytes[i + 1]
      i += 2
      switch e {
      case UInt8(ascii: "n"): out.append(0x0A)
      case UInt8(ascii: "t"): out.append(0x09)
      case UInt8(ascii: "r"): out.append(0x0D)
      case UInt8(ascii: "b"): out.append(0x08)
      case UInt8(ascii: "f"): out.append(0x0C)
      case UInt8(ascii: "u"):
        guard var scalar = ByteClass.hex4(bytes, at: i, end: end) else {
          appendScalar(0xFFFD, to: &out)
          continue
        }
        i += 4
        if (0xD800..<0xDC00).contains(scalar), i + 6 <= end, bytes[i] == UInt8(ascii: "\\"),
          bytes[i + 1] == UInt8(ascii: "u"), let low = ByteClass.hex4(bytes, at: i + 2, end: end),
          (0xDC00..<0xE000).contains(low)
        {
          scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
          i += 6
        }
        appendScalar(scalar, to: &out)
      default: out.append(e)
      }
    }
  }

  private static func appendScalar(_ value: UInt32, to out: inout [UInt8]) {
    let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
    out.append(contentsOf: UTF8.encode(scalar)!)
  }

}
