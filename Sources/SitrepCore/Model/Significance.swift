import Glibc

/// The statistical tests behind "significant" and "noise" in deploy deltas. Each returns a z score;
/// a change is significant when |z| ≥ `criticalZ` *and* the effect is large enough to matter *and*
/// both sides have the minimum samples. |z| ≥ 3.5 is a two-sided p < 0.0005: with six metrics per
/// deploy that keeps the chance of any false alarm on an unchanged deploy near 0.3 %.
public enum Significance {
  public static let criticalZ = 3.5

  /// Two-proportion z test with pooled variance: failures `x1` of `n1` before, `x2` of `n2` after.
  public static func twoProportionZ(x1: Int, n1: Int, x2: Int, n2: Int) -> Double {
    guard n1 > 0, n2 > 0 else { return 0 }
    let p1 = Double(x1) / Double(n1)
    let p2 = Double(x2) / Double(n2)
    let p = Double(x1 + x2) / Double(n1 + n2)
    let se = (p * (1 - p) * (1 / Double(n1) + 1 / Double(n2))).squareRoot()
    guard se > 0 else { return 0 }
    return (p2 - p1) / se
  }

  /// Rate comparison for Poisson counts over two spans: conditional on the total, the after-count is
  /// binomial with p = after span / total span.
  public static func poissonRateZ(
    before: Int, beforeSeconds: Double, after: Int, afterSeconds: Double
  )
    -> Double
  {
    let n = Double(before + after)
    guard n > 0, beforeSeconds > 0, afterSeconds > 0 else { return 0 }
    let p = afterSeconds / (beforeSeconds + afterSeconds)
    let se = (n * p * (1 - p)).squareRoot()
    guard se > 0 else { return 0 }
    return (Double(after) - n * p) / se
  }
}

extension Significance {
  /// Two-sided Fisher exact test for a 2x2 table (failures/runs before and after), for job counts
  /// too small for a normal approximation. Returns the p value.
  public static func fisherExactP(x1: Int, n1: Int, x2: Int, n2: Int) -> Double {
    let total = n1 + n2
    let failures = x1 + x2
    guard n1 > 0, n2 > 0, failures > 0, failures < total, total <= 100_000 else { return 1 }
    func logChoose(_ n: Int, _ k: Int) -> Double {
      lgamma(Double(n + 1)) - lgamma(Double(k + 1)) - lgamma(Double(n - k + 1))
    }
    let denominator = logChoose(total, failures)
    func probability(_ k: Int) -> Double {
      exp(logChoose(n2, k) + logChoose(n1, failures - k) - denominator)
    }
    let observed = probability(x2)
    var p = 0.0
    for k in Swift.max(0, failures - n1)...Swift.min(failures, n2) {
      let pk = probability(k)
      if pk <= observed * (1 + 1e-7) { p += pk }
    }
    return Swift.min(1, p)
  }
}
