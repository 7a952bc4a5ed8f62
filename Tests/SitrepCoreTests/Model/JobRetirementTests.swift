import Testing

@testable import SitrepCore

/// Job names are bounded (issue 19: 100k `session-N.scope` names held 365 MB as rows): the least
/// recently active one-off names retire into `(other jobs)`, whose counts keep every window exact.
@Suite struct JobRetirementTests {
  let t0: EpochSeconds = 1_800_000_000

  func run(_ m: Monitor, _ name: String, at t: EpochSeconds, failed: Bool = false) {
    m.ingest(.job(JobEvent(time: t, name: name, phase: .started)), service: nil)
    m.ingest(
      .job(JobEvent(time: t + 0.5, name: name, phase: failed ? .failed : .succeeded)), service: nil)
  }

  @Test func aFloodOfNamesIsBoundedAndEveryRunStillCounts() {
    let m = Monitor()
    let names = Monitor.maxJobs * 4
    for i in 0..<names {
      run(m, "session-\(i).scope", at: t0 + Double(i) * 0.1, failed: i % 10 == 0)
    }
    #expect(m.jobs.count <= Monitor.maxJobs)
    #expect(m.retiredJobs.names == names - m.jobs.count)
    let snap = m.snapshot(now: t0 + Double(names) * 0.1 + 1, window: .oneHour)
    #expect(snap.jobs.count == m.jobs.count + 1)
    #expect(snap.jobs.last?.name == RetiredJobs.name)
    #expect(snap.jobs.map(\.runsInWindow).reduce(0, +) == names)
    #expect(snap.jobs.map(\.failuresInWindow).reduce(0, +) == names / 10)
    // The newest names are the ones kept.
    #expect(m.jobs["session-\(names - 1).scope"] != nil)
    #expect(m.jobs["session-0.scope"] == nil)
  }

  @Test func aScheduledJobOutlivesAFloodOfOneOffNames() {
    let m = Monitor()
    // A beat task every 60 s, then silence while one-off names flood in.
    for k in 0..<6 { run(m, "beat.heartbeat", at: t0 + Double(k) * 60) }
    for i in 0..<(Monitor.maxJobs * 3) { run(m, "once-\(i)", at: t0 + 400 + Double(i) * 0.01) }
    #expect(m.jobs["beat.heartbeat"] != nil)
    #expect(m.jobs.count <= Monitor.maxJobs)
  }

  @Test func aConfiguredJobIsNeverRetired() {
    let m = Monitor(jobExpectations: [JobExpectation(name: "reports.nightly", everySeconds: 86_400)]
    )
    run(m, "reports.nightly", at: t0)
    for i in 0..<(Monitor.maxJobs * 3) { run(m, "once-\(i)", at: t0 + 10 + Double(i)) }
    #expect(m.jobs["reports.nightly"] != nil)
  }

  @Test func anIdleOneOffNameRetiresPastTheHorizonAndItsCountsStay() {
    let m = Monitor()
    run(m, "session-1.scope", at: t0, failed: true)
    let later = t0 + JobOutcomeLog.horizonSeconds + Monitor.idleSweepSeconds + 1
    run(m, "session-2.scope", at: later)
    #expect(m.jobs["session-1.scope"] == nil)
    #expect(m.jobs["session-2.scope"] != nil)
    #expect(m.retiredJobs.names == 1)
    // Still there for a window that reaches back to it (the 1h window at the time).
    let then = m.snapshot(now: t0 + 60, window: .oneHour)
    #expect(then.jobs.map(\.failuresInWindow).reduce(0, +) == 1)
  }

  @Test func retiredOutcomesMergeInTimeOrder() {
    var a = JobOutcomeLog()
    var b = JobOutcomeLog()
    for i in stride(from: 0, to: 100, by: 2) { a.append(at: t0 + Double(i), failed: false) }
    for i in stride(from: 1, to: 100, by: 2) { b.append(at: t0 + Double(i), failed: true) }
    a.absorb(b)
    #expect(a.times == (0..<100).map { t0 + Double($0) })
    #expect(a.counts(from: t0, to: t0 + 10).failures == 5)
  }
}
