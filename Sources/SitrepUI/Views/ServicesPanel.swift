import SitrepCore

/// One line per service: verdict, rate, errors, latency percentiles and a sparkline — as many
/// columns as the width allows — or the reason when the service is down or unknown.
public enum ServicesPanel {
  public static func render(
    _ state: AppState, into canvas: inout Canvas, area: Rect, ctx: ViewContext
  ) {
    let focused = state.screen == .main && state.focus == .services
    let services = ScreenRows.services(state)
    let selected = state.panelSelection[Panel.services.rawValue]
    // The frame's inner height is the area less its two borders.
    let visible = Swift.max(0, area.height - 2)
    let first = Table.scrollOffset(selected: selected, visible: visible, count: services.count)
    canvas.mark(area, .panel(.services))
    let inner = PanelFrame(
      title: title(services, first: first, visible: visible, glyphs: ctx.glyphs), focused: focused
    ).render(into: &canvas, area: area, glyphs: ctx.glyphs)
    guard !inner.isEmpty else { return }
    if services.isEmpty {
      canvas.put(
        "no access logs or metrics yet", x: inner.x + 1, y: inner.y, role: .muted, clip: inner)
      return
    }
    for (row, service) in services.dropFirst(first).prefix(inner.height).enumerated() {
      let y = inner.y + row
      line(service, into: &canvas, x: inner.x, y: y, width: inner.width, ctx: ctx)
      canvas.mark(inner.row(row), .panel(.services), row: first + row)
      if focused && first + row == selected { canvas.restyle(inner.row(row), role: .selection) }
    }
  }

  /// "Services", and when they do not all fit, which rows show and how many services out of view
  /// are not UP: a DOWN service below the fold must not go unnoticed.
  static func title(_ services: [ServiceSnapshot], first: Int, visible: Int, glyphs: Glyphs)
    -> String
  {
    guard services.count > visible, visible > 0 else { return "Services" }
    let last = Swift.min(services.count, first + visible)
    var title = "Services \(first + 1)-\(last) of \(services.count)"
    let hidden = services.prefix(first) + services.dropFirst(last)
    let trouble = hidden.filter { [.down, .degraded, .slow].contains($0.verdict.verdict) }.count
    if trouble > 0 { title += " \(glyphs.separator) \(trouble) not UP out of view" }
    return title
  }

  static func line(
    _ s: ServiceSnapshot, into canvas: inout Canvas, x: Int, y: Int, width: Int, ctx: ViewContext
  ) {
    let clip = Rect(x: x, y: y, width: width, height: 1)
    let (mark, role) = ctx.marker(s.verdict.verdict)
    let nameWidth = width >= 100 ? 14 : 11
    var col = canvas.put(" \(mark) ", x: x, y: y, role: role, clip: clip)
    col = canvas.put(
      TextFit.padRight(s.name, nameWidth, ellipsis: ctx.glyphs.ellipsis) + " ", x: col, y: y,
      clip: clip)
    col = canvas.put(
      TextFit.padRight(s.verdict.verdict.rawValue, 9), x: col, y: y, role: role, bold: true,
      clip: clip)
    let rest = x + width - col
    if s.verdict.verdict == .down || s.verdict.verdict == .unknown || s.stats.requests == 0 {
      canvas.put(
        TextFit.clip(s.verdict.reason, rest, ellipsis: ctx.glyphs.ellipsis), x: col, y: y,
        role: role == .unknown ? .muted : role, clip: clip)
      return
    }
    let t = s.thresholds
    let errBreach = (s.stats.errorRate ?? 0) > t.errorRate
    let p95Breach = (s.stats.p95Ms ?? 0) > t.p95Ms
    var cells: [(String, Role)] = [
      (TextFit.padLeft(Formatting.rate(s.stats.rps), 6) + " rps", .normal),
      (
        "  err " + TextFit.padLeft(Formatting.percent(s.stats.errorRate), 5)
          + (errBreach ? "!" : " "), errBreach ? .crit : .normal
      ),
    ]
    let p50 = ("  p50 " + TextFit.padLeft(Formatting.latency(s.stats.p50Ms), 5) + " ", Role.normal)
    let p95 = (
      "  p95 " + TextFit.padLeft(Formatting.latency(s.stats.p95Ms), 5) + (p95Breach ? "!" : " "),
      p95Breach ? Role.warn : .normal
    )
    let p99 = ("  p99 " + TextFit.padLeft(Formatting.latency(s.stats.p99Ms), 5) + " ", Role.normal)
    // Widest first: drop p50, then p99 as room shrinks; p95 stays.
    if rest >= 70 {
      cells += [p50, p95, p99]
    } else if rest >= 58 {
      cells += [p50, p95]
    } else {
      cells += [p95]
    }
    for (text, r) in cells { col = canvas.put(text, x: col, y: y, role: r, clip: clip) }
    let room = x + width - col - 2
    if room >= 10 {
      let sparkWidth = Swift.min(room, width >= 140 ? 30 : 16)
      col = canvas.put(
        "  " + Sparkline.text(s.sparkline, width: sparkWidth, glyphs: ctx.glyphs), x: col, y: y,
        role: .spark, clip: clip)
      let reasonRoom = x + width - col - 2
      if reasonRoom >= 20 && s.verdict.verdict != .up {
        canvas.put(
          "  " + TextFit.clip(s.verdict.reason, reasonRoom, ellipsis: ctx.glyphs.ellipsis), x: col,
          y: y, role: role, clip: clip)
      }
    }
  }
}
