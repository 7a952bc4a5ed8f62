/// Decides which samples only ever grow (until a restart resets them), so that the tracker can
/// treat a drop as a reset rather than as negative traffic.
enum CumulativeSeries {
  static func isCumulative(_ sampleName: String, types: [String: MetricType]) -> Bool {
    if let type = types[sampleName] { return type == .counter }
    // OpenMetrics-style: `# TYPE http_requests counter` with samples named `http_requests_total`.
    if let base = sampleName.droppingMetricSuffix("_total"), types[base] == .counter { return true }
    for suffix in ["_bucket", "_count", "_sum"] {
      guard let base = sampleName.droppingMetricSuffix(suffix) else { continue }
      switch types[base] {
      case .histogram: return true
      case .summary: return suffix != "_bucket"
      case .some: return false
      case .none: return suffix != "_sum"
      }
    }
    // Untyped files (no `# TYPE` lines) still follow the naming convention for counters.
    return sampleName.hasSuffix("_total")
  }
}

extension String {
  func droppingMetricSuffix(_ suffix: String) -> String? {
    guard hasSuffix(suffix), count > suffix.count else { return nil }
    return String(dropLast(suffix.count))
  }
}
