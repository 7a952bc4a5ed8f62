/// Where a deploy gate stands: the looks taken, the evidence at the latest, and the verdict.
/// The screen's deploy panel, `check --watch` (its progress lines, its verdict line and its
/// `--json`) all read this one value: one number, one answer.
public struct DeployGateState: Sendable, Equatable {
  public enum Verdict: String, Sendable, Equatable {
    /// Still inside the watch period and nothing reached its threshold.
    case watching
    /// A test reached its threshold: CRITICAL, roll back.
    case regression
    /// The watch period ended with every test run and none reaching its threshold.
    case clean
    /// The watch period ended without the samples to judge (too little traffic before or since).
    case inconclusive

    /// The `check` status it maps to: 0 OK, 1 WARNING, 2 CRITICAL. A watch stopped early
    /// (SIGTERM) has judged nothing final, so `watching` is a WARNING.
    public var exitCode: Int32 {
      switch self {
      case .regression: 2
      case .clean: 0
      case .watching, .inconclusive: 1
      }
    }
  }

  public var deploy: DeployEvent
  /// The deploy before it, for the rollback note.
  public var previous: DeployEvent?
  public var sides: GateSides
  /// How long after the deploy the watch lasts.
  public var horizon: Double
  /// Looks taken: one per 10 s of data since the deploy (the request slots).
  public var looks: Int
  /// The data time of the latest look, and how long after the deploy it is.
  public var lastLookAt: EpochSeconds?
  public var elapsed: Double
  public var verdict: Verdict
  /// One sentence: what was found, or why nothing is decided.
  public var reason: String
  /// When the regression was found (the look that crossed).
  public var decidedAt: EpochSeconds?
  /// Every test at the latest look, the one nearest its threshold first.
  public var evidence: [GateEvidence]
  public var beforeRequests: Int
  public var afterRequests: Int
  public var beforeJobRuns: Int
  public var afterJobRuns: Int

  public var worst: GateEvidence? { evidence.first }

  /// "roll back: ./deploy.sh v1.4.1" as the deploy log says, else "roll back to v1.4.1" (or the
  /// deploy's own version when the previous one is unknown).
  public var rollbackNote: String {
    if let how = deploy.rollback { return "roll back: \(how)" }
    if let v = previous?.version { return "roll back to \(v)" }
    if let v = deploy.version { return "roll back \(v)" }
    return "roll back the deploy"
  }

  /// The deploy's name in a sentence.
  public var deployName: String {
    deploy.version.map { "deploy \($0)" } ?? "deploy at \(Formatting.iso8601(deploy.time))"
  }
}
