import SitrepCore

/// The only place `AppState` changes. Pure: it returns what the run loop should do.
public enum Update {
  public static func apply(_ state: inout AppState, _ msg: Msg) -> [Effect] {
    switch msg {
    case .resized(let w, let h):
      state.width = w
      state.height = h
      return []
    case .snapshot(let s):
      // Paused keeps the old numbers, except when the user asked for different ones (window, deploy).
      if state.following || state.awaitingRecompute {
        let kept = SelectionKeys.taken(from: state)
        HostFilter.show(s, in: &state)
        kept.restore(in: &state)
      }
      state.awaitingRecompute = false
      clampSelection(&state)
      return []
    case .logLines(let lines):
      // While lines read back are held (or asked for) the view stands still: newer kept lines
      // would leave a stretch of the file between them and the lines read back.
      guard state.log.readBack.lines.isEmpty, !state.log.readBack.isReading else { return [] }
      state.log.kept = lines
      state.log.showHeld()
      if let c = state.log.cursor, c >= state.log.lines.count { state.log.cursor = nil }
      return []
    case .backRead(let page):
      guard state.log.take(page) else { return [] }
      return LogPaging.arrived(&state, page)
    case .loading(let text):
      state.loading = text
      return []
    case .tick(let now):
      state.clock = now
      return []
    case .themeChanged(let name):
      state.themeName = name
      state.message = "theme \(name)"
      return []
    case .quit:
      state.quit = true
      return [.quit]
    case .key(let key):
      state.message = nil
      return handleKey(&state, key)
    case .mouse(let event, let hits):
      return MouseUpdate.handle(&state, event, hits: hits)
    }
  }

