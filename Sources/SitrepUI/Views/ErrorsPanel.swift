import SitrepCore

/// The busiest error signatures of the window, on the main screen: below Jobs when there is room,
/// in the Deploy panel's place on a small screen while Tab has it focused.
public enum ErrorsPanel {
  public static func render(
    _ state: AppState, into canvas: inout Canvas, area: Rect, ctx: ViewContext
  ) {
    let since = state.snapshot.now - state.window.seconds
    let errors = state.snapshot.errors
    let focused = state.screen == .main && state.focus == .errors
    canvas.mark(area, .panel(.errors))
    let inner = PanelFrame(title: "Errors \(state.window.label) (e)", focused: focused).render(
      into: &canvas, area: area, glyphs: ctx.glyphs)
    guard !inner.isEmpty else { return }
    if errors.isEmpty {
      canvas.put(" none in the window", x: inner.x, y: inner.y, role: .muted, clip: inner)
      return
    }
    let selected = state.panelSelection[Panel.errors.rawValue]
    let first = Table.scrollOffset(selected: selected, visible: inner.height, count: errors.count)
    for (row, e) in errors.dropFirst(first).prefix(inner.height).enumerated() {
      let y = inner.y + row
      canvas.mark(inner.row(row), .panel(.errors), row: first + row)
      let x = canvas.put(
        TextFit.padLeft("\(e.count(since: since))x", 6) + " ", x: inner.x, y: y, role: .crit,
        clip: inner)
      canvas.put(
        TextFit.clip(e.display, inner.maxX - x, ellipsis: ctx.glyphs.ellipsis), x: x, y: y,
        clip: inner)
      if focused && first + row == selected { canvas.restyle(inner.row(row), role: .selection) }
    }
  }
}
