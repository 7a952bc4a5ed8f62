import Glibc

/// The sequential test behind the deploy gate: a mixture sequential probability ratio test
/// (mSPRT, Johari et al., "Always valid inference") for a share — errors among requests, requests
/// above the before quantile, failed job runs — after a deploy against the same share before it.
///
/// The statistic is a Bayes factor: how much likelier the runs since the deploy are when the share
/// moved (a mixture of Beta distributions over the new share) than when it stayed where it was
/// (the share before, with its own uncertainty: the Beta posterior of the before counts, so a
/// before side of 30 runs is not taken for a known rate). Under "nothing changed" this ratio is
/// a nonnegative martingale with mean 1, so by Ville's inequality the chance it *ever* reaches
/// 1/α, however often it is looked at, is at most α. That is what lets the gate look every 10 s.
///
/// Counts are order-free (the Beta-Binomial marginal of a sequence depends only on its totals),
/// so one look is a handful of `lgamma` calls, whatever the number of requests.
public enum MixtureLikelihoodRatio {
  /// The alternative: what the share may have become.
  public enum Alternative: Sendable {
    /// Equal weights on Beta priors centred at 1.5, 2, 4 and 10 times the before share, plus a
    /// uniform one: tuned to request errors and latency exceedances, which move by multiples.
    case multiplesOfBefore
    /// Uniform over 0...1: job failures, where a broken job fails a large share of its runs.
    case anyShare
  }

  /// The mean multiples of the before share the `multiplesOfBefore` mixture is centred on.
  static let multiples = [1.5, 2, 4, 10]

  /// The prior for the share before the deploy: Jeffreys' Beta(½, ½) updated with the before
  /// counts (`failures` of `trials`).
  public static func beforePosterior(failures: Int, trials: Int) -> (a: Double, b: Double) {
    (Double(failures) + 0.5, Double(trials - failures) + 0.5)
  }

  /// The natural log of the ratio for `failures` of `trials` after, against a before share
  /// described by the Beta(`before.a`, `before.b`) it is known to.
  public static func logRatio(
    failures x: Int, trials n: Int, before: (a: Double, b: Double), alternative: Alternative
  ) -> Double {
    guard n > 0 else { return 0 }
    let null = logMarginal(x, n, before.a, before.b)
    switch alternative {
    case .anyShare:
      return logMarginal(x, n, 1, 1) - null
    case .multiplesOfBefore:
      let share = before.a / (before.a + before.b)
      var terms = multiples.map { m -> Double in
        let mean = Swift.min(0.5, m * share)
        // Spread as wide as the mean (standard deviation ≈ mean): the change need not be exact.
        let concentration = Swift.max(2, 1 / mean - 1)
        return logMarginal(x, n, mean * concentration, (1 - mean) * concentration)
      }
      terms.append(logMarginal(x, n, 1, 1))
      return logMeanExp(terms) - null
    }
  }

  /// log of the Beta-Binomial probability of one ordered sequence with `x` of `n` failures.
  static func logMarginal(_ x: Int, _ n: Int, _ a: Double, _ b: Double) -> Double {
    logBeta(a + Double(x), b + Double(n - x)) - logBeta(a, b)
  }

  static func logBeta(_ a: Double, _ b: Double) -> Double {
    lgamma(a) + lgamma(b) - lgamma(a + b)
  }

  static func logMeanExp(_ terms: [Double]) -> Double {
    guard let top = terms.max() else { return -.infinity }
    let sum = terms.reduce(0) { $0 + exp($1 - top) }
    return top + log(sum / Double(terms.count))
  }
}

extension MixtureLikelihoodRatio {
  /// The smallest share after the deploy that reaches the threshold once `afterTrials` samples
  /// have come in, were it observed exactly: the change the gate can detect at a given traffic
  /// (README: "smallest change it detects"). Nil when even every sample failing would not.
  public static func smallestDetectableShare(
    beforeFailures: Int, beforeTrials: Int, afterTrials n: Int, alpha: Double
  ) -> Double? {
    let before = beforePosterior(failures: beforeFailures, trials: beforeTrials)
    let threshold = GateBudget.threshold(alpha)
    let start = Int(saturating: (Double(beforeFailures) / Double(beforeTrials) * Double(n)))
    for x in start...n
    where logRatio(failures: x, trials: n, before: before, alternative: .multiplesOfBefore)
      >= threshold
    {
      return Double(x) / Double(n)
    }
    return nil
  }
}
