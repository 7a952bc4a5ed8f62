/// Job names retired to bound memory (`Monitor.maxJobs`): how many, and every finished run they
/// still had in the last 80 minutes, merged. Their detail (run list, schedule, last exception) is
/// gone; their counts are not, so every window and deploy comparison still adds up. Shown as one
/// `(other jobs)` row.
public struct RetiredJobs: Sendable {
  public static let name = "(other jobs)"
  /// Outcomes kept for all retired jobs together (9 bytes each): 80 minutes of 200 retired runs
  /// a second. Past it the oldest go first, as for one job.
  public static let maxOutcomes = 1_000_000

  /// How many job names were retired since the start (or the last reset).
  public private(set) var names = 0
  public private(set) var outcomes = JobOutcomeLog(capacity: Self.maxOutcomes)

  public init() {}

  mutating func retire(_ job: JobTracker) {
    names += 1
    outcomes.absorb(job.outcomes)
  }

  /// The `(other jobs)` row, `nil` while no job was retired.
  func summary(window: Double, now: EpochSeconds, deployAt: EpochSeconds?) -> JobSummary? {
    guard names > 0 else { return nil }
    let inWindow = outcomes.counts(from: now - window, to: now.nextUp)
    let sinceDeploy = deployAt.map { outcomes.counts(from: $0, to: now.nextUp) }
    return JobSummary(
      name: Self.name, runsInWindow: inWindow.runs, failuresInWindow: inWindow.failures,
      runsSinceDeploy: sinceDeploy?.runs, failuresSinceDeploy: sinceDeploy?.failures,
      lastRun: nil, lastSuccessAt: nil, lastFailure: nil, consecutiveFailures: 0,
      runningSince: nil, usualDurationSeconds: nil, expectedEverySeconds: nil,
      overdueBySeconds: nil, maxDurationSeconds: nil, recentRuns: [], evaluatedAt: now)
  }
}
