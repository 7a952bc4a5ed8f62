/// One service as shown on screen and in the report.
public struct ServiceSnapshot: Sendable, Equatable {
  public var name: String
  public var verdict: VerdictWithReason
  public var stats: RequestStats
  public var routes: [RouteSnapshot]
  /// Requests per slot across the window, oldest first.
  public var sparkline: [Double]
  /// The window in steps (at most `ServiceSnapshot.timelinePoints`), oldest first, for the time
  /// chart; empty for a service whose numbers come only from a metrics file.
  public var timeline: [TimelinePoint] = []
  public static let timelinePoints = 60
  public var lastRequestAt: EpochSeconds?
  public var recentErrors: [Request]
  public var slowest: [Request]
  /// Where the numbers come from: `access log`, `metrics`, or both.
  public var numbersFrom: String
  public var thresholds: ServiceThresholds
  /// The same requests logged one layer down (gunicorn behind this nginx): shown for its latency,
  /// never counted again.
  public var appLayer: AppLayer? = nil
  /// Host by host, when its sources name their hosts (`HostBreakdown`): rows add up to `stats`.
  public var hosts: [HostSnapshot] = []

  /// The host to look at first, when one stands out.
  public var worstHost: HostSnapshot? { hosts.first { $0.isWorst } }

  /// Where the requests, latency and `up` came from, one by one.
  public var numberSources = NumberSources()
}

/// A service's app-server layer: its name as its own logs would give it, and its numbers.
public struct AppLayer: Sendable, Equatable {
  public var name: String
  public var stats: RequestStats
}

public struct RouteSnapshot: Sendable, Equatable {
  public var route: String
  public var stats: RequestStats
}

/// Everything the screens and the report show, computed at one moment. Plain data: views and the
/// JSON writer read it; nothing in it reads a clock or a file.
public struct Snapshot: Sendable, Equatable {
  public var now: EpochSeconds
  public var window: TimeWindow
  public var services: [ServiceSnapshot]
  public var jobs: [JobSummary]
  public var errors: [ErrorSignature]
  public var deploy: DeployDelta?
  /// The deploy gate's sequential watch of the same deploy (`check --watch`, the deploy panel).
  public var gate: DeployGateState? = nil
  public var deploys: [DeployEvent]
  public var sources: [SourceHealth]
  public var offsetSeconds: Int

  public static func empty(now: EpochSeconds = 0, window: TimeWindow = .fiveMinutes) -> Snapshot {
    Snapshot(
      now: now, window: window, services: [], jobs: [], errors: [], deploy: nil, deploys: [],
      sources: [], offsetSeconds: 0)
  }
}
