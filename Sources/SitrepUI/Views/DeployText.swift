import SitrepCore

/// Shared wording for deploy deltas, used by the panel, the deploy screen and the text report.
public enum DeployText {
  public static func title(_ d: DeployDelta, now: EpochSeconds, sep: String) -> String {
    var parts = [
      d.deploy.kind == .deploy ? "Deploy" : d.deploy.kind == .rollback ? "Rollback" : "Restart"
    ]
    // An older deploy the user chose to compare around: say so, or the panel reads as the latest.
    if !d.isLatest { parts[0] = "pinned " + parts[0] }
    if let v = d.deploy.version { parts[0] += " " + v }
    if let s = d.deploy.service { parts.append(s) }
    parts.append(Formatting.ago(d.deploy.time, now: now))
    if let by = d.deploy.by { parts.append("by \(by)") }
    return parts.joined(separator: " \(sep) ")
  }

  public static func label(_ metric: String) -> String {
    switch metric {
    case "rps": "rps"
    case "error_rate": "err"
    case "p50_ms": "p50"
    case "p95_ms": "p95"
    case "p99_ms": "p99"
    case "job_failure_rate": "jobs"
    default: metric
    }
  }

  public static func value(_ metric: String, _ v: Double?) -> String {
    switch metric {
    case "rps": Formatting.rate(v)
    case "error_rate", "job_failure_rate": Formatting.percent(v)
    default: Formatting.latency(v)
    }
  }

  /// A route that got worse, as the panel says it: `slower: GET /api/orders/:id p95 63ms→341ms
  /// ×5.4`, `errors: POST /api/checkout 5xx 3.0%→17%`.
  public static func routeLines(_ r: RouteDelta, glyphs: Glyphs) -> [(String, Role)] {
    var lines: [(String, Role)] = []
    if let text = r.latencyRegressionText(arrow: glyphs.arrowRight) {
      lines.append(("slower: " + text, .crit))
    }
    if let text = r.errorRegressionText(arrow: glyphs.arrowRight) {
      lines.append(("errors: " + text, .crit))
    }
    return lines
  }

  /// The short form for the routes table's "since deploy" column: `p95 ×5.4`, `5xx ▲`, `≈`.
  public static func routeChange(_ r: RouteDelta, glyphs: Glyphs) -> (String, Role) {
    var parts: [String] = []
    if let c = r.change("p95_ms"), c.significant, let ratio = r.p95RatioText {
      parts.append("p95 " + ratio)
    }
    if let c = r.change("error_rate"), c.significant {
      parts.append("5xx " + (c.direction == .up ? glyphs.arrowUp : glyphs.arrowDown))
    }
    if parts.isEmpty {
      let judged = r.changes.contains { $0.z != nil }
      return (judged ? glyphs.same : "too few", .muted)
    }
    return (parts.joined(separator: " "), r.isRegression ? .crit : .ok)
  }

  /// What an untested change says: "too few" when the samples could not tell (never "noise",
  /// which claims a test that had the power to see a change), else "n/a" (still collecting).
  static func unjudged(_ c: DeltaChange) -> String {
    c.method.hasPrefix("too few") ? "too few" : "n/a"
  }

  /// `p95   180ms → 410ms   ▲ +128%  significant`, or in under 52 columns the compact
  /// `p95  180ms→410ms  ▲+128% sig`.
  public static func changeLine(_ c: DeltaChange, d: DeployDelta, glyphs: Glyphs, width: Int = 80)
    -> (String, Role)
  {
    var before = value(c.metric, c.before)
    var after = value(c.metric, c.after)
    if c.metric == "job_failure_rate" {
      before = "\(d.before.jobFailures)/\(d.before.jobRuns)"
      after = "\(d.after.jobFailures)/\(d.after.jobRuns)"
    }
    let arrow =
      c.direction == .up ? glyphs.arrowUp : c.direction == .down ? glyphs.arrowDown : glyphs.same
    var rel = ""
    // Relative change of a rate of failures reads oddly ("+3617%"); counts say it better.
    if let r = c.relativeChange, c.direction != .same, abs(r) < 10_000,
      c.metric != "job_failure_rate"
    {
      rel = (r >= 0 ? "+" : "") + "\(Int(saturating: r.rounded()))%"
    }
    let judged = c.z != nil || c.method.hasPrefix("Fisher")
    let role: Role =
      c.significant
      ? (c.isRegression ? .crit : (c.higherIsWorse && c.direction == .down ? .ok : .warn)) : .normal
    if width < 52 {
      let verdict = !judged ? Self.unjudged(c) : c.significant ? "sig" : "noise"
      let text =
        TextFit.padRight(label(c.metric), 5) + TextFit.padLeft(before, 6) + glyphs.arrowRight
        + TextFit.padRight(after, 7) + " " + arrow + TextFit.padRight(rel, 6) + " " + verdict
      return (text, role)
    }
    if c.metric == "job_failure_rate" { after += " failed" }
    let verdict = !judged ? Self.unjudged(c) : c.significant ? "significant" : "noise"
    let text =
      TextFit.padRight(label(c.metric), 5) + TextFit.padLeft(before, 7) + " \(glyphs.arrowRight) "
      + TextFit.padRight(after, 13) + " " + arrow + " " + TextFit.padRight(rel, 6) + " " + verdict
    return (text, role)
  }
}

