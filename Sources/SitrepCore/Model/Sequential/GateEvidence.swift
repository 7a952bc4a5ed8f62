import Glibc

/// One metric's sequential test at one look of the deploy gate.
public struct GateEvidence: Sendable, Equatable {
  /// `error_rate`, `p50_ms`, `p95_ms`, `p99_ms`, `route <method path> p95_ms` or `... error_rate`,
  /// `job <name> failure_rate`, `new error <display>`.
  public var metric: String
  /// The metric's value each side (a share, or milliseconds for a quantile).
  public var before: Double?
  public var after: Double?
  /// The counts the test ran on: hits (errors, requests above the before quantile, failures) of
  /// samples, each side.
  public var beforeHits: Int
  public var beforeSamples: Int
  public var afterHits: Int
  public var afterSamples: Int
  /// The natural log of the mixture likelihood ratio, and the log of 1/α it must reach.
  public var logRatio: Double
  public var logThreshold: Double
  /// Both sides had the samples the test needs.
  public var judged: Bool
  /// The ratio reached the threshold and the change is large enough to matter.
  public var crossed: Bool
  /// Why nothing was judged, or what the floors required ("too few requests: 12 since").
  public var note: String?

  public init(
    metric: String, before: Double?, after: Double?, beforeHits: Int, beforeSamples: Int,
    afterHits: Int, afterSamples: Int, logRatio: Double, logThreshold: Double, judged: Bool,
    crossed: Bool, note: String? = nil
  ) {
    self.metric = metric
    self.before = before
    self.after = after
    self.beforeHits = beforeHits
    self.beforeSamples = beforeSamples
    self.afterHits = afterHits
    self.afterSamples = afterSamples
    self.logRatio = logRatio
    self.logThreshold = logThreshold
    self.judged = judged
    self.crossed = crossed
    self.note = note
  }

  /// How far along to its threshold the ratio is (1 = reached): orders the metrics by "worst".
  public var progress: Double {
    guard judged, logThreshold > 0 else { return -1 }
    return logRatio / logThreshold
  }

  /// "error_rate 1.0% → 4.2% (12/1200 vs 50/1200), LR 2.3e4 of 500".
  public var summary: String {
    let isShare = !metric.hasSuffix("_ms")
    func value(_ v: Double?) -> String {
      guard let v else { return "–" }
      return isShare ? Formatting.percent(v) : Formatting.latency(v)
    }
    var text =
      metric.hasPrefix("new error ")
      ? "\(metric) (\(afterHits) since the deploy, none before"
      : "\(metric) \(value(before)) → \(value(after)) "
        + "(\(beforeHits)/\(beforeSamples) before, \(afterHits)/\(afterSamples) after"
    if judged {
      text += ", LR \(Self.ratio(logRatio)) of \(Self.ratio(logThreshold)))"
    } else {
      text += ")"
    }
    if let note { text += ": \(note)" }
    return text
  }

  /// e^x in a short form: 3.2, 140, 2.3e4.
  static func ratio(_ log: Double) -> String {
    let v = exp(log)
    if !v.isFinite { return "∞" }
    if v < 10 { return String(cFormat: "%.1f", v) }
    if v < 10_000 { return String(Int(saturating: v.rounded())) }
    let exponent = Int(saturating: log10(v).rounded(.down))
    return String(cFormat: "%.1fe%d", v / pow(10, Double(exponent)), exponent)
  }
}
