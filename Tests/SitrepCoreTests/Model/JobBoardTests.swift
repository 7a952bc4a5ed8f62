import Testing

@testable import SitrepCore

@Suite struct JobBoardTests {
  let t0: EpochSeconds = 1_795_000_000

  func event(
    _ t: Double, _ phase: JobPhase, id: String? = nil, duration: Double? = nil, ex: String? = nil
  ) -> JobEvent {
    JobEvent(
      time: t0 + t, name: "tasks.sync", runID: id, phase: phase, durationSeconds: duration,
      exception: ex.map { ExceptionInfo(type: $0, message: "boom") })
  }

  @Test func runsPairStartAndEndById() {
    var j = JobTracker(name: "tasks.sync")
    j.record(event(0, .started, id: "a"))
    j.record(event(1, .started, id: "b"))
    j.record(event(5, .succeeded, id: "a", duration: 5))
    j.record(event(7, .failed, id: "b", ex: "KeyError"))
    #expect(j.runs.count == 2)
    #expect(j.runs.map(\.outcome) == [.success, .failure])
    #expect(j.runs[1].durationSeconds == 6)
    #expect(j.consecutiveFailures == 1)
    let s = j.summary(window: 300, now: t0 + 10, expectation: nil)
    #expect(s.runsInWindow == 2)
    #expect(s.failuresInWindow == 1)
    #expect(s.lastSuccessAt == t0 + 5)
    #expect(s.lastFailure?.exception?.type == "KeyError")
    #expect(s.status == .failing)
  }

  @Test func aSuccessClearsConsecutiveFailuresButNotTheFailureShare() {
    var j = JobTracker(name: "tasks.sync")
    for i in 0..<3 { j.record(event(Double(i * 10), .failed, ex: "ValueError")) }
    #expect(j.consecutiveFailures == 3)
    j.record(event(40, .succeeded, duration: 1))
    #expect(j.consecutiveFailures == 0)
    // Three of four runs failed: one success does not make the job healthy.
    let s = j.summary(window: 300, now: t0 + 50, expectation: nil)
    #expect(s.status == .failing)
    #expect(s.failureEvidence == "3/4 failed")
    // Outside the window the failures no longer count.
    #expect(j.summary(window: 60, now: t0 + 100, expectation: nil).status == .ok)
  }

  @Test func runningLongAgainstUsualDuration() {
    var j = JobTracker(name: "tasks.sync")
    for i in 0..<5 {
      j.record(event(Double(i * 100), .started, id: "r\(i)"))
      j.record(event(Double(i * 100 + 40), .succeeded, id: "r\(i)", duration: 40))
    }
    j.record(event(600, .started, id: "slow"))
    let s = j.summary(window: 3600, now: t0 + 600 + 252, expectation: nil)
    #expect(s.usualDurationSeconds == 40)
    #expect(s.runningSince == t0 + 600)
    #expect(s.status == .runningLong)
    let early = j.summary(window: 3600, now: t0 + 630, expectation: nil)
    #expect(early.status == .running)
  }

  @Test func overdueFromAnInferredSchedule() {
    var j = JobTracker(name: "tasks.sync")
    for i in 0..<6 {
      j.record(event(Double(i * 300), .started, id: "r\(i)"))
      j.record(event(Double(i * 300 + 2), .succeeded, id: "r\(i)", duration: 2))
    }
    #expect(j.inferredEverySeconds == 300)
    // Last start at 1500; due at 1800; with a 60 s grace, late at 1900 by 100 s.
    let s = j.summary(window: 3600, now: t0 + 1900, expectation: nil)
    #expect(s.status == .overdue)
    #expect(s.overdueBySeconds == 100)
    #expect(j.summary(window: 3600, now: t0 + 1850, expectation: nil).status == .ok)
  }

  @Test func overdueFromConfig() {
    var j = JobTracker(name: "reports.nightly")
    j.record(JobEvent(time: t0, name: "reports.nightly", phase: .started))
    j.record(JobEvent(time: t0 + 60, name: "reports.nightly", phase: .succeeded))
    let expectation = JobExpectation(name: "reports.*", everySeconds: 86_400)
    #expect(
      j.summary(window: 3600, now: t0 + 86_400 + 3 * 3600, expectation: expectation).status
        == .overdue)
    #expect(j.summary(window: 3600, now: t0 + 3600, expectation: expectation).status == .ok)
  }

  @Test func historyIsBounded() {
    var j = JobTracker(name: "tasks.sync")
    for i in 0..<(JobTracker.maxRuns * 2) { j.record(event(Double(i), .succeeded, duration: 0.1)) }
    #expect(j.runs.count == JobTracker.maxRuns)
  }
}

@Suite struct ErrorSignatureTests {
  @Test func variablePartsAreNormalised() {
    #expect(
      ErrorFingerprint.normalize("order 1842 not found for user 'bob'")
        == "order <n> not found for user <str>")
    #expect(ErrorFingerprint.normalize("id 3f2a1c9e7d not found") == "id <id> not found")
  }

  @Test func sameProblemGroupsAcrossLineMoves() {
    var sigs = ErrorSignatures()
    let f1 = StackFrame(file: "/srv/app/tasks.py", line: 88, function: "sync_sku")
    let f2 = StackFrame(file: "/srv/app/tasks.py", line: 91, function: "sync_sku")
    sigs.record(
      ExceptionInfo(type: "KeyError", message: "'sku'", topFrame: f1), at: 10,
      origin: ErrorOrigin(job: "x"))
    sigs.record(
      ExceptionInfo(type: "KeyError", message: "'sku'", topFrame: f2), at: 20,
      origin: ErrorOrigin(job: "x"))
    sigs.record(
      ExceptionInfo(type: "KeyError", message: "'price'", topFrame: f1), at: 30,
      origin: ErrorOrigin(job: "x"))
    let active = sigs.active(since: 0)
    #expect(active.count == 1)
    #expect(active[0].count == 3)
    #expect(active[0].display == "KeyError: 'sku' at tasks.py:88 in sync_sku")
    #expect(active[0].sample.message == "'price'")
    #expect(active[0].firstSeen == 10)
    #expect(active[0].lastSeen == 30)
  }

  @Test func differentTypesAreDifferentSignatures() {
    var sigs = ErrorSignatures()
    sigs.record(ExceptionInfo(type: "KeyError", message: "x"), at: 1, origin: ErrorOrigin())
    sigs.record(ExceptionInfo(type: "ValueError", message: "x"), at: 2, origin: ErrorOrigin())
    #expect(sigs.active(since: 0).count == 2)
    #expect(sigs.active(since: 1.5).map(\.type) == ["ValueError"])
  }
}
