import SitrepCore

/// Error signatures in the window, most frequent first.
public enum ErrorsScreen {
  public static func render(
    _ state: AppState, into canvas: inout Canvas, area: Rect, ctx: ViewContext
  ) {
    let since = state.snapshot.now - state.window.seconds
    let off = state.snapshot.offsetSeconds
    let table = Table(
      columns: [
        Column(" count", 7, .right), Column("last", 9), Column("where", 16),
        Column("signature", Swift.max(10, area.width - 36)),
      ],
      rows: ScreenRows.errors(state, filter: state.frame.filter).map { s in
        TableRow([
          ("\(s.count(since: since))", .crit),
          (Formatting.clock(s.lastSeen, offsetSeconds: off), .normal),
          (s.origin.job ?? s.origin.service ?? "—", .muted), (s.display, .normal),
        ])
      }, selected: state.frame.selected, showSelection: true)
    table.render(into: &canvas, area: area, glyphs: ctx.glyphs)
  }
}

/// One signature: counts, first and last seen, then the sample traceback, which scrolls.
public enum ErrorScreen {
  public static func render(
    _ state: AppState, key: String, into canvas: inout Canvas, area: Rect, ctx: ViewContext
  ) {
    guard let s = ScreenRows.signature(state, key) else {
      canvas.put(" signature no longer in the window", x: area.x, y: area.y, role: .muted)
      return
    }
    detail(s, state: state, glyphs: ctx.glyphs).render(
      state, into: &canvas, area: area, ctx: ctx)
  }

  static func detail(_ s: ErrorSignature, state: AppState, glyphs: Glyphs) -> DetailBody {
    let off = state.snapshot.offsetSeconds
    let head: [(String, Role)] = [
      (" \(s.display)", .crit),
      (
        " \(s.count) total · \(s.count(since: state.snapshot.now - state.window.seconds)) in \(state.window.label) · first \(Formatting.clock(s.firstSeen, offsetSeconds: off)) · last \(Formatting.clock(s.lastSeen, offsetSeconds: off)) · in \(s.origin.job ?? s.origin.service ?? "—")"
          + (s.hosts.isEmpty
            ? "" : " on " + TextSanitizer.display(s.hosts.joined(separator: ", "))),
        .normal
      ),
      (
        " occurrences: "
          + s.recent.suffix(12).reversed().map { Formatting.clock($0, offsetSeconds: off) }.joined(
            separator: " "), .muted
      ),
      ("", .normal), (" Sample", .title),
    ]
    if s.sample.traceback.isEmpty {
      return DetailBody(head: head, body: [("  \(s.sample.summary)", .normal)], focus: nil)
    }
    let tb = TracebackLines.make(
      s.sample.traceback, unfolded: state.frame.unfolded, glyphs: glyphs, width: state.width)
    return DetailBody(head: head, body: tb.lines, focus: tb.focus)
  }
}
