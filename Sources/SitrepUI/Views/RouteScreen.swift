import SitrepCore

/// One route: its numbers in the window, its status classes, its change at the deploy, and its
/// failed and slowest requests, each of which opens the exception behind it.
public enum RouteScreen {
  public static func render(
    _ state: AppState, service: String, route: String, into canvas: inout Canvas, area: Rect,
    ctx: ViewContext
  ) {
    guard let s = ScreenRows.service(state, service),
      let r = s.routes.first(where: { $0.route == route })
    else {
      canvas.put(" route \(route) is not in view", x: area.x, y: area.y, role: .muted)
      return
    }
    let st = r.stats
    var head: [(String, Role)] = [
      (" \(route)  on \(service)", .title),
      (
        " \(st.requests) requests in \(state.window.label) · \(Formatting.rate(st.rps)) rps · err \(Formatting.percent(st.errorRate)) · p50 \(Formatting.latency(st.p50Ms)) p95 \(Formatting.latency(st.p95Ms)) p99 \(Formatting.latency(st.p99Ms))",
        (st.errorRate ?? 0) > s.thresholds.errorRate ? .crit : .normal
      ),
      (
        " 2xx \(st.statusClasses[2])  3xx \(st.statusClasses[3])  4xx \(st.statusClasses[4])  5xx \(st.statusClasses[5])"
          + (st.unknownLatency > 0 ? "  · latency unknown for \(st.unknownLatency)" : ""),
        .muted
      ),
    ]
    if let change = state.snapshot.deploy?.routes.first(where: {
      $0.service == service && $0.route == route
    }) {
      let (text, role) = DeployText.routeChange(change, glyphs: ctx.glyphs)
      let said = text == ctx.glyphs.same ? "\(text) no significant change" : text
      head.append((" since the deploy: \(said)", role))
    }
    head.append(("", .normal))
    TextLines.render(head, into: &canvas, area: area, ctx: ctx)
    let requests = ScreenRows.routeRequests(state, service, route, filter: state.frame.filter)
    let rest = area.splitTop(head.count).1
    if requests.isEmpty {
      canvas.put(
        " no 5xx or slow requests kept for this route in the window", x: rest.x, y: rest.y,
        role: .muted, clip: rest)
      return
    }
    let off = state.snapshot.offsetSeconds
    let table = Table(
      columns: [
        Column(" time", 10), Column("status", 6, .right), Column("took", 8, .right),
        Column(" request", Swift.max(10, rest.width - 26)),
      ],
      rows: requests.map { q in
        TableRow([
          (" " + Formatting.clock(q.time, offsetSeconds: off), .normal),
          ("\(q.status)", q.status >= 500 ? .crit : .normal),
          (Formatting.latency(q.durationMs), .warn),
          (" \(q.method) \(TextSanitizer.display(q.path))", .normal),
        ])
      }, selected: state.frame.selected, showSelection: true)
    table.render(into: &canvas, area: rest, glyphs: ctx.glyphs)
  }
}
