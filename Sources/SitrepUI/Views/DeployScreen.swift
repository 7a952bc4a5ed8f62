import SitrepCore

/// Deploy drill-down: both windows with sample sizes, every metric with its test, new and vanished
/// error signatures, and all deploys in view (Enter compares around another one).
public enum DeployScreen {
  public static func render(
    _ state: AppState, into canvas: inout Canvas, area: Rect, ctx: ViewContext
  ) {
    let off = state.snapshot.offsetSeconds
    var lines: [(String, Role)] = []
    if let d = state.snapshot.deploy {
      lines.append(
        (" " + DeployText.title(d, now: state.snapshot.now, sep: ctx.glyphs.separator), .title))
      if let c = d.deploy.commit { lines.append((" commit \(c)", .muted)) }
      if let rb = d.deploy.rollback { lines.append((" rollback: \(rb)", .accent)) }
      lines.append(
        (
          " before \(Formatting.clock(d.before.from, offsetSeconds: off))–\(Formatting.clock(d.before.to, offsetSeconds: off)) (\(d.before.requests.requests) requests, \(d.before.jobRuns) job runs)   after \(Formatting.clock(d.after.from, offsetSeconds: off))–\(Formatting.clock(d.after.to, offsetSeconds: off)) (\(d.after.requests.requests) requests, \(d.after.jobRuns) job runs)",
          .muted
        ))
      if let note = d.note { lines.append((" " + note, .warn)) }
      lines.append(("", .normal))
      // The live watch of the latest deploy (not of one picked from the list below).
      if let g = state.snapshot.gate, g.deploy == d.deploy {
        lines += GateText.detail(g, roomy: area.height >= 40)
        if area.height >= 40 { lines.append(("", .normal)) }
      }
      for c in d.changes {
        let (text, role) = DeployText.changeLine(c, d: d, glyphs: ctx.glyphs)
        lines.append(
          (
            " " + text + "   n=\(c.beforeSamples)/\(c.afterSamples)"
              + (c.z.map { String(cFormat: "  z=%.1f", $0) } ?? ""), role
          ))
        // The test behind each line, when there is room for it.
        if area.height >= 40 { lines.append(("      " + c.method, .muted)) }
      }
      lines.append(("", .normal))
      lines.append((" Routes, worst first (rps, 5xx, p95: before → after)", .title))
      for r in d.routes.prefix(area.height >= 40 ? 10 : 5) {
        let (change, role) = DeployText.routeChange(r, glyphs: ctx.glyphs)
        let arrow = ctx.glyphs.arrowRight
        lines.append(
          (
            "  " + TextFit.padRight(r.route, 34) + " "
              + TextFit.padLeft(
                "\(Formatting.rate(r.before.rps))\(arrow)\(Formatting.rate(r.after.rps))", 13)
              + "  "
              + TextFit.padLeft(
                "\(Formatting.percent(r.before.errorRate))\(arrow)\(Formatting.percent(r.after.errorRate))",
                13) + "  "
              + TextFit.padLeft(
                "\(Formatting.latency(r.before.p95Ms))\(arrow)\(Formatting.latency(r.after.p95Ms))",
                15) + "  " + change, r.isRegression ? .crit : role == .ok ? .ok : .normal
          ))
      }
      if d.routes.isEmpty { lines.append(("  no routes in either window", .muted)) }
      lines.append(("", .normal))
      lines.append((" New error signatures since the deploy", .title))
      for s in d.newErrors.prefix(8) {
        lines.append(
          (
            "  \(s.display)  \(s.count)x, first \(Formatting.clock(s.firstSeen, offsetSeconds: off))",
            .crit
          ))
      }
      if d.newErrors.isEmpty { lines.append(("  none", .muted)) }
      if !d.firstSeenErrors.isEmpty {
        lines.append(
          (" First seen after it, too little history before it to call them new", .title))
        for s in d.firstSeenErrors.prefix(5) {
          lines.append(
            (
              "  \(s.display)  \(s.count)x, first \(Formatting.clock(s.firstSeen, offsetSeconds: off))",
              .warn
            ))
        }
      }
      lines.append((" Gone since the deploy", .title))
      for s in d.goneErrors.prefix(5) {
        lines.append(
          ("  \(s.display)  last \(Formatting.clock(s.lastSeen, offsetSeconds: off))", .ok))
      }
      if d.goneErrors.isEmpty { lines.append(("  none", .muted)) }
      lines.append(("", .normal))
    } else {
      lines.append(
        (" no deploy seen: add a deploy log, or sitrep watches app logs for restarts", .muted))
      lines.append(("", .normal))
    }
    TextLines.render(lines, into: &canvas, area: area, ctx: ctx)
    let deploys = ScreenRows.deploys(state)
    let rest = area.splitTop(Swift.min(lines.count, Swift.max(0, area.height - 4))).1
    let table = Table(
      columns: [
        Column(" all deploys: time", 24), Column("kind", 9), Column("version", 14),
        Column("service", 12), Column("by", 12),
      ],
      rows: deploys.map { d in
        TableRow([
          (
            " " + Formatting.clock(d.time, offsetSeconds: off) + " ("
              + Formatting.ago(d.time, now: state.snapshot.now) + ")", .normal
          ),
          (d.kind.rawValue, d.kind == .rollback ? .warn : .normal), (d.version ?? "—", .normal),
          (d.service ?? "all", .muted), (d.by ?? "—", .muted),
        ])
      }, selected: state.frame.selected, showSelection: true)
    canvas.fill(rest)  // The text above may run into the table's rows: clear them first.
    table.render(into: &canvas, area: rest, glyphs: ctx.glyphs)
  }
}