/// The Deploy panel: the latest (or chosen) deploy's before/after, new errors and the rollback note.
public enum DeployPanel {
  public static func render(
    _ state: AppState, into canvas: inout Canvas, area: Rect, ctx: ViewContext
  ) {
    let focused = state.screen == .main && state.focus == .deploy
    canvas.mark(area, .panel(.deploy))
    guard let d = state.snapshot.deploy else {
      let inner = PanelFrame(title: "Deploy", focused: focused).render(
        into: &canvas, area: area, glyphs: ctx.glyphs)
      canvas.put("no deploy seen", x: inner.x + 1, y: inner.y, role: .muted, clip: inner)
      return
    }
    let title = DeployText.title(d, now: state.snapshot.now, sep: ctx.glyphs.separator)
    let inner = PanelFrame(title: title, focused: focused).render(
      into: &canvas, area: area, glyphs: ctx.glyphs)
    guard !inner.isEmpty else { return }
    var lines = Self.lines(d, glyphs: ctx.glyphs, width: inner.width - 1)
    // The watch's verdict leads: it is the gate's answer for this deploy. When rows run short,
    // it takes the place of the comparison's "collecting" note rather than of a new error.
    if let g = state.snapshot.gate, g.deploy == d.deploy {
      if lines.count + 1 > inner.height, let note = d.note, lines.first?.0 == note {
        lines.removeFirst()
      }
      lines.insert(GateText.panelLine(g), at: 0)
    }
    // Keep the rollback note visible when rows run short: it is what an engineer acts on.
    if lines.count > inner.height, let last = lines.last, last.0.hasPrefix("rollback:") {
      lines = Array(lines.prefix(inner.height - 1)) + [last]
    }
    for (i, line) in lines.prefix(inner.height).enumerated() {
      canvas.put(
        " " + TextFit.clip(line.0, inner.width - 1, ellipsis: ctx.glyphs.ellipsis), x: inner.x,
        y: inner.y + i, role: line.1, clip: inner)
    }
  }

  /// The panel's rows for a deploy, before fitting them to its height (the text report sizes the
  /// panel from their count).
  public static func lines(_ d: DeployDelta, glyphs: Glyphs, width: Int) -> [(String, Role)] {
    var lines: [(String, Role)] = []
    if let note = d.note { lines.append((note, .muted)) }
    let order = ["p95_ms", "error_rate", "rps", "job_failure_rate", "p50_ms", "p99_ms"]
    for metric in order {
      guard let c = d.changes.first(where: { $0.metric == metric }) else { continue }
      if c.before == nil && c.after == nil { continue }
      lines.append(DeployText.changeLine(c, d: d, glyphs: glyphs, width: width))
    }
    // The routes that got worse come before the errors: the service-wide numbers can hide a
    // route that got five times slower behind a slow, steady one.
    let regressions = d.routeRegressions
    for r in regressions.prefix(2) { lines += DeployText.routeLines(r, glyphs: glyphs) }
    if regressions.count > 2 {
      lines.append(("+\(regressions.count - 2) more routes worse (d: deploy view)", .crit))
    }
    for sig in d.newErrors.prefix(3) {
      lines.append(("new: \(sig.display) (\(sig.count)x)", .crit))
    }
    if d.newErrors.count > 3 { lines.append(("+\(d.newErrors.count - 3) more new errors", .crit)) }
    for sig in d.firstSeenErrors.prefix(2) {
      lines.append(
        ("first seen: \(sig.display) (\(sig.count)x, too little history to call it new)", .warn))
    }
    if let rb = d.deploy.rollback { lines.append(("rollback: \(rb)", .accent)) }
    return lines
  }
}
