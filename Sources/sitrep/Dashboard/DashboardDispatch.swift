import FoundationEssentials
import SitrepCore
import SitrepUI

/// Dispatch: turns what happened (keys, a resize, a signal, the model thread's output, the clock)
/// into `Msg`s, runs `Update`, and carries out the effects it asks for with the model thread. It
/// holds the dashboard's `AppState`, which changes only through `send`.
struct DashboardDispatch {
  /// What the keys asked for: the run loop shows the theme, then waits briefly for the answers.
  struct Asked {
    /// The theme switched to (`t`): the terminal must repaint in it.
    var theme: Theme?
    /// A snapshot answering the latest request is awaited.
    var snapshot = false
    /// Lines for this log view are awaited.
    var log: LogQuery?
    /// Text for the terminal's clipboard (`y`).
    var copy: String?
  }

  private(set) var state: AppState
  private var theme: Theme
  let clock: Clock
  let model: ModelThread
  /// Wall time of the header clock's next tick.
  private(set) var nextTick = Date().timeIntervalSince1970
  /// The view the model thread last got.
  private var sentView: ModelView
  /// Snapshots older than this answer an earlier request: they are dropped.
  private var generation = 0
  /// How long a key that needs the model (`w`, `r`, `f`, opening a log view) waits for its answer
  /// before the screen is drawn anyway (and again when the answer comes).
  let answerWaitSeconds = 0.05

  /// `state` must be the one the model thread was started with.
  init(state: AppState, theme: Theme, clock: Clock, model: ModelThread) {
    self.state = state
    self.theme = theme
    self.clock = clock
    self.model = model
    sentView = ModelView(state)
  }

  /// The one way into `Update`, private so the run loop can only say what happened.
  @discardableResult
  private mutating func send(_ msg: Msg) -> [Effect] { Update.apply(&state, msg) }

  /// The terminal is open at this size and the first read begins.
  mutating func opened(width: Int, height: Int) {
    send(.resized(width: width, height: height))
    send(.loading("reading"))
  }

  /// Ticks the header's clock when its second has come.
  mutating func tickIfDue() {
    let wall = Date().timeIntervalSince1970
    guard wall >= nextTick else { return }
    let now = clock.now()
    send(.tick(now))
    nextTick = wall + ClockTicks.secondsUntilNextTick(now: now, speed: clock.speed)
  }

  /// Applies what the model thread sent; `nil` when nothing was applied. A snapshot computed before
  /// the latest request (an older window, counters not yet reset) is dropped: the answer is on its
  /// way.
  @discardableResult
  mutating func takeModelOutput() -> (snapshot: Bool, askedLog: LogQuery?)? {
    let output = model.take()
    var applied: (snapshot: Bool, askedLog: LogQuery?)?
    if let (snap, answers, loaded) = output.snapshot, answers >= generation {
      if loaded { send(.loading(nil)) }
      send(.snapshot(snap))
      // A snapshot of the past is stamped with its moment, not the live clock the header keeps.
      if state.moment == nil { send(.tick(snap.now)) }
      applied = (true, nil)
    }
    if let (query, lines, asked) = output.log, let q = state.screen.linesQuery, q == query,
      asked || state.following
    {
      send(.logLines(lines))
      applied = (applied?.snapshot ?? false, asked ? query : nil)
    }
    if let page = output.backRead {
      send(.backRead(page))
      applied = applied ?? (false, nil)
    }
    return applied
  }

  /// Keys and clicks are answered at once from the state at hand; what needs the model is asked
  /// for. `hits` is the hit map of the frame on the screen, which the clicks landed on.
  mutating func handle(_ wakeup: DashboardPoll.Wakeup, hits: HitMap = HitMap()) -> Asked {
    var asked = Asked()
    guard case .input(let keys, let size) = wakeup else {
      send(.quit)
      return asked
    }
    if let size { send(.resized(width: size.width, height: size.height)) }
    guard !keys.isEmpty else { return asked }
    var snapshotWanted = false
    var resetWanted = false
    var logWanted = false
    for input in keys {
      let msg: Msg
      switch input {
      case .key(let key): msg = .key(key)
      case .mouse(let event): msg = .mouse(event, hits)
      }
      for effect in send(msg) {
        switch effect {
        case .quit: break  // `state.quit` says so already
        case .cycleTheme:
          theme = ThemeLoader.next(after: theme.name)
          asked.theme = theme
          send(.themeChanged(theme.name))
        case .setTheme(let name):
          if let chosen = Theme.builtin(name) {
            theme = chosen
            asked.theme = theme
            send(.themeChanged(theme.name))
          }
        case .resetCounters: resetWanted = true
        case .recompute: snapshotWanted = true
        case .refreshLog: logWanted = true
        case .copy(let text): asked.copy = text
        case .readBack(let request): model.askBackRead(request)
        }
      }
    }
    if state.quit { return asked }
    let view = ModelView(state)
    if view != sentView || snapshotWanted || resetWanted {
      let answer = model.update(view, snapshot: snapshotWanted, reset: resetWanted)
      asked.snapshot = answer != generation
      generation = answer
      sentView = view
    }
    if logWanted, let q = state.screen.linesQuery {
      asked.log = q
      model.askLog(q)
    }
    return asked
  }

  /// Waits up to `answerWaitSeconds` for what the keys asked of the model, so the answer usually
  /// comes in the same frame.
  mutating func awaitAnswers(_ asked: Asked, poll: DashboardPoll) {
    var waitForSnapshot = asked.snapshot
    var waitForLog = asked.log
    let deadline = Date().timeIntervalSince1970 + answerWaitSeconds
    while waitForSnapshot || waitForLog != nil {
      guard poll.waitForModel(until: deadline) else { break }
      guard let applied = takeModelOutput() else { continue }
      if applied.snapshot { waitForSnapshot = false }
      if applied.askedLog != nil && applied.askedLog == waitForLog { waitForLog = nil }
    }
  }
}
