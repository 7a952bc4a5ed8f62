import Testing

@testable import SitrepCore

/// The acceptance numbers, on simulated streams with fixed seeds: 100 deploys each.
@Suite struct DeployGateAcceptanceTests {
  @Test func anUnchangedDeployRaisesAtMostOneFalseAlarmInAHundredWatches() {
    let sim = GateSimulation()
    var alarms: [String] = []
    var clean = 0
    for seed in 0..<100 {
      let state = sim.run(seed: UInt64(seed) &+ 1000)
      // Ten minutes at 10 s a look: 59 or 60 looks (the slot holding the deploy is left out).
      #expect(state.looks >= 59)
      if state.verdict == .regression { alarms.append(state.reason) }
      if state.verdict == .clean { clean += 1 }
    }
    #expect(alarms.count <= 1, "false alarms: \(alarms)")
    #expect(clean + alarms.count == 100)
  }

  @Test func fourTimesTheErrorRateAtTwentyRequestsASecondIsCriticalWithinFiveMinutes() {
    var sim = GateSimulation()
    sim.errorRateAfter = 0.04
    sim.horizon = 300
    var caught = 0
    var slowest = 0.0
    for seed in 0..<100 {
      let state = sim.run(seed: UInt64(seed) &+ 2000)
      if state.verdict == .regression, state.worst?.metric.hasSuffix("error_rate") == true {
        caught += 1
        slowest = max(slowest, state.elapsed)
      }
    }
    #expect(caught >= 95, "caught \(caught) of 100")
    #expect(slowest <= 300)
  }

  @Test func halfAgainTheP95AtTwentyRequestsASecondIsCriticalWithinFiveMinutes() {
    var sim = GateSimulation()
    sim.latencyScaleAfter = 1.5
    sim.horizon = 300
    var caught = 0
    for seed in 0..<100 {
      let state = sim.run(seed: UInt64(seed) &+ 3000)
      if state.verdict == .regression, state.worst?.metric.hasSuffix("_ms") == true {
        caught += 1
      }
    }
    #expect(caught >= 95, "caught \(caught) of 100")
  }

  /// A job that ran without failing for the hour before starts failing half its runs: through
  /// the model (job events, a deploy event), counting the runs until CRITICAL, for 100 seeds.
  static func jobCaughtWithinTenRuns(every period: Double, seeds: Range<Int>) -> Int {
    var caught = 0
    for seed in seeds {
      var rng = SplitMix64(seed: UInt64(seed) &+ 4000)
      let monitor = Monitor()
      let t0 = 1_800_000_000.0
      let deploy = t0 + 3600 + 15
      monitor.ingest(.deploy(DeployEvent(time: deploy, version: "v2")), service: nil)
      var runsAfter = 0
      var i = 0
      while runsAfter < 10 {
        let t = t0 + Double(i) * period + 3
        i += 1
        let failed = t > deploy && rng.chance(0.5)
        monitor.ingest(
          .job(JobEvent(time: t - 2, name: "tasks.sync", runID: "\(i)", phase: .started)),
          service: nil)
        monitor.ingest(
          .job(
            JobEvent(
              time: t, name: "tasks.sync", runID: "\(i)", phase: failed ? .failed : .succeeded)),
          service: nil)
        guard t > deploy else { continue }
        runsAfter += 1
        // Looks at every 10 s slot end, once the clock is 2 s past it: the run ending at t is
        // in the look at the next slot end (t + 7 here), taken by t + 10.
        if monitor.gate(for: monitor.deploys[0], now: t + 10).verdict == .regression {
          caught += 1
          break
        }
      }
    }
    return caught
  }

  /// Every 30 s: 120 clean runs before. The exact chance is 95.5 % (`theJobTestsPowerWithin...`);
  /// these 100 seeds give 93. No valid test does much better: at 50 % failures, 10 runs hold 2 or
  /// fewer failures 5.5 % of the time, and 2 failures late in 10 runs are no evidence against a
  /// job's ordinary failure rate. The sample is held to 90, the exact figure to 95 %.
  @Test func aJobEveryThirtySecondsThatStartsFailingHalfItsRunsIsCriticalWithinTenRuns() {
    let caught = Self.jobCaughtWithinTenRuns(every: 30, seeds: 0..<100)
    #expect(caught >= 90, "caught \(caught) of 100")
  }

  /// Every 15 s: 240 clean runs before, a sharper baseline: exactly 96.6 %, 94 with these seeds.
  @Test func aJobEveryFifteenSecondsThatStartsFailingHalfItsRunsIsCriticalWithinTenRuns() {
    let caught = Self.jobCaughtWithinTenRuns(every: 15, seeds: 0..<100)
    #expect(caught >= 90, "caught \(caught) of 100")
  }

  /// The same claim without sampling: every one of the 1024 ways ten runs can go, weighted by
  /// their chance at 50 % failures, against 120 (or 240) clean runs before.
  @Test(arguments: [(120, 0.9551), (240, 0.9658)])
  func theJobTestsPowerWithinTenRunsIsExactly(before: Int, expected: Double) {
    let threshold = GateBudget.threshold(GateBudget.jobs)
    let prior = MixtureLikelihoodRatio.beforePosterior(failures: 0, trials: before)
    var power = 0.0
    for pattern in 0..<1024 {
      var failures = 0
      for run in 0..<10 {
        failures += (pattern >> run) & 1
        if MixtureLikelihoodRatio.logRatio(
          failures: failures, trials: run + 1, before: prior, alternative: .anyShare)
          >= threshold
        {
          power += 1.0 / 1024
          break
        }
      }
    }
    #expect(power >= 0.95, "power \(power)")
    #expect(abs(power - expected) < 0.0005, "power \(power)")
  }
}
