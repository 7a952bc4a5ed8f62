@testable import SitrepCore

/// Builds a snapshot from exposition text, the way the decoder would.
func metricsSnapshot(at time: EpochSeconds, _ text: String) -> MetricsSnapshot {
  var types: [String: MetricType] = [:]
  var samples: [MetricSample] = []
  for line in text.split(separator: "\n") {
    switch PrometheusLineParser.parse(String(line)) {
    case .sample(let sample): samples.append(sample)
    case .type(let name, let type): types[name] = type
    case .comment, .malformed: break
    }
  }
  return MetricsSnapshot(time: time, types: types, samples: samples)
}

func isNearly(_ a: Double?, _ b: Double, tolerance: Double = 1e-9) -> Bool {
  guard let a else { return false }
  return abs(a - b) <= tolerance * max(1, abs(b))
}
