import SitrepCore

/// Service drill-down: its verdict and reason, the routes table (sortable), recent 5xx and the
/// slowest requests in the window.
public enum ServiceScreen {
  public static func render(
    _ state: AppState, name: String, into canvas: inout Canvas, area: Rect, ctx: ViewContext
  ) {
    guard let s = ScreenRows.service(state, name) else {
      canvas.put(" service \(name) is not in view", x: area.x, y: area.y, role: .muted)
      return
    }
    let (mark, role) = ctx.marker(s.verdict.verdict)
    let st = s.stats
    var head: [(String, Role)] = [
      (" \(mark) \(s.name)  \(s.verdict.verdict.rawValue)  \(s.verdict.reason)", role),
      (
        " \(st.requests) requests in \(state.window.label) · \(Formatting.rate(st.rps)) rps · err \(Formatting.percent(st.errorRate)) · p50 \(Formatting.latency(st.p50Ms)) p95 \(Formatting.latency(st.p95Ms)) p99 \(Formatting.latency(st.p99Ms)) · from \(s.numbersFrom)",
        .normal
      ),
      (
        " 2xx \(st.statusClasses[2])  3xx \(st.statusClasses[3])  4xx \(st.statusClasses[4])  5xx \(st.statusClasses[5])"
          + (st.unknownLatency > 0
            ? "  · latency unknown for \(st.unknownLatency) (format has no duration)" : ""),
        .muted
      ),
    ]
    if let line = numberSourcesLine(s) { head.append((line, .muted)) }
    if let app = s.appLayer {
      let a = app.stats
      head.append(
        (
          " app layer \(app.name): the same requests logged behind it, counted once · p50 \(Formatting.latency(a.p50Ms)) p95 \(Formatting.latency(a.p95Ms)) p99 \(Formatting.latency(a.p99Ms)) · 5xx \(a.statusClasses[5])",
          .muted
        ))
    }
    if let host = state.hostFilter {
      head.append(
        (
          " host \(host) only (m: next) · routes, trend and verdict are every host's",
          .accent
        ))
    }
    head += HostLines.rows(s, filter: state.hostFilter, glyphs: ctx.glyphs)
    head.append(("", .normal))
    TextLines.render(head, into: &canvas, area: area, ctx: ctx)
    let rest = area.splitTop(head.count).1
    let tableHeight = Swift.max(4, rest.height / 2 + 1)
    let (tableArea, below) = rest.splitTop(tableHeight)
    let routes = ScreenRows.routes(
      s, sortColumn: state.frame.sortColumn, filter: state.frame.filter)
    let routeWidth = Swift.max(16, tableArea.width - 66)
    // The route's change since the deploy in view, from the same comparison as the deploy screen.
    let deployRoutes = state.snapshot.deploy?.routes.filter { $0.service == s.name } ?? []
    let table = Table(
      columns: [
        Column(
          " route (sorted by \(ScreenRows.routeSortNames[state.frame.sortColumn]))", routeWidth),
        Column("req", 8, .right), Column("rps", 7, .right), Column("err", 6, .right),
        Column("p50", 7, .right), Column("p95", 7, .right), Column("p99", 7, .right),
        Column(" since deploy", 14),
      ],
      rows: routes.map { r in
        let change = deployRoutes.first { $0.route == r.route }.map {
          DeployText.routeChange($0, glyphs: ctx.glyphs)
        }
        return TableRow([
          (" " + r.route, .normal), ("\(r.stats.requests)", .normal),
          (Formatting.rate(r.stats.rps), .normal),
          (
            Formatting.percent(r.stats.errorRate),
            (r.stats.errorRate ?? 0) > s.thresholds.errorRate ? .crit : .normal
          ),
          (Formatting.latency(r.stats.p50Ms), .normal),
          (
            Formatting.latency(r.stats.p95Ms),
            (r.stats.p95Ms ?? 0) > s.thresholds.p95Ms ? .warn : .normal
          ),
          (Formatting.latency(r.stats.p99Ms), .normal),
          (" " + (change?.0 ?? ""), change?.1 ?? .muted),
        ])
      }, selected: state.frame.selected, showSelection: true)
    table.render(into: &canvas, area: tableArea, glyphs: ctx.glyphs)
    var lines: [(String, Role)] = [("", .normal), (" Recent 5xx", .title)]
    let off = state.snapshot.offsetSeconds
    for r in s.recentErrors.prefix(6) {
      lines.append(
        (
          " \(Formatting.clock(r.time, offsetSeconds: off))  \(r.status)  \(r.method) \(TextSanitizer.display(r.path))  \(Formatting.latency(r.durationMs))",
          .crit
        ))
    }
    if s.recentErrors.isEmpty { lines.append(("  none in window", .muted)) }
    lines.append((" Slowest", .title))
    for r in s.slowest.prefix(6) {
      lines.append(
        (
          " \(Formatting.clock(r.time, offsetSeconds: off))  \(TextFit.padLeft(Formatting.latency(r.durationMs), 6))  \(r.status)  \(r.method) \(TextSanitizer.display(r.path))",
          .warn
        ))
    }
    if s.slowest.isEmpty { lines.append(("  none in window", .muted)) }
    TextLines.render(lines, into: &canvas, area: below, ctx: ctx)
  }

  /// Which numbers came from where, when Prometheus gave any: ` requests from prometheus · latency
  /// from access log · up from prometheus (1)`.
  static func numberSourcesLine(_ s: ServiceSnapshot) -> String? {
    let n = s.numberSources
    guard [n.requests, n.latency, n.up].contains("prometheus") else { return nil }
    var parts: [String] = []
    if let r = n.requests { parts.append("requests from \(r)") }
    if let l = n.latency { parts.append("latency from \(l)") }
    if let u = n.up { parts.append("up from \(u)") }
    return " " + parts.joined(separator: " · ")
  }
}
