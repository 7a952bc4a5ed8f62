/// A service's HTTP numbers as its own metrics report them, over one window. Every number is nil
/// when the metrics cannot tell (no such metric, only one snapshot so far, no requests): never 0.
public struct MetricsServiceStats: Sendable, Equatable {
  /// The snapshots the increases were taken between; they can span more than the window when
  /// snapshots are sparse, and less when tracking started inside it.
  public var from: EpochSeconds?
  public var to: EpochSeconds?
  /// Seconds between `now` and the newest snapshot: a large value means the metrics file is stale.
  public var snapshotAge: Double?
  public var requests: Double?
  public var rps: Double?
  /// Increase per status class (`"2xx"`...`"5xx"`), when the requests counter has a status label.
  public var statusClasses: [String: Double]
  /// 5xx share of requests.
  public var errorRate: Double?
  public var p50Ms: Double?
  public var p95Ms: Double?
  public var p99Ms: Double?
  /// False when any `up` gauge is 0; nil without `up` gauges or when the newest snapshot is older
  /// than the window.
  public var up: Bool?
  /// From `*_build_info{version=...}`.
  public var version: String?
  /// Per handler (and method), busiest first; routes without requests in the window are left out.
  public var routes: [MetricsRouteStats]

  public init(
    from: EpochSeconds? = nil, to: EpochSeconds? = nil, snapshotAge: Double? = nil,
    requests: Double? = nil, rps: Double? = nil, statusClasses: [String: Double] = [:],
    errorRate: Double? = nil, p50Ms: Double? = nil, p95Ms: Double? = nil, p99Ms: Double? = nil,
    up: Bool? = nil, version: String? = nil, routes: [MetricsRouteStats] = []
  ) {
    self.from = from
    self.to = to
    self.snapshotAge = snapshotAge
    self.requests = requests
    self.rps = rps
    self.statusClasses = statusClasses
    self.errorRate = errorRate
    self.p50Ms = p50Ms
    self.p95Ms = p95Ms
    self.p99Ms = p99Ms
    self.up = up
    self.version = version
    self.routes = routes
  }
}

/// One handler's numbers, as in the report's `routes`.
public struct MetricsRouteStats: Sendable, Equatable {
  /// `GET /api/orders` (method first when the metric has one), as access-log routes read.
  public var route: String
  public var method: String?
  public var handler: String
  public var requests: Double
  public var rps: Double?
  public var errorRate: Double?
  public var p50Ms: Double?
  public var p95Ms: Double?
  public var p99Ms: Double?

  public init(
    route: String, method: String?, handler: String, requests: Double, rps: Double? = nil,
    errorRate: Double? = nil, p50Ms: Double? = nil, p95Ms: Double? = nil, p99Ms: Double? = nil
  ) {
    self.route = route
    self.method = method
    self.handler = handler
    self.requests = requests
    self.rps = rps
    self.errorRate = errorRate
    self.p50Ms = p50Ms
    self.p95Ms = p95Ms
    self.p99Ms = p99Ms
  }
}
