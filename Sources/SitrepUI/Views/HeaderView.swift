import SitrepCore

/// Top line: what is monitored, the window, where you are, the clock and following/paused.
public enum HeaderView {
  public static func render(
    _ state: AppState, into canvas: inout Canvas, area: Rect, ctx: ViewContext
  ) {
    guard !area.isEmpty else { return }
    canvas.fill(area, role: .header)
    let s = state.snapshot
    let sep = " \(ctx.glyphs.separator) "
    var left = " sitrep"
    if state.stack.count > 1 {
      left += sep + state.breadcrumb.dropFirst().joined(separator: " › ")
    } else {
      left += sep + "\(s.services.count) service\(s.services.count == 1 ? "" : "s")"
      left += sep + "\(s.jobs.count) job\(s.jobs.count == 1 ? "" : "s")"
    }
    if let host = state.hostFilter { left += sep + "host \(host)" }
    left += sep + "window \(state.window.label)"
    if let loading = state.loading { left += sep + loading }
    let now = state.clock ?? s.now
    let clock = now > 0 ? Formatting.clock(now, offsetSeconds: s.offsetSeconds) : "--:--:--"
    let mode = state.following ? "\(ctx.glyphs.bullet) following" : "\(ctx.glyphs.same) paused"
    var right = "\(clock) \(mode) "
    // In the past the clock is the moment shown, and the screen says plainly it is not live.
    if let moment = state.moment {
      right =
        "AT \(Formatting.clock(moment, offsetSeconds: s.offsetSeconds)) \(ctx.glyphs.separator) "
        + "not live (:at now) "
    }
    // A source in trouble (missing, unreadable, unrecognised, mostly malformed) is said on every
    // screen: numbers from a source sitrep cannot read would otherwise look like a quiet service.
    let troubled = s.sources.filter { $0.trouble != nil }.count
    let warning =
      troubled == 0
      ? "" : " \(ctx.glyphs.warn) \(troubled) source\(troubled == 1 ? "" : "s") in trouble (s) "
    let room = area.width - CellWidth.of(right) - CellWidth.of(warning) - 1
    let end = canvas.put(
      TextFit.clip(left, room, ellipsis: ctx.glyphs.ellipsis), x: area.x, y: area.y, role: .header,
      bold: true)
    if !warning.isEmpty { canvas.put(warning, x: end + 1, y: area.y, role: .crit, bold: true) }
    canvas.put(
      right, x: area.maxX - CellWidth.of(right), y: area.y,
      role: state.following && state.moment == nil ? .header : .warn, bold: state.moment != nil)
  }
}
