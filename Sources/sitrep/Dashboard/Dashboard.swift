import CNcurses
import Foundation
import Glibc
import SitrepCore
import SitrepUI

/// The live dashboard's run loop: blocks in poll(2) on the terminal, the inotify descriptor and a
/// signal pipe; feeds new lines to the model; redraws at most a few times a second under load and
/// at once on a key. Single-threaded: everything that touches curses happens here.
final class Dashboard {
  let pipeline: IngestPipeline
  let clock: Clock
  var theme: Theme
  var state: AppState
  /// Called on every loop turn before reading sources (the demo writes its files here).
  var beforeRead: ((Double) -> Void)?
  /// How often the screen refreshes with no input: the clock moves on every second; the model is
  /// recomputed every second while lines arrive and every five seconds when all is quiet (silence
  /// verdicts then move in five-second steps), which keeps an idle dashboard near zero CPU.
  let tickSeconds = 1.0
  let idleSnapshotSeconds = 5.0
  /// Under heavy ingest, at most this many redraws a second, so keys stay responsive.
  let maxFramesPerSecond = 5.0
  let archive: LineArchive

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

    var lastFrame = 0.0
    var lastSnapshot = 0.0
    var lastClock = 0.0
    var dirty = true
    var needSnapshot = true
    var morePending = true
    var linesAtSnapshot = -1
    beforeRead?(clock.now())
    while !state.quit {
      if sitrep_signal_received() != 0 { break }
      let now = clock.now()
      let wall = Date().timeIntervalSince1970
      let quiet = pipeline.linesIngested == linesAtSnapshot
      if needSnapshot || wall - lastSnapshot >= (quiet ? idleSnapshotSeconds : tickSeconds) {
        if !morePending { state.loading = nil }
        refreshSnapshot(now: now)
        linesAtSnapshot = pipeline.linesIngested
        lastSnapshot = wall
        needSnapshot = false
        dirty = true
      } else if wall - lastClock >= tickSeconds {
        state.clock = now
        dirty = true
      }
      if dirty { lastClock = wall }
      if dirty && (wall - lastFrame >= 1 / maxFramesPerSecond || !morePending) {
        terminal.draw(RootView.render(state, ctx: ctx))
        lastFrame = wall
        dirty = false
      }
      // Block until a key, a file change, a signal, or the next tick.
      var timeout = Int32(
        ((tickSeconds - (Date().timeIntervalSince1970 - lastClock)) * 1000).rounded(.up))
      timeout = max(0, min(timeout, 1000))
      if morePending || dirty { timeout = 0 }
      let sourceTimeout = pipeline.sources.nextTimeoutMs(now: now)
      if sourceTimeout >= 0 { timeout = min(timeout, sourceTimeout) }
      if beforeRead != nil { timeout = min(timeout, 200) }
      var polls = [
        pollfd(fd: 0, events: Int16(POLLIN), revents: 0),
        pollfd(fd: fds[0], events: Int16(POLLIN), revents: 0),
      ]
      if pipeline.sources.wakeDescriptor >= 0 {
        polls.append(pollfd(fd: pipeline.sources.wakeDescriptor, events: Int16(POLLIN), revents: 0))
      }
      _ = poll(&polls, nfds_t(polls.count), timeout)
      if sitrep_signal_received() != 0 { break }

      let (keys, resized) = terminal.readKeys()
      if resized {
        _ = Update.apply(&state, .resized(width: terminal.width, height: terminal.height))
        dirty = true
      }
      for key in keys {
        let effects = Update.apply(&state, .key(key))
        dirty = true
        for effect in effects { perform(effect, terminal: terminal, needSnapshot: &needSnapshot) }
      }
      if !keys.isEmpty {
        // Keys are answered at once, whatever the frame budget says.
        if needSnapshot {
          refreshSnapshot(now: clock.now())
          needSnapshot = false
          lastSnapshot = Date().timeIntervalSince1970
        }
        terminal.draw(RootView.render(state, ctx: ctx))
        lastFrame = Date().timeIntervalSince1970
        dirty = false
      }
      beforeRead?(clock.now())
      let before = pipeline.linesIngested
      morePending = pipeline.pump(now: clock.now())
      if pipeline.linesIngested != before {
        needSnapshot =
          needSnapshot || Date().timeIntervalSince1970 - lastSnapshot >= 1 / maxFramesPerSecond
      }
      var drain = [UInt8](repeating: 0, count: 64)
      _ = read(fds[0], &drain, 64)
    }
    terminal.close()
  }

  func refreshSnapshot(now: Double) {
    var snap = pipeline.monitor.snapshot(now: now, window: state.window, sources: pipeline.health())
    if let chosen = state.chosenDeployAt,
      let d = pipeline.monitor.deploys.first(where: { $0.time == chosen })
    {
      snap.deploy = pipeline.monitor.deployDelta(for: d, now: now)
    }
    _ = Update.apply(&state, .snapshot(snap))
    state.clock = now
    if case .log(let q) = state.screen, state.following {
      _ = Update.apply(&state, .logLines(lines(for: q)))
    }
  }

  func lines(for q: LogQuery) -> [ArchivedLine] {
    let roles = Set(q.roles.compactMap(SourceRole.init(rawValue:)))
    var result = archive.lines(service: q.service, roles: roles, mustContain: q.mustContain)
    if let path = q.path { result = result.filter { $0.path == path } }
    return result
  }

  func perform(_ effect: Effect, terminal: CursesTerminal, needSnapshot: inout Bool) {
    switch effect {
    case .quit:
      state.quit = true
    case .cycleTheme:
      theme = ThemeLoader.next(after: theme.name)
      state.themeName = theme.name
      state.message = "theme \(theme.name)"
      terminal.apply(theme)
      terminal.invalidate()
    case .resetCounters:
      pipeline.monitor.reset()
      needSnapshot = true
    case .recompute:
      needSnapshot = true
    case .refreshLog:
      if case .log(let q) = state.screen {
        _ = Update.apply(&state, .logLines(lines(for: q)))
      }
    }
  }
}
