/// The Prometheus text exposition format as a detectable source format.
public enum PrometheusFormat {
  public static let id = "prometheus"

  public static let descriptor = FormatDescriptor(
    id: id,
    role: .metrics,
    summary: "Prometheus text exposition (textfile collector .prom files, /metrics dumps)",
    scoreLine: scoreLine,
    makeDecoder: { options, _ in PrometheusDecoder(options: options) }
  )

  /// `# TYPE` lines are unmistakable; `# HELP` nearly so. A sample line with a label set is a
  /// strong sign; a bare `name value` line could be many things, so it scores lower.
  @Sendable public static func scoreLine(_ line: String) -> Double {
    let trimmed = line.drop { $0 == " " || $0 == "\t" }
    if trimmed.hasPrefix("# HELP ") { return 0.95 }
    switch PrometheusLineParser.parse(line) {
    case .type: return 1
    case .sample(let sample): return sample.labels.isEmpty && !line.contains("{") ? 0.6 : 0.9
    case .comment: return trimmed.isEmpty ? 0 : 0.2
    case .malformed: return 0
    }
  }
}
