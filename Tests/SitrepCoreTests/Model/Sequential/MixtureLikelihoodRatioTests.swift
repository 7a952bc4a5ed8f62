import Testing

@testable import SitrepCore

@Suite struct MixtureLikelihoodRatioTests {
  /// Ville's inequality in numbers: under "nothing changed" the ratio may cross 1/α at most α
  /// of the time, however many looks. Here 2000 streams of 600 looks at a 2 % share, α = 1 %.
  @Test func underTheNullTheRatioCrossesOneOverAlphaAtMostAlphaOfTheTime() {
    var rng = SplitMix64(seed: 7)
    let alpha = 0.01
    let threshold = GateBudget.threshold(alpha)
    var crossed = 0
    for _ in 0..<2000 {
      var before = 0
      for _ in 0..<2000 where rng.chance(0.02) { before += 1 }
      let prior = MixtureLikelihoodRatio.beforePosterior(failures: before, trials: 2000)
      var x = 0
      for n in 1...600 {
        if rng.chance(0.02) { x += 1 }
        if MixtureLikelihoodRatio.logRatio(
          failures: x, trials: n, before: prior, alternative: .multiplesOfBefore) >= threshold
        {
          crossed += 1
          break
        }
      }
    }
    #expect(Double(crossed) / 2000 <= alpha, "crossed \(crossed) of 2000")
  }

  @Test func aSingleErrorAfterACleanHistoryIsNotEvidence() {
    let prior = MixtureLikelihoodRatio.beforePosterior(failures: 0, trials: 12_000)
    let one = MixtureLikelihoodRatio.logRatio(
      failures: 1, trials: 100, before: prior, alternative: .multiplesOfBefore)
    #expect(one < GateBudget.threshold(GateBudget.errorRate))
  }

  @Test func aFewBeforeRunsLeaveTheBeforeRateUncertain() {
    // 3 failures in 10 after: damning against 0 of 500 before, not against 0 of 5.
    let after = (failures: 3, trials: 10)
    let long = MixtureLikelihoodRatio.logRatio(
      failures: after.failures, trials: after.trials,
      before: MixtureLikelihoodRatio.beforePosterior(failures: 0, trials: 500),
      alternative: .anyShare)
    let short = MixtureLikelihoodRatio.logRatio(
      failures: after.failures, trials: after.trials,
      before: MixtureLikelihoodRatio.beforePosterior(failures: 0, trials: 5),
      alternative: .anyShare)
    #expect(long >= GateBudget.threshold(GateBudget.jobs))
    #expect(short < 2)
  }
}

/// The figures the README gives for 20 requests a second and 10 minutes before the deploy.
@Suite struct GateDetectableChangeTests {
  @Test func theErrorRateFromOnePercentIsDetectedAtAboutOnePointEightAfterFiveMinutes() {
    let share = MixtureLikelihoodRatio.smallestDetectableShare(
      beforeFailures: 120, beforeTrials: 12_000, afterTrials: 6000, alpha: GateBudget.errorRate)
    #expect(share.map { $0 > 0.017 && $0 < 0.018 } == true, "\(String(describing: share))")
    let oneMinute = MixtureLikelihoodRatio.smallestDetectableShare(
      beforeFailures: 120, beforeTrials: 12_000, afterTrials: 1200, alpha: GateBudget.errorRate)
    #expect(oneMinute.map { $0 > 0.024 && $0 < 0.026 } == true)
  }

  @Test func theShareAboveTheBeforeP95IsDetectedFromFiveToSixPointSevenPercentAfterFiveMinutes() {
    let share = MixtureLikelihoodRatio.smallestDetectableShare(
      beforeFailures: 600, beforeTrials: 12_000, afterTrials: 6000,
      alpha: GateBudget.latencyQuantile)
    #expect(share.map { $0 > 0.066 && $0 < 0.068 } == true, "\(String(describing: share))")
  }
}
