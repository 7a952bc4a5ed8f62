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
}
