/// The deploy gate's lines for pipelines: one progress line per look, and the verdict line with
/// its reason and the rollback note. Both read one `DeployGateState`, as the deploy panel and the
/// `gate` JSON do. Versions and error messages come from logs: sanitised for a terminal.
public enum GateLines {
  /// `watch v2 +1m40s: 10 looks, 12000 requests before, 2000 after; worst error_rate ...`
  public static func progress(_ g: DeployGateState) -> String {
    var text =
      "watch \(g.deploy.version ?? "deploy") +\(Formatting.duration(g.elapsed)) of "
      + "\(Formatting.duration(g.horizon)): \(g.looks) look\(g.looks == 1 ? "" : "s"), "
      + "\(g.beforeRequests) requests before, \(g.afterRequests) after"
    if g.beforeJobRuns + g.afterJobRuns > 0 {
      text += ", \(g.beforeJobRuns) job runs before, \(g.afterJobRuns) after"
    }
    if let worst = g.worst { text += "; worst \(worst.summary)" }
    return TextSanitizer.checkText(text)
  }

  /// The verdict line and the `check` status it maps to.
  public static func verdict(_ g: DeployGateState, stoppedEarly: Bool = false)
    -> CheckEvaluator.Result
  {
    let status: CheckEvaluator.Status =
      switch g.verdict {
      case .regression: .critical
      case .clean: .ok
      case .watching, .inconclusive: .warning
      }
    var reason = g.reason
    if g.verdict == .regression {
      reason += " - \(g.rollbackNote)"
    } else if stoppedEarly, g.verdict == .watching {
      reason =
        "stopped after \(Formatting.duration(g.elapsed)) of \(Formatting.duration(g.horizon)) "
        + "(\(g.looks) look\(g.looks == 1 ? "" : "s")): nothing significant so far, not yet conclusive"
    }
    return CheckEvaluator.Result(
      status: status,
      line: TextSanitizer.checkText("SITREP \(status.label) - \(g.deployName): \(reason)"))
  }
}
