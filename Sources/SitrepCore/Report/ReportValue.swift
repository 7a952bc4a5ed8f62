import FoundationEssentials

/// A JSON value with ordered object keys, so reports are byte-stable for golden tests and diffs.
public indirect enum ReportValue: Sendable, Equatable {
  case null
  case bool(Bool)
  case number(Double)
  case int(Int)
  case string(String)
  case array([ReportValue])
  case object([(String, ReportValue)])

  public static func == (a: ReportValue, b: ReportValue) -> Bool { a.rendered() == b.rendered() }

  public static func optional(_ v: Double?) -> ReportValue { v.map { .number($0) } ?? .null }
  public static func optional(_ v: String?) -> ReportValue { v.map { .string($0) } ?? .null }
  public static func optional(_ v: Int?) -> ReportValue { v.map { .int($0) } ?? .null }
  public static func time(_ t: EpochSeconds?) -> ReportValue {
    t.map { .string(Formatting.iso8601($0)) } ?? .null
  }

  /// Pretty-printed with two-space indents.
  public func rendered(indent: Int = 0) -> String {
    let pad = String(repeating: "  ", count: indent)
    let inner = String(repeating: "  ", count: indent + 1)
    switch self {
    case .null: return "null"
    case .bool(let b): return b ? "true" : "false"
    case .int(let i): return String(i)
    case .number(let d):
      guard d.isFinite else { return "null" }
      if d == d.rounded() && abs(d) < 1e15 { return String(cFormat: "%.1f", d) }
      return String(cFormat: "%.6g", d).contains("e")
        ? String(d) : trimmed(String(cFormat: "%.4f", d))
    case .string(let s): return Self.quote(s)
    case .array(let items):
      if items.isEmpty { return "[]" }
      return "[\n" + items.map { inner + $0.rendered(indent: indent + 1) }.joined(separator: ",\n")
        + "\n\(pad)]"
    case .object(let pairs):
      if pairs.isEmpty { return "{}" }
      return "{\n"
        + pairs.map { inner + Self.quote($0.0) + ": " + $0.1.rendered(indent: indent + 1) }.joined(
          separator: ",\n")
        + "\n\(pad)}"
    }
  }

  private func trimmed(_ s: String) -> String {
    var t = s
    while t.hasSuffix("0") { t.removeLast() }
    if t.hasSuffix(".") { t += "0" }
    return t
  }

  static func quote(_ s: String) -> String { QuotedString.escaped(s) }
}
