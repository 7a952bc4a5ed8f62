import CNcurses
import FoundationEssentials
import Glibc
import SitrepCore
import SitrepUI

/// The live dashboard's UI thread: blocks in poll(2) on the terminal, a signal pipe and the model
/// thread's pipe; answers keys at once from the state it has; draws what the model thread sends
/// and the clock once a second. The model thread (`ModelThread`) reads the files and computes
/// snapshots, so heavy ingest never delays a key. Everything that touches curses happens here.
final class Dashboard {
  let pipeline: IngestPipeline
  let clock: Clock
  var theme: Theme
  var state: AppState
  /// Called on the model thread before every read (the demo writes its files here).
  var beforeRead: ((Double) -> Void)?
  let archive: LineArchive
  /// How long a key that needs the model (`w`, `r`, `f`, opening a log view) waits for its answer
  /// before the screen is drawn anyway (and again when the answer comes).
  let answerWaitSeconds = 0.05

  init(
    pipeline: IngestPipeline, archive: LineArchive, clock: Clock, theme: Theme, window: TimeWindow
  ) {
    self.pipeline = pipeline
    self.archive = archive
    self.clock = clock
    self.theme = theme
    state = AppState(
      snapshot: .empty(), window: window, themeName: theme.name, width: 80, height: 24)
  }

  func run() throws {
    var fds: [Int32] = [0, 0]
    guard pipe(&fds) == 0 else {
      throw TerminalError(description: "cannot create a pipe for signals")
    }
    _ = fcntl(fds[0], F_SETFL, O_NONBLOCK)
    _ = fcntl(fds[1], F_SETFL, O_NONBLOCK)
    sitrep_install_signal_handlers(fds[1])
    let terminal = try CursesTerminal(theme: theme)
    defer { terminal.close() }
    let ctx = ViewContext(glyphs: terminal.isUTF8 ? .unicode : .ascii)
    state.width = terminal.width
    state.height = terminal.height
    state.loading = "reading"

    let model = try ModelThread(
      pipeline: pipeline, archive: archive, clock: clock, view: ModelView(state),
      beforeRead: beforeRead)
    model.start()
    defer { model.stop() }
    var sentView = ModelView(state)
    /// Snapshots older than this answer an earlier request: they are dropped.
    var generation = 0
    var renderer = FrameRenderer()
    var dirty = true
    var nextTick = Date().timeIntervalSince1970
    while !state.quit {
      if sitrep_signal_received() != 0 { break }
      if apply(model.take(), generation: generation) != nil { dirty = true }
      let wall = Date().timeIntervalSince1970
      if wall >= nextTick {
        let now = clock.now()
        state.clock = now
        nextTick = wall + ClockTicks.secondsUntilNextTick(now: now, speed: clock.speed)
        dirty = true
      }
      if dirty {
        terminal.draw(renderer.render(state, ctx: ctx))
        dirty = false
      }
      // Block until a key, a signal, the model's output, or the next clock tick.
      let timeout = Int32(
        saturating: max(
          0, min(1000, ((nextTick - Date().timeIntervalSince1970) * 1000).rounded(.up))))
      var polls = [
        pollfd(fd: 0, events: Int16(POLLIN), revents: 0),
        pollfd(fd: fds[0], events: Int16(POLLIN), revents: 0),
        pollfd(fd: model.uiWake.read, events: Int16(POLLIN), revents: 0),
      ]
      _ = poll(&polls, nfds_t(polls.count), timeout)
      if sitrep_signal_received() != 0 { break }
      ModelThread.drain(fds[0])

      let (keys, resized) = terminal.readKeys()
      if resized {
        _ = Update.apply(&state, .resized(width: terminal.width, height: terminal.height))
        dirty = true
      }
      guard !keys.isEmpty else { continue }
      dirty = true
      var snapshotWanted = false
      var resetWanted = false
      var logWanted = false
      for key in keys {
        for effect in Update.apply(&state, .key(key)) {
          switch effect {
          case .quit: state.quit = true
          case .cycleTheme:
            theme = ThemeLoader.next(after: theme.name)
            state.themeName = theme.name
            state.message = "theme \(theme.name)"
            terminal.apply(theme)
            terminal.invalidate()
          case .resetCounters: resetWanted = true
          case .recompute: snapshotWanted = true
          case .refreshLog: logWanted = true
          }
        }
      }
      if state.quit { break }
      // Keys are answered at once from the state at hand; what needs the model is asked for, and
      // waited for briefly so the answer usually comes in the same frame.
      let view = ModelView(state)
      var waitForSnapshot = false
      if view != sentView || snapshotWanted || resetWanted {
        let asked = model.update(view, snapshot: snapshotWanted, reset: resetWanted)
        waitForSnapshot = asked != generation
        generation = asked
        sentView = view
      }
      var waitForLog: LogQuery?
      if logWanted, case .log(let q) = state.screen {
        waitForLog = q
        model.askLog(q)
      }
      let deadline = Date().timeIntervalSince1970 + answerWaitSeconds
      while waitForSnapshot || waitForLog != nil {
        let left = Int32(
          saturating: ((deadline - Date().timeIntervalSince1970) * 1000).rounded(.up))
        if left <= 0 { break }
        var wake = [pollfd(fd: model.uiWake.read, events: Int16(POLLIN), revents: 0)]
        _ = poll(&wake, 1, left)
        guard let applied = apply(model.take(), generation: generation) else { continue }
        if applied.snapshot { waitForSnapshot = false }
        if applied.askedLog != nil && applied.askedLog == waitForLog { waitForLog = nil }
      }
    }
  }

  /// Applies what the model thread sent; `nil` when nothing changed. A snapshot computed before the
  /// latest request (an older window, counters not yet reset) is dropped: the answer is on its way.
  func apply(_ output: ModelThread.Output, generation: Int) -> (
    snapshot: Bool, askedLog: LogQuery?
  )? {
    var applied: (snapshot: Bool, askedLog: LogQuery?)?
    if let (snap, answers, loaded) = output.snapshot, answers >= generation {
      if loaded { state.loading = nil }
      _ = Update.apply(&state, .snapshot(snap))
      state.clock = snap.now
      applied = (true, nil)
    }
    if let (query, lines, asked) = output.log, case .log(let q) = state.screen, q == query,
      asked || state.following
    {
      _ = Update.apply(&state, .logLines(lines))
      applied = (applied?.snapshot ?? false, asked ? query : nil)
    }
    return applied
  }
}
