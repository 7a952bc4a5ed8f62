import SitrepCore

/// The deploy gate's watch on the dashboard: one line for the Deploy panel, a few for the deploy
/// view. They read the snapshot's `DeployGateState`, the value `check --watch` prints.
public enum GateText {
  /// The Deploy panel's line, short enough for 80 columns: "watch: REGRESSION at +1m40s:
  /// error_rate 1.0% → 4.2%" (the deploy view has the evidence, the panel the rollback note).
  public static func panelLine(_ g: DeployGateState) -> (String, Role) {
    guard g.verdict == .regression, let w = g.worst else { return line(g) }
    let at = Formatting.duration((g.decidedAt ?? g.deploy.time) - g.deploy.time)
    return (TextSanitizer.display("watch: REGRESSION at +\(at): \(brief(w))"), .crit)
  }

  /// "p95_ms 183ms → 230ms", "new error KeyError: 'sku' (7x)".
  static func brief(_ e: GateEvidence) -> String {
    if e.metric.hasPrefix("new error ") { return "\(e.metric) (\(e.afterHits)x)" }
    let isShare = !e.metric.hasSuffix("_ms")
    let v = { (x: Double?) in isShare ? Formatting.percent(x) : Formatting.latency(x) }
    return "\(e.metric) \(v(e.before)) → \(v(e.after))"
  }

  /// "watch: REGRESSION error_rate 1.0% → 4.2% (...) after 1m40s - roll back to v1".
  public static func line(_ g: DeployGateState) -> (String, Role) {
    let text: String
    let role: Role
    switch g.verdict {
    case .regression:
      text = "watch: REGRESSION \(g.reason) - \(g.rollbackNote)"
      role = .crit
    case .clean:
      text = "watch: clean, \(g.reason)"
      role = .ok
    case .inconclusive:
      text = "watch: \(g.reason)"
      role = .warn
    case .watching:
      var t =
        "watch: +\(Formatting.duration(g.elapsed)) of \(Formatting.duration(g.horizon)), "
        + "\(looks(g.looks)), nothing significant yet"
      if let w = g.worst, w.judged {
        t += " (nearest: \(w.metric), \(Int(saturating: (w.progress * 100).rounded()))% of the way)"
      }
      text = t
      role = .muted
    }
    return (TextSanitizer.display(text), role)
  }

  /// The deploy view's section: the verdict, the samples each side, the tests nearest their
  /// thresholds.
  public static func detail(_ g: DeployGateState, roomy: Bool) -> [(String, Role)] {
    var lines: [(String, Role)] = []
    if roomy {
      lines.append(
        (" Watch: sequential test, at most 1% false alarms however often it looks", .title))
    }
    lines.append((" " + line(g).0, line(g).1))
    lines.append(
      (
        " \(looks(g.looks)) over \(Formatting.duration(g.elapsed)) · \(g.beforeRequests) requests "
          + "before, \(g.afterRequests) after · \(g.beforeJobRuns) job runs before, "
          + "\(g.afterJobRuns) after", .muted
      ))
    for e in g.evidence.prefix(roomy ? 5 : 0) {
      lines.append(
        ("   " + TextSanitizer.display(e.summary), e.crossed ? .crit : e.judged ? .normal : .muted))
    }
    return lines
  }

  static func looks(_ n: Int) -> String { n == 1 ? "1 look" : "\(n) looks" }
}
