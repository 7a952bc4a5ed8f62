/// One run of a job, assembled from its start and end events.
public struct JobRun: Sendable, Equatable {
  public enum Outcome: String, Sendable, Codable {
    case running, success, failure, retry
  }

  public var name: String
  public var runID: String?
  public var startedAt: EpochSeconds?
  public var endedAt: EpochSeconds?
  public var outcome: Outcome
  public var durationSeconds: Double?
  public var exception: ExceptionInfo?
  public var detail: String?
  /// The machine it ran on, when its source names one (`[[source]] host`).
  public var host: String? = nil

  /// When the run is placed in time: its end, or its start while running.
  public var time: EpochSeconds { endedAt ?? startedAt ?? 0 }
}

/// What the board knows about one job name.
public struct JobSummary: Sendable, Equatable {
  public var name: String
  /// Finished runs (succeeded or failed) that ended in the window, and how many failed.
  public var runsInWindow: Int
  public var failuresInWindow: Int
  /// The same since the deploy in view; nil when no deploy is known.
  public var runsSinceDeploy: Int?
  public var failuresSinceDeploy: Int?
  public var lastRun: JobRun?
  public var lastSuccessAt: EpochSeconds?
  public var lastFailure: JobRun?
  public var consecutiveFailures: Int
  /// Running now: since when, and the usual (median) duration of successful runs.
  public var runningSince: EpochSeconds?
  public var usualDurationSeconds: Double?
  /// Expected interval (configured or inferred) and whether the next run is late.
  public var expectedEverySeconds: Double?
  public var overdueBySeconds: Double?
  public var maxDurationSeconds: Double?
  public var recentRuns: [JobRun]

  /// A real share of its runs fails: at least `failingShareMinimum` failures making at least a
  /// fifth of the runs, in the window or since the deploy. Judged on the share, not on the last
  /// run alone: a job failing 16 of 38 runs is failing even when its latest run succeeded.
  public static let failingShareMinimum = 3
  public var failsARealShare: Bool {
    Self.real(failuresInWindow, runsInWindow) || Self.real(failuresSinceDeploy, runsSinceDeploy)
  }

  static func real(_ failures: Int?, _ runs: Int?) -> Bool {
    guard let failures, let runs, runs > 0 else { return false }
    return failures >= failingShareMinimum && failures * 5 >= runs
  }

  /// Why the job is red, worded the same on the board, the job screen and in `check`:
  /// `16/38 failed since deploy`, else `6/20 failed` (in the window); `3 in a row` after either.
  public var failureEvidence: String {
    failureCounts + (consecutiveFailures > 1 ? ", \(consecutiveFailures) in a row" : "")
  }

  /// `16/38 failed since deploy` when that is what makes it red, else the window's `6/20 failed`.
  public var failureCounts: String {
    if Self.real(failuresSinceDeploy, runsSinceDeploy)
      && !Self.real(failuresInWindow, runsInWindow),
      let f = failuresSinceDeploy, let r = runsSinceDeploy
    {
      return "\(f)/\(r) failed since deploy"
    }
    return "\(failuresInWindow)/\(runsInWindow) failed"
  }

  /// The board's own reading of the job, worst first: failing, overdue, running long, running, ok.
  public var status: JobStatus {
    if consecutiveFailures > 0 || failsARealShare { return .failing }
    if overdueBySeconds != nil { return .overdue }
    if let since = runningSince, let limit = longRunningLimit, evaluatedAt - since > limit {
      return .runningLong
    }
    // A run that started a moment ago is not news; it shows once it has run for a few seconds.
    if let since = runningSince, evaluatedAt - since >= 3 { return .running }
    if lastRun?.outcome == .retry { return .retrying }
    return .ok
  }

  public var evaluatedAt: EpochSeconds

  var longRunningLimit: Double? {
    if let m = maxDurationSeconds { return m }
    if let u = usualDurationSeconds { return Swift.max(u * 3, u + 30) }
    return nil
  }
}

public enum JobStatus: String, Sendable, Codable {
  case failing, overdue
  case runningLong = "running-long"
  case running, retrying, ok

  public var isProblem: Bool { self == .failing || self == .overdue || self == .runningLong }
}
