import SitrepCore

/// The busiest error signatures of the window, on the main screen when there is room below Jobs.
public enum ErrorsPanel {
  public static func render(
    _ state: AppState, into canvas: inout Canvas, area: Rect, ctx: ViewContext
  ) {
    let since = state.snapshot.now - state.window.seconds
    let errors = state.snapshot.errors
    let inner = PanelFrame(title: "Errors \(state.window.label) (e)", focused: false).render(
      into: &canvas, area: area, glyphs: ctx.glyphs)
    guard !inner.isEmpty else { return }
    if errors.isEmpty {
      canvas.put(" none in the window", x: inner.x, y: inner.y, role: .muted, clip: inner)
      return
    }
    for (row, e) in errors.prefix(inner.height).enumerated() {
      let y = inner.y + row
      let x = canvas.put(
        TextFit.padLeft("\(e.count(since: since))x", 6) + " ", x: inner.x, y: y, role: .crit,
        clip: inner)
      canvas.put(
        TextFit.clip(e.display, inner.maxX - x, ellipsis: ctx.glyphs.ellipsis), x: x, y: y,
        clip: inner)
    }
  }
}
