import SitrepUI

/// Draw: puts the state on the terminal when it changed since the last frame (or when the terminal
/// forgot what it shows), so a quiet dashboard draws once a second, for the clock, and an unchanged
/// state costs nothing.
struct DashboardPainter {
  let terminal: CursesTerminal
  let ctx: ViewContext
  private var renderer = FrameRenderer()
  private var drawn: AppState?
  /// What each area of the frame on the screen is, for the clicks read before the next frame.
  private(set) var hits = HitMap()

  init(terminal: CursesTerminal) {
    self.terminal = terminal
    ctx = ViewContext(glyphs: terminal.isUTF8 ? .unicode : .ascii)
  }

  mutating func drawIfChanged(_ state: AppState) {
    guard terminal.needsFullDraw || drawn != state else { return }
    let canvas = renderer.render(state, ctx: ctx)
    terminal.draw(canvas)
    hits = canvas.hits
    drawn = state
  }

  /// Colours the terminal in `theme`; the next frame repaints every cell in it.
  func show(_ theme: Theme) {
    terminal.apply(theme)
    terminal.invalidate()
  }
}
