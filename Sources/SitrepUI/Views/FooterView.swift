import FoundationEssentials

/// Bottom line: the keys that apply here, a transient message, or the filter being typed.
public enum FooterView {
  public static func keys(for state: AppState, ctx: ViewContext) -> String {
    let enter = ctx.glyphs.isUnicode ? "⏎" : "Enter"
    let updown = ctx.glyphs.isUnicode ? "↑↓" : "j/k"
    switch state.screen {
    case .main where state.focus == .timeline:
      return
        "Tab panel  ←→ step  \(enter) its lines  \(updown) step  e errors  d deploy  w window  ? help  q quit"
    case .main:
      return
        "Tab panel  \(updown) select  \(enter) open  l log  e errors  d deploy  s sources  w window  ? help  q quit"
    case .log:
      return
        "/ ? search  n/N match  & filter  e/E error  \(enter) record  f follow  g/G top/end  ←→ scroll  Esc back  H help"
    case .service:
      return "\(updown) select  \(enter) route  l log  o sort  w window  Esc back  ? help  Q quit"
    case .route:
      return "\(updown) select request  \(enter) its exception  l log  Esc back  ? help  Q quit"
    case .request:
      return
        "\(updown) scroll  z library frames  \(enter)/l lines around it  Esc back  ? help  Q quit"
    case .job:
      return "\(updown) select run  \(enter) open run  l log  Esc back  ? help  Q quit"
    case .run:
      return "\(updown) scroll  z library frames  \(enter)/l raw lines  Esc back  ? help  Q quit"
    case .deploy:
      return "\(updown) select deploy  \(enter) compare around it  Esc back  ? help  Q quit"
    case .errors:
      return "\(updown) select  \(enter) open signature  Esc back  ? help  Q quit"
    case .error:
      return
        "\(updown) scroll  z library frames  \(enter)/l occurrences in the log  Esc back  ? help  Q quit"
    case .sources:
      return "\(updown) select  \(enter) raw lines  Esc back  ? help  Q quit"
    case .record:
      return "\(updown) scroll  z library frames  Esc back  ? help  Q quit"
    }
  }

  /// Drops hints from the middle until the line fits, so `? help` and `q quit` at the end stay:
  /// they lead to everything else.
  static func fitted(_ line: String, width: Int) -> String {
    var items = line.components(separatedBy: "  ").filter { !$0.isEmpty }
    while CellWidth.of(items.joined(separator: "  ")) > width && items.count > 2 {
      items.remove(at: items.count - 3)
    }
    return TextFit.clip(items.joined(separator: "  "), width)
  }

  public static func render(
    _ state: AppState, into canvas: inout Canvas, area: Rect, ctx: ViewContext
  ) {
    guard !area.isEmpty else { return }
    canvas.fill(area, role: .footer)
    if let prompt = state.prompt {
      // The end of a long entry stays in view, as in a shell.
      let text = TextFit.clipLeft(prompt.kind.sigil + prompt.text + "_", area.width - 1)
      canvas.put(" " + text, x: area.x, y: area.y, role: .accent, clip: area)
      return
    }
    if state.confirming == .resetCounters {
      canvas.put(
        " Reset every counter and all history? y resets, any other key keeps them", x: area.x,
        y: area.y, role: .warn, clip: area)
      return
    }
    if !state.frame.filter.isEmpty, state.message == nil {
      let shown = ScreenRows.count(state)
      canvas.put(
        " /\(state.frame.filter) · \(shown) shown · Esc clears  " + keys(for: state, ctx: ctx),
        x: area.x, y: area.y, role: .accent, clip: area)
      return
    }
    if let message = state.message {
      canvas.put(" " + message, x: area.x, y: area.y, role: .accent, clip: area)
      return
    }
    canvas.put(
      " " + fitted(keys(for: state, ctx: ctx), width: area.width - 1), x: area.x, y: area.y,
      role: .footer)
  }
}
