import SitrepCore

/// The error and run screens: a few fixed lines of facts on top, then a body that scrolls (the
/// traceback). Update and the views both use it, so the scroll limits are the ones drawn.
public struct DetailBody {
  public var head: [(String, Role)]
  public var body: [(String, Role)]
  /// The body line to open on (the innermost app frame), when there is one.
  public var focus: Int?

  /// What the current screen shows, or `nil` when it is not a detail screen or its subject left.
  public static func of(_ state: AppState, glyphs: Glyphs) -> DetailBody? {
    switch state.screen {
    case .error(let key):
      return ScreenRows.signature(state, key).map {
        ErrorScreen.detail($0, state: state, glyphs: glyphs)
      }
    case .run(let job, let ref):
      guard let j = ScreenRows.job(state, job), let r = ref.find(in: ScreenRows.runs(j)) else {
        return nil
      }
      return RunScreen.detail(r, state: state, glyphs: glyphs)
    case .request(let service, let r):
      return RequestScreen.detail(r, service: service, state: state, glyphs: glyphs)
    case .record(let lines):
      return RecordScreen.detail(lines, state: state, glyphs: glyphs)
    default: return nil
    }
  }

  /// Rows the body gets under the head, in a screen `height` rows tall (header and footer take two).
  public func bodyRows(height: Int) -> Int { Swift.max(1, height - 2 - head.count) }

  /// The first body line shown. Unscrolled, the view opens so the innermost app frame and the
  /// exception under it are in view: the end of the traceback when it fits below that frame,
  /// else that frame at the top.
  public func top(scroll: Int?, height: Int) -> Int {
    let rows = bodyRows(height: height)
    let last = Swift.max(0, body.count - rows)
    if let scroll { return Swift.min(Swift.max(0, scroll), last) }
    guard let focus else { return last }
    return Swift.min(last, focus)
  }
}

extension DetailBody {
  /// The head, then the body from the scroll position, with a line saying which part of a body
  /// taller than the screen is shown.
  func render(_ state: AppState, into canvas: inout Canvas, area: Rect, ctx: ViewContext) {
    let (headArea, bodyArea) = area.splitTop(Swift.min(head.count, area.height))
    TextLines.render(head, into: &canvas, area: headArea, ctx: ctx)
    guard !bodyArea.isEmpty else { return }
    let top = top(scroll: state.frame.scroll, height: state.height)
    TextLines.render(body, into: &canvas, area: bodyArea, ctx: ctx, from: top)
    let shown = Swift.min(body.count - top, bodyArea.height)
    if body.count > bodyArea.height {
      let position = " lines \(top + 1)-\(top + shown) of \(body.count) (j/k scroll) "
      let x = bodyArea.x + Swift.max(0, bodyArea.width - CellWidth.of(position))
      canvas.put(position, x: x, y: headArea.y + headArea.height - 1, role: .muted, clip: area)
    }
  }
}
