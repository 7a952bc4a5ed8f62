import SitrepCore

/// What `y` copies (OSC 52, only when pressed): on a traceback, run, request or record screen the
/// whole of it with every frame unfolded; in the log view the current record (the line and its
/// traceback); on a list, the selected row's name (service, job, route, signature, source).
public enum ClipboardText {
  /// Terminals cap an OSC 52 payload (xterm: 100,000 bytes of base64); past this the copy stops.
  public static let maxBytes = 74_000

  public static func of(_ state: AppState) -> String? {
    if DetailBody.of(state, glyphs: .unicode) != nil {
      // Every frame, no wrapping: what is pasted is the traceback as logged.
      var whole = state
      whole.frame.unfolded = true
      whole.width = 100_000
      guard let detail = DetailBody.of(whole, glyphs: .unicode) else { return nil }
      return lines(detail.head.map(\.0) + [""] + detail.body.map(\.0))
    }
    if case .log = state.screen {
      let visible = state.log.visibleIndices
      guard let line = state.log.cursor ?? visible.last else { return nil }
      return lines(LogViewState.record(at: line, in: state.log.lines).map(\.text))
    }
    if state.screen == .main {
      let keys = SelectionKeys.keys(of: state.focus, in: state)
      let i = state.panelSelection[state.focus.rawValue]
      return keys.indices.contains(i) ? keys[i] : nil
    }
    guard let keys = SelectionKeys.keys(of: state.frame, in: state),
      keys.indices.contains(state.frame.selected)
    else { return nil }
    return keys[state.frame.selected]
  }

  /// The lines without the one-space margin the screens draw, trailing blanks dropped.
  static func lines(_ rows: [String]) -> String {
    var text = rows.map { $0.hasPrefix(" ") ? String($0.dropFirst()) : $0 }
    while text.last?.allSatisfy({ $0 == " " }) == true { text.removeLast() }
    return text.joined(separator: "\n")
  }

  /// `text` cut to `maxBytes` of UTF-8 at a character boundary, and whether it was cut.
  public static func bounded(_ text: String) -> (text: String, cut: Bool) {
    guard text.utf8.count > maxBytes else { return (text, false) }
    var kept = ""
    var used = 0
    for c in text {
      let n = String(c).utf8.count
      if used + n > maxBytes { break }
      kept.append(c)
      used += n
    }
    return (kept, true)
  }
}
