/// What counts as trouble for one service. Defaults suit a FastAPI service behind nginx.
public struct ServiceThresholds: Sendable, Equatable {
  /// SLOW when p95 is above this.
  public var p95Ms: Double = 500
  /// DEGRADED when the 5xx share is above this.
  public var errorRate: Double = 0.02
  /// DOWN after this long without requests, for a service that normally has traffic.
  public var silenceSeconds: Double = 120
  /// Requests to this path are health checks: three failing in a row make the service DOWN.
  public var healthPath: String? = "/health"
  /// Fewer requests than this in the window make error and latency verdicts wait for more data.
  public var minimumRequests: Int = 20
  /// SLOW also when p95 is this many times its own baseline (the hour before the window).
  public var baselineFactor: Double = 2.0

  public init() {}
}
