import SitrepCore

/// The log view's keys that go past what it holds: they ask the model thread for a page read
/// back from the files (`Effect.readBack`) and say "reading…" until it comes (`Msg.backRead`).
enum LogPaging {
  /// Asks for the page before the first line held of each file (one request at a time).
  static func readOlder(_ state: inout AppState, then: LogReadBack.Then) -> [Effect] {
    if state.log.readBack.isReading {
      state.message = "still reading older lines…"
      return []
    }
    guard let request = state.log.olderRequest() else {
      state.message = whyNothingOlder(state)
      return []
    }
    pin(&state)
    state.log.readBack.then = then
    state.message = "reading older lines from the file…"
    return [.readBack(request)]
  }

  /// Asks for the lines between the read-back lines and the kept ones, after the bound dropped
  /// them.
  static func readNewer(_ state: inout AppState, then: LogReadBack.Then = .stay) -> [Effect] {
    if state.log.readBack.isReading { return [] }
    guard let request = state.log.newerRequest() else { return [] }
    pin(&state)
    state.log.readBack.then = then
    state.message = "reading newer lines from the file…"
    return [.readBack(request)]
  }

  /// `n`/`N` found nothing more in what is held: the search goes on into the file, a page at a
  /// time (each `n` reads at most one page), or says it searched only what is held.
  static func searchOn(_ state: inout AppState, forward: Bool) -> [Effect] {
    guard state.message == (forward ? "no more below" : "no more above") else { return [] }
    if !forward, !state.log.readBack.isReading, var request = state.log.olderRequest() {
      pin(&state)
      // The model thread reads on, page after page of one file, to the first page that matches.
      request.search = state.log.search
      state.log.readBack.pending = request
      state.log.readBack.then = .search(forward: false)
      state.message = "no more above in the lines held: searching older lines in the file…"
      return [.readBack(request)]
    }
    if forward, state.log.readBack.gapBelow {
      let effects = readNewer(&state, then: .search(forward: true))
      if !effects.isEmpty { state.message = "searching newer lines in the file…" }
      return effects
    }
    if !forward {
      state.message = "no more above: \(whyNothingOlder(state))"
    }
    return []
  }

  /// A page came (already taken into `state.log`): carry on what asked for it.
  static func arrived(_ state: inout AppState, _ page: BackReadPage) -> [Effect] {
    let then = state.log.readBack.then
    state.log.readBack.then = .stay
    let offset = state.snapshot.offsetSeconds
    if let changed = page.outcomes.first(where: \.changed) {
      state.message = goneText(state.log, path: changed.path, offsetSeconds: offset)
    } else if page.lines.isEmpty, page.direction == .older {
      state.message = whyNothingOlder(state)
    } else {
      let n = page.lines.count
      state.message =
        "read \(n) \(page.direction == .older ? "older" : "newer") line"
        + (n == 1 ? "" : "s") + " from the file"
        + (page.passedOver > 0 ? ", \(page.passedOver) newer ones passed over (j reads them)" : "")
    }
    switch then {
    case .stay: break
    case .top:
      let rows = Swift.max(1, state.height - 3)
      let last = state.log.visibleIndices.count - 1
      state.log.bottom = Swift.max(0, Swift.min(rows - 1, last))
    case .search(let forward):
      guard !state.log.search.isEmpty else { break }
      let searched = page.lines.count + page.passedOver
      Update.searchStep(&state, forward: forward)
      if state.message == (forward ? "no more below" : "no more above") {
        state.message =
          "no match in the \(searched) line\(searched == 1 ? "" : "s") read"
          + (canReadOn(state.log, forward: forward)
            ? ": \(forward == state.log.searchForward ? "n" : "N") reads on" : "")
      }
    }
    return []
  }

  /// Whether another page can be read that way.
  static func canReadOn(_ log: LogViewState, forward: Bool) -> Bool {
    if forward { return log.readBack.gapBelow }
    var probe = log
    return probe.olderRequest() != nil
  }

  /// The view stops following the end while lines are read back: they land above what shows.
  private static func pin(_ state: inout AppState) {
    if state.log.bottom == nil {
      state.log.bottom = Swift.max(0, state.log.visibleIndices.count - 1)
    }
  }

  /// Why no older line can be read: every file's first line is held, a file changed, or a source
  /// has no file to read from.
  static func whyNothingOlder(_ state: AppState) -> String {
    let log = state.log
    let b = log.readBack
    let files = log.firstShown()
    guard !files.isEmpty else { return "no lines yet" }
    if let path = files.map(\.path).first(where: b.changed.contains) {
      return goneText(log, path: path, offsetSeconds: state.snapshot.offsetSeconds)
    }
    if let path = files.map(\.path).first(where: b.unreadable.contains),
      !files.map(\.path).contains(where: b.startReached.contains)
    {
      return "older lines of \(name(path)) cannot be read back: it is not a plain file"
    }
    return files.count == 1
      ? "the first line of \(name(files[0].path)) is shown"
      : "the first line of every file is shown"
  }

  /// "app.log has changed; lines before 14:02:07 are gone".
  static func goneText(_ log: LogViewState, path: String, offsetSeconds: Int) -> String {
    let first = log.lines.first { $0.path == path }
    let when = first.map { Formatting.clock($0.when, offsetSeconds: offsetSeconds) }
    return "\(name(path)) has changed since it was read; lines before "
      + (when.map { "\($0) " } ?? "the first one shown ") + "are gone"
  }

  static func name(_ path: String) -> String {
    path.split(separator: "/").last.map(String.init) ?? path
  }
}
