import Glibc

/// How the gate's false-alarm budget is shared between its tests. Each test may reach its
/// threshold (1/α) by chance with probability at most its α, however often it looks (Ville's
/// inequality), so by Bonferroni the chance that an unchanged deploy is ever called a regression
/// during a watch is at most the total, 1 %.
public enum GateBudget {
  public static let total = 0.01
  public static let errorRate = 0.002
  /// Each of p50, p95 and p99.
  public static let latencyQuantile = 0.001
  /// Shared by every route's p95 and error-rate tests (divided by twice the routes tested).
  public static let routes = 0.001
  /// Shared by the jobs that ran since the deploy.
  public static let jobs = 0.003
  /// Shared by the error signatures first seen since the deploy (see `DeployGate`).
  public static let newErrors = 0.001

  static func threshold(_ alpha: Double) -> Double { log(1 / alpha) }
}
