import Testing

@testable import SitrepCore

/// Issue 13: a job is judged by the share of its runs that fail, in the window and since the
/// deploy, not by its last run; its counts survive the bounded run list; a periodic job that stops
/// is overdue without a configured schedule.
@Suite struct JobFailureRateTests {
  let t0: EpochSeconds = 1_795_000_000

  func run(_ j: inout JobTracker, at t: Double, failed: Bool) {
    j.record(JobEvent(time: t0 + t, name: j.name, runID: "r\(t)", phase: .started))
    j.record(
      JobEvent(
        time: t0 + t + 0.5, name: j.name, runID: "r\(t)", phase: failed ? .failed : .succeeded,
        durationSeconds: 0.5,
        exception: failed ? ExceptionInfo(type: "KeyError", message: "'sku'") : nil))
  }

  /// 38 runs since the deploy, 16 failed, the last one succeeded: red, with the evidence.
  @Test func aJobFailingARealShareSinceTheDeployIsFailingThoughItsLastRunSucceeded() {
    var j = JobTracker(name: "tasks.sync_sku")
    for i in 0..<40 { run(&j, at: Double(i * 3), failed: false) }
    let deployAt = t0 + 120
    for i in 0..<38 { run(&j, at: 120 + Double(i * 20), failed: i % 19 < 8 && i != 37) }
    let now = t0 + 120 + 38 * 20
    let s = j.summary(window: 300, now: now, expectation: nil, deployAt: deployAt)
    #expect(j.consecutiveFailures == 0)
    #expect(s.runsSinceDeploy == 38)
    #expect(s.failuresSinceDeploy == 16)
    #expect(s.status == .failing)
    #expect(s.failureEvidence.hasSuffix("failed") || s.failureEvidence.contains("since deploy"))
    // A second later, after one more success, the answer does not flip.
    run(&j, at: 120 + 38 * 20, failed: false)
    let later = j.summary(window: 300, now: now + 1, expectation: nil, deployAt: deployAt)
    #expect(later.status == .failing)
  }

  @Test func theEvidenceNamesTheDeployWhenOnlyTheSpanSinceItShowsTheShare() {
    var j = JobTracker(name: "tasks.sync_sku")
    let deployAt = t0
    // 16 of 38 failed since the deploy, but the last five minutes hold only one failure in 15.
    for i in 0..<23 { run(&j, at: Double(i * 20), failed: i < 15) }
    for i in 0..<15 { run(&j, at: 1000 + Double(i * 20), failed: i == 0) }
    let s = j.summary(window: 300, now: t0 + 1300, expectation: nil, deployAt: deployAt)
    #expect(s.runsSinceDeploy == 38)
    #expect(s.failuresSinceDeploy == 16)
    #expect(s.status == .failing)
    #expect(s.failureEvidence == "16/38 failed since deploy")
  }

  @Test func anOccasionalFailureIsNotFailing() {
    var j = JobTracker(name: "tasks.send_receipt")
    for i in 0..<50 { run(&j, at: Double(i * 5), failed: i == 20) }
    let s = j.summary(window: 300, now: t0 + 250, expectation: nil, deployAt: t0)
    #expect(s.failuresInWindow == 1)
    #expect(s.status == .ok)
  }

  /// A job every 3 s fills the bounded run list in 10 minutes; the counts behind the deploy
  /// comparison and the window still hold every run of the last 80 minutes.
  @Test func countsOutliveTheBoundedRunList() {
    var j = JobTracker(name: "tasks.fast")
    for i in 0..<1200 { run(&j, at: Double(i * 3), failed: i % 10 == 0) }
    #expect(j.runs.count == JobTracker.maxRuns)
    let c = j.outcomes.counts(from: t0, to: t0 + 1800)
    #expect(c.runs == 600)
    #expect(c.failures == 60)
    let s = j.summary(window: 3600, now: t0 + 3600, expectation: nil)
    #expect(s.runsInWindow == 1200)
  }

  @Test func theDeployComparisonCountsRunsBeforeTheDeployHowLongAgoItWas() {
    let monitor = Monitor()
    for i in 0..<1200 {
      let t = t0 + Double(i * 3)
      monitor.ingest(
        .job(JobEvent(time: t, name: "tasks.fast", runID: "\(i)", phase: .started)), service: nil)
      monitor.ingest(
        .job(
          JobEvent(
            time: t + 1, name: "tasks.fast", runID: "\(i)",
            phase: i >= 600 && i % 4 == 0 ? .failed : .succeeded)),
        service: nil)
    }
    monitor.ingest(.deploy(DeployEvent(time: t0 + 1800, version: "v2")), service: nil)
    let d = monitor.deployDelta(for: monitor.deploys[0], now: t0 + 3600)
    // 10 minutes each side: 200 runs a side, none failed before, a quarter after.
    #expect(d.before.jobRuns == 200)
    #expect(d.before.jobFailures == 0)
    #expect(d.after.jobRuns == 200)
    #expect(d.after.jobFailures == 50)
    // And the job board says the same since the deploy.
    let snap = monitor.snapshot(now: t0 + 3600, window: .fiveMinutes)
    #expect(snap.jobs.first?.runsSinceDeploy == 600)
    #expect(snap.jobs.first?.failuresSinceDeploy == 150)
  }

  /// A beat task every 5 s whose worker died: overdue from its own past intervals, with jitter.
  @Test func aStoppedPeriodicTaskIsOverdueWithoutASchedule() {
    var j = JobTracker(name: "tasks.cleanup")
    var t = 0.0
    for i in 0..<20 {
      run(&j, at: t, failed: false)
      t += i % 2 == 0 ? 3.5 : 6.5  // every 5 s on average, ±30 %
    }
    #expect(j.inferredEverySeconds != nil)
    let s = j.summary(window: 300, now: t0 + t + 120, expectation: nil)
    #expect(s.status == .overdue)
    #expect(j.summary(window: 300, now: t0 + t + 10, expectation: nil).status == .ok)
  }

  /// "too few" rather than "noise" when the job counts cannot tell.
  @Test func tooFewRunsSaysSo() {
    let monitor = Monitor()
    for (i, failed) in [(0, false), (1, false), (2, true)] {
      monitor.ingest(
        .job(
          JobEvent(
            time: t0 + 700 + Double(i * 60), name: "tasks.rare",
            phase: failed ? .failed : .succeeded)),
        service: nil)
    }
    for i in 0..<1200 {
      monitor.ingest(
        (Request(
          time: t0 + Double(i), method: "GET", path: "/", route: "/", status: 200, durationMs: 5)),
        service: "api")
    }
    monitor.ingest(.deploy(DeployEvent(time: t0 + 600, version: "v2")), service: nil)
    let d = monitor.deployDelta(for: monitor.deploys[0], now: t0 + 1200)
    let jobs = try? #require(d.changes.first { $0.metric == "job_failure_rate" })
    #expect(jobs?.method.hasPrefix("too few") == true)
    #expect(jobs?.significant == false)
  }
}

extension JobFailureRateTests {
  /// Work that arrives at random (a task per request) has no schedule to be late for.
  @Test func randomArrivalsAreNeverOverdue() {
    var j = JobTracker(name: "tasks.send_receipt")
    var rng = SplitMix64(seed: 7)
    var t = 0.0
    for _ in 0..<200 {
      run(&j, at: t, failed: false)
      t += rng.exponential(mean: 5)
    }
    #expect(j.inferredEverySeconds == nil)
  }
}
