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
  public var newErrors: [ErrorSignature]
  public var goneErrors: [ErrorSignature]
  /// Set while the after side is too short to say anything ("waiting for 2m of data").
  public var note: String?

  public var hasRegression: Bool { changes.contains { $0.isRegression } || !newErrors.isEmpty }
}