  static func handleKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    // A key pressed while `g`'s page is on its way takes the view elsewhere: the page still lands
    // above, without pulling the view to its top.
    if state.log.readBack.then == .top, key != .char("g"), key != .home {
      state.log.readBack.then = .stay
    }
    if state.prompt != nil { return editPrompt(&state, key) }
    if let effect = state.confirming {
      state.confirming = nil
      guard key == .char("y") || key == .char("Y") else {
        state.message = "nothing reset"
        return []
      }
      state.message = "counters reset"
      return [effect]
    }
    if state.showHelp {
      // The arrows scroll a help taller than the screen; any other key closes it (`q` too).
      let shown = HelpOverlay.visibleRows(height: state.height)
      let last = helpScrollLimit(state)
      switch key {
      case .down,
        .char("j") where last > 0:
        state.helpScroll = Swift.min(last, state.helpScroll + 1)
      case .up,
        .char("k") where last > 0:
        state.helpScroll = Swift.max(0, state.helpScroll - 1)
      case .pageDown where last > 0: state.helpScroll = Swift.min(last, state.helpScroll + shown)
      case .pageUp where last > 0: state.helpScroll = Swift.max(0, state.helpScroll - shown)
      default:
        state.showHelp = false
        state.helpScroll = 0
      }
      return []
    }
    switch key {
    case .char("Q"), .control("c"):
      state.quit = true
      return [.quit]
    case .char("q"):
      if state.stack.count > 1 {
        back(&state)
        return []
      }
      state.quit = true
      return [.quit]
    case .escape where isLog(state) && !(state.log.filter.isEmpty && state.log.search.isEmpty):
      // Esc undoes the filter, then the search, before it leaves the view.
      if !state.log.filter.isEmpty {
        state.log.filter = ""
        state.log.bottom = nil
        state.message = "filter cleared"
      } else {
        state.log.search = ""
        state.message = "search cleared"
      }
      return []
    case .escape where !state.frame.filter.isEmpty:
      state.frame.filter = ""
      state.frame.selected = 0
      state.message = "filter cleared"
      return []
    case .escape, .backspace,
      .left where !isLog(state) && !onTimeline(state),
      .char("h") where !isLog(state) && !onTimeline(state):
      back(&state)
      return []
    case .char(":"):
      state.prompt = Prompt(.command)
      return []
    case .char("/") where ScreenRows.filtersList(state.screen):
      state.prompt = Prompt(.list)
      return []
    case .char("?") where !isLog(state), .char("H") where isLog(state):
      // In the log view `?` searches backward, as in less; `H` is its help, as less's is.
      state.showHelp = true
      return []
    case .char("w"):
      state.window = state.window.next
      state.message = "window \(state.window.label)"
      state.awaitingRecompute = true
      return [.recompute]
    case .char("t"): return [.cycleTheme]
    case .char("y"):
      guard let text = ClipboardText.of(state), !text.isEmpty else {
        state.message = "nothing selected to copy here"
        return []
      }
      let (kept, cut) = ClipboardText.bounded(text)
      let lines = kept.split(separator: "\n", omittingEmptySubsequences: false).count
      state.message =
        "copied \(lines) line\(lines == 1 ? "" : "s") to the clipboard (OSC 52)"
        + (cut ? ", cut at \(ClipboardText.maxBytes / 1000) kB" : "")
      return [.copy(kept)]
    case .char("["), .char("]"), .char("{"), .char("}"):
      guard case .char(let c) = key else { return [] }
      return TimeTravel.step(&state, key: c)
    case .char("r"):
      // Everything counted so far goes: ask first.
      state.confirming = .resetCounters
      return []
    case .char("f"):
      state.following.toggle()
      if isLog(state) && state.following {
        state.log.dropReadBack()
        state.log.bottom = nil
      }
      state.message = state.following ? "following" : "paused"
      return state.following ? [.recompute, .refreshLog] : []
    case .char("d"):
      push(&state, .deploy)
      return []
    case .char("s") where !isLog(state):
      push(&state, .sources)
      return []
    case .char("m") where !isLog(state):
      HostFilter.next(&state)
      return []
    case .control("l"): return [.recompute]
    default: break
    }
    if isLog(state) { return logKey(&state, key) }
    return navigate(&state, key)
  }

  /// The last first row the help can scroll to: 0 when it fits.
  static func helpScrollLimit(_ state: AppState) -> Int {
    let rows = HelpOverlay.rows(
      for: state.screen, width: Swift.min(state.width - 2, HelpOverlay.boxWidth)
    ).count
    return Swift.max(0, rows - HelpOverlay.visibleRows(height: state.height))
  }

  static func isLog(_ state: AppState) -> Bool {
    if case .log = state.screen { return true }
    return false
  }

  static func back(_ state: inout AppState) {
    guard state.stack.count > 1 else { return }
    // Lines read back are held only while their view is open.
    if isLog(state) { state.log.dropReadBack() }
    state.stack.removeLast()
  }

  static func push(_ state: inout AppState, _ screen: Screen) {
    if state.screen == screen { return }
    state.stack.append(ScreenFrame(screen))
    if screen.linesQuery != nil {
      state.log = LogViewState()
    }
  }

  static func openLog(_ state: inout AppState, _ query: LogQuery) -> [Effect] {
    push(&state, .log(query))
    return [.refreshLog]
  }

  static func navigate(_ state: inout AppState, _ key: Key) -> [Effect] {
    if let detail = DetailBody.of(state, glyphs: .unicode), scrollDetail(&state, detail, key) {
      return []
    }
    let count = ScreenRows.count(state)
    let page = Swift.max(1, state.height - 8)
    switch key {
    case .tab where state.screen == .main:
      focus(&state, step: 1)
      return []
    case .backTab where state.screen == .main:
      focus(&state, step: -1)
      return []
    case .left where onTimeline(state), .char("h") where onTimeline(state):
      moveSelection(&state, by: -1, count: count)
    case .right where onTimeline(state):
      moveSelection(&state, by: 1, count: count)
    case .up, .char("k"): moveSelection(&state, by: -1, count: count)
    case .down, .char("j"): moveSelection(&state, by: 1, count: count)
    case .pageUp: moveSelection(&state, by: -page, count: count)
    case .pageDown: moveSelection(&state, by: page, count: count)
    case .home, .char("g"): moveSelection(&state, by: -count, count: count)
    case .end, .char("G"): moveSelection(&state, by: count, count: count)
    case .char("o"):
      if case .service = state.screen {
        state.frame.sortColumn = (state.frame.sortColumn + 1) % ScreenRows.routeSortNames.count
        state.message = "sorted by \(ScreenRows.routeSortNames[state.frame.sortColumn])"
      }
    case .char("e") where state.screen == .main:
      push(&state, .errors)
    case .char("l"):
      return openLog(&state, logQuery(for: state))
    case .enter, .right:
      return open(&state)
    default: break
    }
    return []
  }

  /// Keys that move a detail screen's body (a traceback); `false` for keys they leave alone.
  static func scrollDetail(_ state: inout AppState, _ detail: DetailBody, _ key: Key) -> Bool {
    let rows = detail.bodyRows(height: state.height)
    let top = detail.top(scroll: state.frame.scroll, height: state.height)
    let delta: Int
    switch key {
    case .up, .char("k"): delta = -1
    case .down, .char("j"): delta = 1
    case .pageUp: delta = -rows
    case .pageDown, .char(" "): delta = rows
    case .home, .char("g"): delta = -detail.body.count
    case .end, .char("G"): delta = detail.body.count
    case .char("z"):
      state.frame.unfolded.toggle()
      // Where the frames appear or fold away, line numbers change: open on the app frame again.
      state.frame.scroll = nil
      state.message = state.frame.unfolded ? "library frames shown" : "library frames folded"
      return true
    default: return false
    }
    state.frame.scroll = detail.top(scroll: top + delta, height: state.height)
    return true
  }

  /// The main screen's time chart has focus: ←/→ (and h) step through it rather than go back.
  static func onTimeline(_ state: AppState) -> Bool {
    state.screen == .main && state.focus == .timeline
  }

  /// Tab and Shift-Tab: the next panel the screen shows. The time chart's cursor starts on the
  /// newest step, where an engineer looks first.
  static func focus(_ state: inout AppState, step: Int) {
    let order = Panel.tabOrder(width: state.width, height: state.height)
    let at = order.firstIndex(of: state.focus) ?? 0
    focus(&state, on: order[(at + step + order.count) % order.count])
  }

  /// Focuses `panel` (Tab, a click). The time chart's cursor starts on the newest step.
  static func focus(_ state: inout AppState, on panel: Panel) {
    guard state.focus != panel else { return }
    state.focus = panel
    if panel == .timeline {
      state.panelSelection[Panel.timeline.rawValue] = Swift.max(0, ScreenRows.count(state) - 1)
      state.pickedPanels.insert(.timeline)
    }
  }

  static func selected(_ state: AppState) -> Int {
    state.screen == .main ? state.panelSelection[state.focus.rawValue] : state.frame.selected
  }

  static func moveSelection(_ state: inout AppState, by delta: Int, count: Int) {
    let current = selected(state)
    let next = count == 0 ? 0 : Swift.min(Swift.max(current + delta, 0), count - 1)
    if state.screen == .main {
      state.panelSelection[state.focus.rawValue] = next
      state.pickedPanels.insert(state.focus)
    } else {
      state.frame.selected = next
    }
  }

  static func clampSelection(_ state: inout AppState) {
    let counts = Panel.allCases.map { SelectionKeys.keys(of: $0, in: state).count }
    for i in counts.indices {
      state.panelSelection[i] = Swift.max(0, Swift.min(state.panelSelection[i], counts[i] - 1))
    }
    if state.screen != .main {
      state.frame.selected = Swift.max(
        0, Swift.min(state.frame.selected, ScreenRows.count(state) - 1))
    }
  }

  /// Enter: drill one level down from whatever is selected.
  static func open(_ state: inout AppState) -> [Effect] {
    let i = selected(state)
    switch state.screen {
    case .main:
      switch state.focus {
      case .services:
        let services = ScreenRows.services(state)
        guard services.indices.contains(i) else { return [] }
        push(&state, .service(services[i].name))
      case .jobs:
        guard state.snapshot.jobs.indices.contains(i) else { return [] }
        push(&state, .job(state.snapshot.jobs[i].name))
      case .errors:
        guard state.snapshot.errors.indices.contains(i) else { return [] }
        push(&state, .error(state.snapshot.errors[i].key))
      case .deploy:
        push(&state, .deploy)
      case .timeline:
        return openLog(&state, logQuery(for: state))
      }
    case .service(let name):
      guard let s = ScreenRows.service(state, name) else { return [] }
      let routes = ScreenRows.routes(
        s, sortColumn: state.frame.sortColumn, filter: state.frame.filter)
      guard routes.indices.contains(i) else { return [] }
      push(&state, .route(service: name, route: routes[i].route))
    case .route(let name, let route):
      let requests = ScreenRows.routeRequests(state, name, route, filter: state.frame.filter)
      guard requests.indices.contains(i) else { return [] }
      push(&state, .request(service: name, requests[i]))
      return [.refreshLog]
    case .request:
      return openLog(&state, logQuery(for: state))
    case .job(let name):
      guard let job = ScreenRows.job(state, name) else { return [] }
      let runs = ScreenRows.runs(job, filter: state.frame.filter)
      guard runs.indices.contains(i) else { return [] }
      push(&state, .run(job: name, run: RunRef(runs[i])))
    case .run(let name, let ref):
      guard let job = ScreenRows.job(state, name), let run = ref.find(in: ScreenRows.runs(job))
      else {
        return []
      }
      return openLog(
        &state, LogQuery(title: name, roles: ["jobs"], mustContain: run.runID ?? name))
    case .deploy:
      let deploys = ScreenRows.deploys(state)
      guard deploys.indices.contains(i) else { return [] }
      state.chosenDeployAt = i == 0 ? nil : deploys[i].time
      state.awaitingRecompute = true
      let name = deploys[i].version ?? deploys[i].kind.rawValue
      state.message =
        i == 0
        ? "comparing around the latest deploy, \(name)"
        : "pinned \(name): Enter on the top row goes back to the latest"
      return [.recompute]
    case .errors:
      let errors = ScreenRows.errors(state, filter: state.frame.filter)
      guard errors.indices.contains(i) else { return [] }
      push(&state, .error(errors[i].key))
    case .error(let key):
      guard let sig = ScreenRows.signature(state, key) else { return [] }
      return openLog(&state, LogQuery(title: sig.type, mustContain: sig.type))
    case .sources:
      let sources = ScreenRows.sources(state, filter: state.frame.filter)
      guard sources.indices.contains(i) else { return [] }
      let src = sources[i]
      return openLog(&state, LogQuery(title: src.path, path: src.path))
    case .log, .record:
      break
    }
    return []
  }

  /// `l` opens the raw lines behind what is on screen.
  public static func logQuery(for state: AppState) -> LogQuery {
    switch state.screen {
    case .service(let name): return LogQuery(title: name, service: name)
    case .route(let name, let route):
      // Lines hold paths, not route templates: the part of the route before its first id.
      let prefix = String(route.split(separator: " ").last ?? "").prefix { $0 != ":" && $0 != "{" }
      return LogQuery(
        title: "\(name) \(route)", service: name,
        mustContain: prefix.count > 1 ? String(prefix) : nil)
    case .request(let name, let r):
      return LogQuery(
        title: "\(name) around \(r.method) \(r.path)", service: name,
        within: RequestCause.window(for: r))
    case .job(let name): return LogQuery(title: name, roles: ["jobs"], mustContain: name)
    case .run(let name, let ref):
      let run = ScreenRows.job(state, name).flatMap { ref.find(in: ScreenRows.runs($0)) }
      return LogQuery(title: name, roles: ["jobs"], mustContain: run?.runID ?? name)
    case .error(let key):
      let type = ScreenRows.signature(state, key)?.type ?? key
      return LogQuery(title: type, mustContain: type)
    case .main:
      let i = state.panelSelection[state.focus.rawValue]
      if state.focus == .services, ScreenRows.services(state).indices.contains(i) {
        let name = ScreenRows.services(state)[i].name
        return LogQuery(title: name, service: name)
      }
      if state.focus == .jobs, state.snapshot.jobs.indices.contains(i) {
        let name = state.snapshot.jobs[i].name
        return LogQuery(title: name, roles: ["jobs"], mustContain: name)
      }
      if state.focus == .errors, state.snapshot.errors.indices.contains(i) {
        let type = state.snapshot.errors[i].type
        return LogQuery(title: type, mustContain: type)
      }
      if state.focus == .timeline, let service = TimelinePanel.service(state),
        service.timeline.indices.contains(i)
      {
        // The step's own span: the lines behind a spike.
        let step = service.timeline[i]
        return LogQuery(
          title:
            "\(service.name) \(Formatting.clock(step.from, offsetSeconds: state.snapshot.offsetSeconds))",
          service: service.name, within: step.from...step.to)
      }
      return LogQuery(title: "all")
    default: return LogQuery(title: "all")
    }
  }

  static func editPrompt(_ state: inout AppState, _ key: Key) -> [Effect] {
    guard var prompt = state.prompt else { return [] }
    switch key {
    case .enter:
      state.prompt = nil
      if prompt.kind == .command {
        remember(prompt.text, in: &state)
        return CommandLine.run(prompt.text, &state)
      }
      if prompt.kind == .list {
        remember(prompt.text, in: &state)
        state.frame.filter = prompt.text
        state.frame.selected = 0
        return []
      }
      apply(prompt, to: &state)
      guard prompt.kind != .filter, !state.log.search.isEmpty else { return [] }
      // Nothing that way in what is held: the search goes on into the file.
      return LogPaging.searchOn(&state, forward: state.log.searchForward)
    case .tab where prompt.kind == .command:
      prompt.text = CommandLine.complete(prompt.text, state: state)
    case .escape:
      state.prompt = nil
      return []
    case .backspace: if !prompt.text.isEmpty { prompt.text.removeLast() }
    case .control("u"): prompt.text = ""
    case .control("w"): prompt.deleteWord()
    case .up: prompt.walk(state.promptHistory, older: true)
    case .down: prompt.walk(state.promptHistory, older: false)
    case .char(let c): prompt.text.append(c)
    default: break
    }
    state.prompt = prompt
    return []
  }

  static let promptHistoryLimit = 50

  /// Enter on a prompt: the filter applies, or the search runs from where the view is.
  static func remember(_ text: String, in state: inout AppState) {
    if !text.isEmpty, state.promptHistory.last != text {
      state.promptHistory.append(text)
      if state.promptHistory.count > promptHistoryLimit { state.promptHistory.removeFirst() }
    }
  }

  static func apply(_ prompt: Prompt, to state: inout AppState) {
    remember(prompt.text, in: &state)
    let pattern = LinePattern(prompt.text)
    if prompt.kind == .filter {
      state.log.filter = prompt.text
      state.log.cursor = nil
      state.log.bottom = nil
      state.message =
        pattern.notARegex
        ? "not a valid regex: showing lines with the text as typed"
        : prompt.text.isEmpty ? "filter cleared" : nil
      return
    }
    // An empty search repeats the last one, as in less.
    if !prompt.text.isEmpty { state.log.search = prompt.text }
    state.log.searchForward = prompt.kind == .searchForward
    guard !state.log.search.isEmpty else { return }
    searchStep(&state, forward: state.log.searchForward, fromScreen: true)
    if LinePattern(state.log.search).notARegex, state.message == nil {
      state.message = "not a valid regex: searching for the text as typed"
    }
  }

  /// The next line matching the search, in a direction; from the screen's edge for a new search
  /// without a cursor (less searches from the top line shown), else from the cursor.
  static func searchStep(_ state: inout AppState, forward: Bool, fromScreen: Bool = false) {
    let visible = state.log.visibleIndices
    let lines = state.log.lines
    if fromScreen, state.log.cursor == nil || !visible.contains(state.log.cursor!) {
      let rows = Swift.max(1, state.height - 3)
      let bottom = Swift.min(state.log.bottom ?? (visible.count - 1), visible.count - 1)
      let top = Swift.max(0, bottom - rows + 1)
      let start = forward ? top - 1 : bottom + 1
      state.log.cursor = nil
      let pattern = LinePattern(state.log.search)
      stepFrom(&state, row: start, forward: forward, visible: visible) {
        pattern.matches(lines[$0].text)
      }
      return
    }
    let pattern = LinePattern(state.log.search)
    step(&state, forward: forward, visible: visible) { pattern.matches(lines[$0].text) }
  }

  static func logKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    let visible = state.log.visibleIndices
    // Header, footer and the log's status line take three rows.
    let rows = Swift.max(1, state.height - 3)
    let lastRow = visible.count - 1
    let bottom = state.log.bottom ?? lastRow
    // Past the top of what is held, older lines are read from the file; past the bottom of lines
    // read back after a gap, the newer ones.
    let atTop = bottom - rows + 1 <= 0
    let atBottom = bottom >= lastRow
    switch key {
    case .up where atTop, .char("k") where atTop, .pageUp where atTop:
      return LogPaging.readOlder(&state, then: .stay)
    case .down where atBottom && state.log.readBack.gapBelow,
      .char("j") where atBottom && state.log.readBack.gapBelow,
      .pageDown where atBottom && state.log.readBack.gapBelow:
      return LogPaging.readNewer(&state)
    case .up, .char("k"): scrollLog(&state, by: -1)
    case .down, .char("j"): scrollLog(&state, by: 1)
    case .pageUp: scrollLog(&state, by: -rows)
    case .pageDown: scrollLog(&state, by: rows)
    case .char("g"), .home:
      scrollLog(&state, by: -visible.count)
      return LogPaging.readOlder(&state, then: .top)
    case .char("G"), .end:
      state.log.dropReadBack()
      state.log.bottom = nil
    case .left, .char("h"):
      state.log.horizontalOffset = Swift.max(0, state.log.horizontalOffset - 8)
    case .right, .char("l"): state.log.horizontalOffset += 8
    case .char("/"): state.prompt = Prompt(.searchForward)
    case .char("?"): state.prompt = Prompt(.searchBackward)
    case .char("&"): state.prompt = Prompt(.filter)
    case .char("n"), .char("N"):
      let onward = key == .char("n")
      if !state.log.search.isEmpty {
        let forward = onward == state.log.searchForward
        searchStep(&state, forward: forward)
        return LogPaging.searchOn(&state, forward: forward)
      } else if !state.log.filter.isEmpty {
        // With only a filter every visible line matches, so n/N step through them.
        step(&state, forward: onward, visible: visible) { _ in true }
      } else {
        state.message = "nothing to find: / or ? searches, & filters"
      }
    case .char("e"), .char("E"):
      let lines = state.log.lines
      step(&state, forward: key == .char("e"), visible: visible) { lines[$0].startsErrorRecord }
    case .enter:
      // The current line (a match, an error), else the newest shown.
      guard let line = state.log.cursor ?? visible.last ?? nil else { return [] }
      push(&state, .record(LogViewState.record(at: line, in: state.log.lines)))
    default: break
    }
    return []
  }

  /// Scrolls the log view `lines` down (up when negative), stopping at its ends; at the end it
  /// follows again.
  static func scrollLog(_ state: inout AppState, by lines: Int) {
    let visible = state.log.visibleIndices
    let rows = Swift.max(1, state.height - 3)
    let lastRow = visible.count - 1
    let bottom = state.log.bottom ?? lastRow
    let clamped = Swift.min(Swift.max(bottom + lines, Swift.min(rows - 1, lastRow)), lastRow)
    state.log.bottom = clamped >= lastRow ? nil : clamped
  }

  /// Moves the cursor to the next (or previous) visible line passing `test`, scrolling to it.
  static func step(
    _ state: inout AppState, forward: Bool, visible: [Int], _ test: (Int) -> Bool
  ) {
    let currentRow =
      state.log.cursor.flatMap { visible.firstIndex(of: $0) }
      ?? (forward ? -1 : visible.count)
    stepFrom(&state, row: currentRow, forward: forward, visible: visible, test)
  }

  /// Moves the cursor to the first visible line after (or before) row `currentRow` passing `test`.
  static func stepFrom(
    _ state: inout AppState, row currentRow: Int, forward: Bool, visible: [Int],
    _ test: (Int) -> Bool
  ) {
    guard !visible.isEmpty else { return }
    let rows = Swift.max(1, state.height - 3)
    let candidates =
      forward
      ? Array(Swift.max(0, currentRow + 1)..<visible.count)
      : Array((0..<Swift.max(0, Swift.min(currentRow, visible.count))).reversed())
    guard let row = candidates.first(where: { test(visible[$0]) }) else {
      state.message = forward ? "no more below" : "no more above"
      return
    }
    state.log.cursor = visible[row]
    let bottom = state.log.bottom ?? (visible.count - 1)
    if row > bottom || row <= bottom - rows {
      let target = Swift.min(visible.count - 1, row + rows / 2)
      state.log.bottom = target >= visible.count - 1 ? nil : target
    }
  }
}
