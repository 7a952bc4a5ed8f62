/// The runs of one job name, bounded: the last `maxRuns` runs are kept.
public struct JobTracker: Sendable {
  public static let maxRuns = 200
  public let name: String
  public private(set) var runs: [JobRun] = []
  public private(set) var lastSuccessAt: EpochSeconds?
  public private(set) var consecutiveFailures = 0
  /// Every finished run's end and result for the last 80 minutes: the counts.
  public private(set) var outcomes = JobOutcomeLog()
  /// The newest event of this job: the least recently active job is the first to retire.
  public private(set) var lastActiveAt = -EpochSeconds.infinity

  public init(name: String) { self.name = name }

  /// `host`: the machine the event was logged on; a run without an id is matched on its host, so
  /// a job running on two machines at once is two runs.
  public mutating func record(_ e: JobEvent, host: String? = nil) {
    if e.time > lastActiveAt { lastActiveAt = e.time }
    switch e.phase {
    case .started:
      // A second "received" for a run id we already track (Celery retries re-queue) reuses it.
      if let id = e.runID, let i = lastOpenRun(id: id, anyHost: true, host: nil, orRetry: true) {
        runs[i].outcome = .running
        runs[i].startedAt = runs[i].startedAt ?? e.time
        return
      }
      append(
        JobRun(name: name, runID: e.runID, startedAt: e.time, outcome: .running, host: host))
    case .succeeded, .failed, .retried:
      let outcome: JobRun.Outcome =
        e.phase == .succeeded ? .success : e.phase == .failed ? .failure : .retry
      var run: JobRun
      if let i = openRunIndex(for: e.runID, host: host) {
        run = runs.remove(at: i)
      } else {
        run = JobRun(name: name, runID: e.runID, startedAt: nil, outcome: .running, host: host)
      }
      run.endedAt = e.time
      run.outcome = outcome
      run.durationSeconds = e.durationSeconds ?? run.startedAt.map { Swift.max(0, e.time - $0) }
      if run.startedAt == nil, let d = e.durationSeconds { run.startedAt = e.time - d }
      run.exception = e.exception ?? run.exception
      run.detail = e.detail ?? run.detail
      append(run)
      if outcome == .success || outcome == .failure {
        outcomes.append(at: e.time, failed: outcome == .failure)
      }
      switch outcome {
      case .success:
        consecutiveFailures = 0
        if lastSuccessAt == nil || e.time > lastSuccessAt! { lastSuccessAt = e.time }
      case .failure:
        consecutiveFailures += 1
      case .retry, .running:
        break
      }
    }
  }

  private func openRunIndex(for id: String?, host: String?) -> Int? {
    lastOpenRun(id: id, anyHost: false, host: host, orRetry: id != nil)
  }

  /// The newest kept run still open (running, or with `orRetry` waiting for a retry) with this
  /// id (`nil`: a run without one), on `host` unless `anyHost`. The outcome is looked at first and
  /// the fields are read in place: most kept runs are finished, and comparing every run's id (36
  /// bytes for a Celery task), each run copied into a closure, on every event was the live loop's
  /// largest cost in the soak.
  private func lastOpenRun(id: String?, anyHost: Bool, host: String?, orRetry: Bool) -> Int? {
    var i = runs.endIndex
    while i > runs.startIndex {
      i -= 1
      let outcome = runs[i].outcome
      guard outcome == .running || (orRetry && outcome == .retry) else { continue }
      if runs[i].runID == id && (anyHost || runs[i].host == host) { return i }
    }
    return nil
  }

  private mutating func append(_ run: JobRun) {
    runs.append(run)
    if runs.count > Self.maxRuns { runs.removeFirst(runs.count - Self.maxRuns) }
  }

  /// Median duration of the last successful runs, `nil` with fewer than three.
  public var usualDurationSeconds: Double? {
    let d = runs.filter { $0.outcome == .success }.suffix(30).compactMap(\.durationSeconds).sorted()
    guard d.count >= 3 else { return nil }
    return d[d.count / 2]
  }

  /// The usual gap between run starts, inferred when there are at least four starts and the gaps are
  /// regular, as for cron and beat schedules.
  public var inferredEverySeconds: Double? {
    let starts = runs.compactMap(\.startedAt).sorted()
    guard starts.count >= 4 else { return nil }
    let gaps = zip(starts.dropFirst(), starts).map { $0 - $1 }.sorted()
    let median = gaps[gaps.count / 2]
    // Any period counts (a beat task every 3 s stops as surely as an hourly one), and so does a
    // jittery schedule: the middle half of the gaps within half to twice the median. Work that
    // arrives at random (a task per request) has a lower quartile under half its median, and is
    // never called overdue.
    guard median >= 1 else { return nil }
    let q1 = gaps[gaps.count / 4]
    let q3 = gaps[(gaps.count * 3) / 4]
    guard q1 >= median * 0.5, q3 <= median * 2 else { return nil }
    return median
  }

  /// `deployAt`: the deploy the screen compares around, for the runs and failures since it.
  public func summary(
    window: Double, now: EpochSeconds, expectation: JobExpectation?,
    deployAt: EpochSeconds? = nil
  ) -> JobSummary {
    let inWindow = outcomes.counts(from: now - window, to: now.nextUp)
    let sinceDeploy = deployAt.map { outcomes.counts(from: $0, to: now.nextUp) }
    let running = runs.last { $0.outcome == .running }
    let every = expectation?.everySeconds ?? inferredEverySeconds
    var overdue: Double?
    if let every, running == nil, let lastStart = runs.compactMap(\.startedAt).max() {
      // Grace of a tenth of the interval (at least a minute) before calling it overdue.
      let late = now - (lastStart + every)
      if late > Swift.max(60, every * 0.1) { overdue = late }
    }
    return JobSummary(
      name: name, runsInWindow: inWindow.runs, failuresInWindow: inWindow.failures,
      runsSinceDeploy: sinceDeploy?.runs, failuresSinceDeploy: sinceDeploy?.failures,
      lastRun: runs.last { $0.outcome != .running } ?? runs.last,
      lastSuccessAt: lastSuccessAt, lastFailure: runs.last { $0.outcome == .failure },
      consecutiveFailures: consecutiveFailures, runningSince: running?.startedAt,
      usualDurationSeconds: usualDurationSeconds, expectedEverySeconds: every,
      overdueBySeconds: overdue, maxDurationSeconds: expectation?.maxDurationSeconds,
      recentRuns: Array(runs.suffix(50)), evaluatedAt: now)
  }
}
