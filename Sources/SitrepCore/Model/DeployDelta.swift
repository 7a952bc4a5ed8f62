/// One side of a deploy comparison.
public struct DeltaSide: Sendable, Equatable {
  public var from: EpochSeconds
  public var to: EpochSeconds
  public var requests: RequestStats
  public var jobRuns: Int
  public var jobFailures: Int

  public var jobFailureRate: Double? { jobRuns > 0 ? Double(jobFailures) / Double(jobRuns) : nil }
}

/// One metric compared across a deploy.
public struct DeltaChange: Sendable, Equatable {
  public enum Direction: String, Sendable, Codable { case up, down, same }

  /// `p95_ms`, `p50_ms`, `p99_ms`, `error_rate`, `rps`, `job_failure_rate`.
  public var metric: String
  public var before: Double?
  public var after: Double?
  public var direction: Direction
  public var significant: Bool
  /// Samples behind each side (requests, latency samples or job runs).
  public var beforeSamples: Int
  public var afterSamples: Int
  public var z: Double?
  /// How the verdict was reached, or why no test was run ("too few samples: 12 < 50").
  public var method: String
  /// True when a rise is bad (latency, errors, failures): used to colour the change.
  public var higherIsWorse: Bool

  /// Relative change in percent, when both sides are known and the before side is not zero.
  public var relativeChange: Double? {
    guard let b = before, let a = after, b != 0 else { return nil }
    return (a - b) / b * 100
  }

  public var isRegression: Bool {
    significant && direction == .up && higherIsWorse
  }
}

/// Before and after one deploy, with every change marked significant or noise.
public struct DeployDelta: Sendable, Equatable {
  public var deploy: DeployEvent
  public var previous: DeployEvent?
  public var before: DeltaSide
  public var after: DeltaSide
  public var changes: [DeltaChange]
  /// First seen after the deploy, with enough history before it to say they did not happen then.
  public var newErrors: [ErrorSignature]
  public var goneErrors: [ErrorSignature]
  /// First seen after the deploy, but the history before it is too short to tell them from errors
  /// that were always there: shown, never counted as a regression.
  public var firstSeenErrors: [ErrorSignature] = []
  /// Every route of the deploy's services compared across the same windows: regressions first,
  /// by requests hurt.
  public var routes: [RouteDelta] = []
  /// False when the user pinned an older deploy: the panel then says so.
  public var isLatest = true
  /// Why the sides are shorter than wanted, or why nothing is judged yet ("collecting: 2m of 10m").
  public var note: String?

  public init(
    deploy: DeployEvent, previous: DeployEvent?, before: DeltaSide, after: DeltaSide,
    changes: [DeltaChange], newErrors: [ErrorSignature], goneErrors: [ErrorSignature],
    note: String?, firstSeenErrors: [ErrorSignature] = [], routes: [RouteDelta] = []
  ) {
    self.routes = routes
    self.deploy = deploy
    self.previous = previous
    self.before = before
    self.after = after
    self.changes = changes
    self.newErrors = newErrors
    self.goneErrors = goneErrors
    self.note = note
    self.firstSeenErrors = firstSeenErrors
  }

  public var hasRegression: Bool {
    changes.contains { $0.isRegression } || !newErrors.isEmpty
      || routes.contains { $0.isRegression }
  }

  public var routeRegressions: [RouteDelta] { routes.filter(\.isRegression) }
}
