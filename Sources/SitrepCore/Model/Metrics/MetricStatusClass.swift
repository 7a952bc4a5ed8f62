/// Reads HTTP status labels as instrumentations write them: `500`, `5xx`, `5XX`.
enum MetricStatusClass {
  /// `"2xx"` ... `"5xx"`, or nil for anything else (`"unknown"`, empty).
  static func of(_ label: String) -> String? {
    let bytes = Array(label.utf8)
    guard bytes.count == 3, let first = bytes.first, first >= 0x31, first <= 0x35 else {
      return nil
    }
    let rest = bytes.dropFirst()
    let digits = rest.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    let wildcard = rest.allSatisfy { $0 == UInt8(ascii: "x") || $0 == UInt8(ascii: "X") }
    guard digits || wildcard else { return nil }
    return "\(Character(Unicode.Scalar(first)))xx"
  }
}
