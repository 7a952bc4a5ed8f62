/// `Update` for the mouse: a press selects the row under the pointer (and, on the main screen,
/// focuses its panel), a second press on the same row within `MouseSteps.doubleClickMillis` opens
/// it as Enter does, and the wheel scrolls the list or text under the pointer. What is under the
/// pointer comes from the hit map of the frame on the screen; a press on nothing does nothing.
enum MouseUpdate {
  static func handle(_ state: inout AppState, _ event: MouseEvent, hits: HitMap) -> [Effect] {
    // Typing in the prompt or answering the footer's question: the mouse waits, so a stray click
    // neither loses the text nor answers for the user.
    if state.prompt != nil || state.confirming != nil { return [] }
    // Drawn for another screen than the one now open (a key earlier in the same read left it).
    guard hits.depth == state.stack.count else { return [] }
    let region = hits.region(x: event.x, y: event.y)
    if state.showHelp {
      help(&state, event, on: region)
      return []
    }
    guard let region else {
      if event.kind == .press { state.lastClick = nil }
      return []
    }
    switch event.kind {
    case .wheelUp: return wheel(&state, on: region, by: -1)
    case .wheelDown: return wheel(&state, on: region, by: 1)
    case .press: return press(&state, on: region, millis: event.millis)
    }
  }

  /// Over the help, the wheel scrolls it; a press outside the box closes it, as any key does.
  static func help(_ state: inout AppState, _ event: MouseEvent, on region: HitRegion?) {
    let inside = region?.scope == .help
    switch event.kind {
    case .wheelUp, .wheelDown:
      let step = event.kind == .wheelUp ? -MouseSteps.textLines : MouseSteps.textLines
      state.helpScroll = Swift.max(
        0, Swift.min(Update.helpScrollLimit(state), state.helpScroll + step))
    case .press where !inside:
      state.showHelp = false
      state.helpScroll = 0
    case .press: break
    }
  }

  static func wheel(_ state: inout AppState, on region: HitRegion, by notches: Int) -> [Effect] {
    switch region.scope {
    case .panel(let panel):
      // The Deploy panel has no rows to move through.
      guard state.screen == .main, panel != .deploy else { return [] }
      Update.focus(&state, on: panel)
      Update.moveSelection(
        &state, by: notches * MouseSteps.listRows, count: ScreenRows.count(state))
    case .list:
      Update.moveSelection(
        &state, by: notches * MouseSteps.listRows, count: ScreenRows.count(state))
    case .detail:
      guard let detail = DetailBody.of(state, glyphs: .unicode) else { return [] }
      let top = detail.top(scroll: state.frame.scroll, height: state.height)
      state.frame.scroll = detail.top(
        scroll: top + notches * MouseSteps.textLines, height: state.height)
    case .log:
      // Line by line as ↑ and ↓ do, so that at the top of what is held the wheel reads older
      // lines from the file (and past a gap below, the newer ones), as the keys do.
      let key: Key = notches < 0 ? .up : .down
      for _ in 0..<abs(notches) * MouseSteps.textLines {
        let effects = Update.logKey(&state, key)
        if !effects.isEmpty { return effects }
      }
    case .help: break
    }
    return []
  }

  static func press(_ state: inout AppState, on region: HitRegion, millis: Int) -> [Effect] {
    state.message = nil
    let double =
      state.lastClick.map {
        $0.scope == region.scope && $0.row == region.row && $0.key == region.key
          && millis >= $0.millis && millis - $0.millis <= MouseSteps.doubleClickMillis
      } ?? false
    state.lastClick = LastClick(
      scope: region.scope, row: region.row, key: region.key, millis: millis)
    switch region.scope {
    case .panel(let panel):
      guard state.screen == .main else { return [] }
      Update.focus(&state, on: panel)
      if region.row != nil {
        guard let i = index(of: region, in: SelectionKeys.keys(of: panel, in: state)) else {
          return []
        }
        state.panelSelection[panel.rawValue] = i
        state.pickedPanels.insert(panel)
      } else if panel != .deploy {
        // A panel's border or blank rows: focus only. The Deploy panel is one item, so a double
        // click anywhere on it opens it.
        return []
      }
    case .list:
      guard let keys = SelectionKeys.keys(of: state.frame, in: state),
        let i = index(of: region, in: keys)
      else { return [] }
      state.frame.selected = i
    case .log:
      guard let line = region.row, state.log.visibleIndices.contains(line) else { return [] }
      state.log.cursor = line
    case .detail, .help:
      return []
    }
    guard double else { return [] }
    // A third press starts over rather than opening twice.
    state.lastClick = nil
    return Update.isLog(state) ? Update.logKey(&state, .enter) : Update.open(&state)
  }

  /// The row's position in the list as it is now: found by identity when it has one, so a list
  /// that reordered since the frame was drawn still gets the row that was under the pointer.
  static func index(of region: HitRegion, in keys: [String]) -> Int? {
    if let key = region.key { return keys.firstIndex(of: key) }
    guard let row = region.row, keys.indices.contains(row) else { return nil }
    return row
  }
}
