/// What one line of the Prometheus text exposition format (0.0.4) says.
public enum PrometheusLine: Sendable, Equatable {
  case sample(MetricSample)
  case type(name: String, type: MetricType)
  /// `# HELP`, other comments and blank lines: valid, but nothing for the model.
  case comment
  case malformed
}

/// Byte-level parser for one exposition line. Metric files are small, but the detector scores many
/// lines with it, so it avoids Foundation and regexes.
public enum PrometheusLineParser {
  public static func parse(_ line: LineBytes) -> PrometheusLine {
    var cursor = PrometheusByteCursor(line)
    cursor.skipSpaces()
    guard let first = cursor.peek else { return .comment }
    if first == UInt8(ascii: "#") { return parseComment(&cursor) }
    return parseSample(&cursor).map(PrometheusLine.sample) ?? .malformed
  }

  public static func parse(_ text: String) -> PrometheusLine {
    var text = text
    return text.withUTF8 { parse($0) }
  }

  private static func parseComment(_ cursor: inout PrometheusByteCursor) -> PrometheusLine {
    cursor.advance()
    cursor.skipSpaces()
    let keyword = cursor.takeWhile { !isSpace($0) }
    guard keyword.elementsEqual("TYPE".utf8) else { return .comment }
    cursor.skipSpaces()
    guard let name = takeMetricName(&cursor) else { return .malformed }
    cursor.skipSpaces()
    let typeText = cursor.takeWhile { !isSpace($0) }
    cursor.skipSpaces()
    guard cursor.isAtEnd, let type = MetricType(rawValue: String(decoding: typeText, as: UTF8.self))
    else { return .malformed }
    return .type(name: name, type: type)
  }

  private static func parseSample(_ cursor: inout PrometheusByteCursor) -> MetricSample? {
    guard let name = takeMetricName(&cursor) else { return nil }
    let spacedAfterName = cursor.skipSpaces() > 0
    var labels: [MetricSample.Label] = []
    var hadLabelSet = false
    if cursor.peek == UInt8(ascii: "{") {
      cursor.advance()
      guard let parsed = parseLabels(&cursor) else { return nil }
      labels = parsed
      hadLabelSet = true
    }
    // Without a label set the value must be separated from the name (`foo-1` is not `foo -1`).
    guard cursor.skipSpaces() > 0 || hadLabelSet || spacedAfterName else { return nil }
    let valueText = cursor.takeWhile { !isSpace($0) }
    guard let value = parseValue(valueText) else { return nil }
    cursor.skipSpaces()
    var timestamp: EpochSeconds?
    if !cursor.isAtEnd {
      let stampText = cursor.takeWhile { !isSpace($0) }
      guard let millis = Int64(String(decoding: stampText, as: UTF8.self)) else { return nil }
      timestamp = Double(millis) / 1000
      cursor.skipSpaces()
      guard cursor.isAtEnd else { return nil }
    }
    labels.sort { $0.name < $1.name }
    return MetricSample(name: name, labels: labels, value: value, timestamp: timestamp)
  }

  /// After `{`: `name="value"` pairs separated by commas, a trailing comma allowed, up to `}`.
  private static func parseLabels(_ cursor: inout PrometheusByteCursor) -> [MetricSample.Label]? {
    var labels: [MetricSample.Label] = []
    while true {
      cursor.skipSpaces()
      guard let byte = cursor.peek else { return nil }
      if byte == UInt8(ascii: "}") {
        cursor.advance()
        return labels
      }
      guard let name = takeLabelName(&cursor) else { return nil }
      cursor.skipSpaces()
      guard cursor.peek == UInt8(ascii: "=") else { return nil }
      cursor.advance()
      cursor.skipSpaces()
      guard cursor.peek == UInt8(ascii: "\"") else { return nil }
      cursor.advance()
      guard let value = takeQuotedValue(&cursor) else { return nil }
      labels.append(.init(name, value))
      cursor.skipSpaces()
      if cursor.peek == UInt8(ascii: ",") {
        cursor.advance()
      } else if cursor.peek != UInt8(ascii: "}") {
        return nil
      }
    }
  }

  /// Reads up to the closing quote, undoing the `\\`, `\"` and `\n` escapes. Any other escaped
  /// character is kept as written (backslash included) rather than rejecting the line.
  private static func takeQuotedValue(_ cursor: inout PrometheusByteCursor) -> String? {
    var bytes: [UInt8] = []
    while let byte = cursor.peek {
      cursor.advance()
      switch byte {
      case UInt8(ascii: "\""):
        return String(decoding: bytes, as: UTF8.self)
      case UInt8(ascii: "\\"):
        guard let escaped = cursor.peek else { return nil }
        cursor.advance()
        switch escaped {
        case UInt8(ascii: "n"): bytes.append(UInt8(ascii: "\n"))
        case UInt8(ascii: "\\"), UInt8(ascii: "\""): bytes.append(escaped)
        default: bytes.append(contentsOf: [byte, escaped])
        }
      default:
        bytes.append(byte)
      }
    }
    return nil
  }

  private static func takeMetricName(_ cursor: inout PrometheusByteCursor) -> String? {
    guard let first = cursor.peek, isNameStart(first) || first == UInt8(ascii: ":") else {
      return nil
    }
    let bytes = cursor.takeWhile { isNameStart($0) || isDigit($0) || $0 == UInt8(ascii: ":") }
    return String(decoding: bytes, as: UTF8.self)
  }

  private static func takeLabelName(_ cursor: inout PrometheusByteCursor) -> String? {
    guard let first = cursor.peek, isNameStart(first) else { return nil }
    let bytes = cursor.takeWhile { isNameStart($0) || isDigit($0) }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Go's `ParseFloat` spellings as Prometheus writes them: `NaN`, `+Inf`, `-Inf`, exponents.
  static func parseValue(_ bytes: ArraySlice<UInt8>) -> Double? {
    guard !bytes.isEmpty, bytes.count <= 64 else { return nil }
    let text = String(decoding: bytes, as: UTF8.self)
    switch text.lowercased() {
    case "nan": return .nan
    case "+inf", "inf": return .infinity
    case "-inf": return -.infinity
    default: break
    }
    // Swift's parser also takes hex floats and "infinity"; restrict to decimal notation.
    guard bytes.allSatisfy({ isDigit($0) || "+-.eE".utf8.contains($0) }) else { return nil }
    return Double(text)
  }

  /// Space and tab; a carriage return too, so files written with CRLF line ends still parse.
  static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }
  static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
  static func isNameStart(_ byte: UInt8) -> Bool {
    (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == UInt8(ascii: "_")
  }
}

/// A read position in one line.
struct PrometheusByteCursor {
  private let bytes: LineBytes
  private var index: Int

  init(_ bytes: LineBytes) {
    self.bytes = bytes
    self.index = 0
  }

  var isAtEnd: Bool { index >= bytes.count }
  var peek: UInt8? { isAtEnd ? nil : bytes[index] }
  mutating func advance() { index += 1 }

  @discardableResult
  mutating func skipSpaces() -> Int {
    let start = index
    while let byte = peek, PrometheusLineParser.isSpace(byte) { index += 1 }
    return index - start
  }

  mutating func takeWhile(_ keep: (UInt8) -> Bool) -> ArraySlice<UInt8> {
    let start = index
    while let byte = peek, keep(byte) { index += 1 }
    return ArraySlice(bytes[start..<index])
  }
}
