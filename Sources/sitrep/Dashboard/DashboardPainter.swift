import SitrepUI

/// Draw: puts the state on the terminal when it changed since the last frame (or when the terminal
/// forgot what it shows), so a quiet dashboard draws once a second, for the clock, and an unchanged
/// state costs nothing.
struct DashboardPainter {
  let terminal: CursesTerminal
  let ctx: ViewContext
  private var renderer = FrameRenderer()
  private var drawn: AppState?

  init(terminal: CursesTerminal) {
    self.terminal = terminal
    ctx = ViewContext(glyphs: terminal.isUTF8 ? .unicode : .ascii)
  }

  mutating func drawIfChanged(_ state: AppState) {
    guard terminal.needsFullDraw || drawn != state else { return }
    terminal.draw(renderer.render(state, ctx: ctx))
    drawn = state
  }

  /// Colours the terminal in `theme`; the next frame repaints every cell in it.
  func show(_ theme: Theme) {
    terminal.apply(theme)
    terminal.invalidate()
  }
}
