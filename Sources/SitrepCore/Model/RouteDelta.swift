/// One route before and after a deploy: its numbers, its tested changes, and how many requests the
/// change made worse.
public struct RouteDelta: Sendable, Equatable {
  public var service: String
  /// `GET /api/orders/:id`.
  public var route: String
  public var before: RequestStats
  public var after: RequestStats
  /// `p95_ms` and `error_rate`, each tested with the correction for testing many routes at once.
  public var changes: [DeltaChange]
  /// Requests the change made worse over the after side: for latency, those above the before p95
  /// beyond the 5 % expected there; for errors, those beyond the before error rate. One unit for
  /// both, so routes rank by how many users the deploy hurt.
  public var impact: Int

  public var isRegression: Bool { changes.contains { $0.isRegression } }

  public func change(_ metric: String) -> DeltaChange? { changes.first { $0.metric == metric } }

  /// After over before p95 (`5.4` for 63 → 341 ms), when both are known.
  public var p95Ratio: Double? {
    guard let b = before.p95Ms, let a = after.p95Ms, b > 0 else { return nil }
    return a / b
  }

  /// `×4.8`: the p95 ratio as every screen writes it.
  public var p95RatioText: String? { p95Ratio.map { "×" + String(cFormat: "%.1f", $0) } }

  /// `GET /api/orders/:id p95 72ms→350ms ×4.8` when the route's p95 regressed: one wording for
  /// the panel, the service verdict and `check` (the UI passes its ASCII arrow on a C locale).
  public func latencyRegressionText(arrow: String = "→") -> String? {
    guard let c = change("p95_ms"), c.isRegression else { return nil }
    let text =
      "\(route) p95 \(Formatting.latency(c.before))\(arrow)\(Formatting.latency(c.after))"
    return p95RatioText.map { text + " " + $0 } ?? text
  }

  /// `POST /api/checkout 5xx 3.0%→17%` when the route's error rate regressed.
  public func errorRegressionText(arrow: String = "→") -> String? {
    guard let c = change("error_rate"), c.isRegression else { return nil }
    return "\(route) 5xx \(Formatting.percent(c.before))\(arrow)\(Formatting.percent(c.after))"
  }
}
