import CNcurses  // sigset_t: Clang files it under the first module whose headers include it
import Dispatch
import FoundationEssentials
import Glibc
import SitrepCore
import SitrepUI

/// The dashboard's model side, on a thread of its own: follows the files, feeds the model and
/// computes snapshots when they fall due (see `SnapshotSchedule`) or are asked for. Only this
/// thread touches the pipeline, the monitor and the archive; the UI thread exchanges plain values
/// with it (requests in, snapshots and log lines out), so a long read never delays a key.
final class ModelThread: @unchecked Sendable {
  /// What the UI has not taken yet: only the newest of each kind matters.
  struct Output {
    /// A snapshot, the request generation it answers, and whether the first read is over.
    var snapshot: (snapshot: Snapshot, generation: Int, loaded: Bool)?
    /// Lines for a log view; `asked`: an explicit request (else they follow a snapshot).
    var log: (query: LogQuery, lines: [ArchivedLine], asked: Bool)?
    /// Lines read back from the files for the log view.
    var backRead: BackReadPage?
  }

  private let pipeline: IngestPipeline
  private let archive: LineArchive
  private let clock: Clock
  private let beforeRead: ((Double) -> Void)?
  /// Reads the files again as of a past moment, for a window (time travel); `nil`: not offered.
  typealias PastReader = (EpochSeconds, TimeWindow) -> (IngestPipeline, LineArchive)
  private let readPast: PastReader?
  /// The past being shown, read once per moment and window; `nil` while live.
  private var past:
    (moment: EpochSeconds, window: TimeWindow, pipeline: IngestPipeline, archive: LineArchive)?
  /// One read's budget: large, since every read also archives up to two thousand lines per file
  /// whatever its size; keys do not wait for reads any more.
  let budgetBytes = 4 << 20

  /// Guards everything below it.
  private let lock = Lock()
  private var view: ModelView
  private var generation = 0
  private var snapshotAsked = false
  private var resetAsked = false
  private var logAsked: LogQuery?
  private var backReadAsked: BackReadRequest?
  private var stopping = false
  private var output = Output()

  /// The UI thread polls `uiWake` (readable when there is output); the model thread polls `modelWake`.
  let uiWake: (read: Int32, write: Int32)
  private let modelWake: (read: Int32, write: Int32)
  private let finished = DispatchSemaphore(value: 0)
  private var started = false
  /// Asks Prometheus on its own thread, when configured.
  private var poller: PrometheusPoller?

  init(
    pipeline: IngestPipeline, archive: LineArchive, clock: Clock, view: ModelView,
    beforeRead: ((Double) -> Void)?, readPast: PastReader? = nil
  ) throws {
    self.readPast = readPast
    self.pipeline = pipeline
    self.archive = archive
    self.clock = clock
    self.view = view
    self.beforeRead = beforeRead
    uiWake = try Self.makePipe()
    modelWake = try Self.makePipe()
  }

  deinit {
    for fd in [uiWake.read, uiWake.write, modelWake.read, modelWake.write] { Glibc.close(fd) }
  }

  static func makePipe() throws -> (read: Int32, write: Int32) {
    var fds: [Int32] = [0, 0]
    guard pipe(&fds) == 0 else {
      throw TerminalError(description: "cannot create a pipe for the dashboard's threads")
    }
    for fd in fds {
      _ = fcntl(fd, F_SETFL, O_NONBLOCK)
      _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
    }
    return (fds[0], fds[1])
  }

  static func wake(_ fd: Int32) {
    var b: UInt8 = 1
    _ = write(fd, &b, 1)
  }

  static func drain(_ fd: Int32) {
    var buffer = [UInt8](repeating: 0, count: 64)
    while read(fd, &buffer, buffer.count) > 0 {}
  }

  // MARK: UI side

  /// Starts asking Prometheus with `plan`, on its own thread; its rounds wake this one.
  func askPrometheus(_ plan: PrometheusPlan, window: TimeWindow) throws {
    let wakeFD = modelWake.write
    poller = try PrometheusPoller(
      plan: plan, clock: clock, windowSeconds: window.seconds,
      wakeModel: { ModelThread.wake(wakeFD) })
  }

  func start() {
    poller?.start()
    started = true
    DetachedThread.start(stackBytes: 8 << 20) { [self] in  // as the main thread's stack
      run()
      finished.signal()
    }
  }

  /// Stops after the current read; returns once the thread no longer touches the model.
  func stop() {
    guard started else { return }
    started = false
    lock.withLock { stopping = true }
    Self.wake(modelWake.write)
    finished.wait()
    poller?.stop()
  }

  /// Hands over the state's view; returns the generation a snapshot must carry to reflect it.
  /// `snapshot`: a snapshot is wanted now even if nothing changed (Ctrl-L, `f`); `reset`: the
  /// counters are forgotten first.
  @discardableResult
  func update(_ newView: ModelView, snapshot: Bool = false, reset: Bool = false) -> Int {
    let (g, wake) = lock.withLock { () -> (Int, Bool) in
      let changes = newView.changesSnapshot(from: view)
      let wake = changes || snapshot || reset || newView != view
      if changes || snapshot || reset {
        generation += 1
        snapshotAsked = true
      }
      if reset { resetAsked = true }
      view = newView
      return (generation, wake)
    }
    if wake { Self.wake(modelWake.write) }
    return g
  }

  /// Asks for a log view's lines.
  func askLog(_ query: LogQuery) {
    lock.withLock { logAsked = query }
    Self.wake(modelWake.write)
  }

  /// Asks for lines read back from the files (the log view scrolled past what it holds). Read on
  /// the model thread between two pumps; the UI shows "reading…" meanwhile.
  func askBackRead(_ request: BackReadRequest) {
    lock.withLock { backReadAsked = request }
    Self.wake(modelWake.write)
  }

  /// Takes what the model thread produced since the last call.
  func take() -> Output {
    Self.drain(uiWake.read)
    return lock.withLock {
      let out = output
      output = Output()
      return out
    }
  }

  // MARK: model side

  private struct Inbox {
    var view: ModelView
    var generation: Int
    var snapshot: Bool
    var reset: Bool
    var log: LogQuery?
    var backRead: BackReadRequest?
    var stopping: Bool
  }

  private func takeInbox() -> Inbox {
    lock.withLock {
      let inbox = Inbox(
        view: view, generation: generation, snapshot: snapshotAsked, reset: resetAsked,
        log: logAsked, backRead: backReadAsked, stopping: stopping)
      snapshotAsked = false
      resetAsked = false
      logAsked = nil
      backReadAsked = nil
      return inbox
    }
  }

  private func post(_ change: (inout Output) -> Void) {
    lock.withLock { change(&output) }
    Self.wake(uiWake.write)
  }

  /// Signals are the UI thread's business (its poll must wake on SIGWINCH and SIGINT).
  private static func blockSignals() {
    var set = sigset_t()
    sigemptyset(&set)
    for s in [SIGWINCH, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP, SIGCONT, SIGPIPE, SIGALRM] {
      sigaddset(&set, s)
    }
    pthread_sigmask(SIG_BLOCK, &set, nil)
  }

  private func run() {
    Self.blockSignals()
    var schedule = SnapshotSchedule()
    var more = true
    var loaded = false
    var seenLines = -1
    var seenHealth: [SourceHealth] = []
    var prometheusHealth: [SourceHealth] = []
    let speed = clock.speed
    beforeRead?(clock.now())
    while true {
      let inbox = takeInbox()
      if inbox.stopping {
        pipeline.sources.stopCommands()
        return
      }
      if inbox.reset { pipeline.monitor.reset() }
      if inbox.snapshot { schedule.force() }
      let wasPast = past
      travel(to: inbox.view)
      if let past, inbox.snapshot || wasPast?.pipeline !== past.pipeline {
        // The past does not move: one snapshot per moment (and window, or deploy chosen).
        let snap = snapshot(
          of: past.pipeline.monitor, now: past.moment, view: inbox.view,
          health: past.pipeline.health())
        let follow = inbox.view.followedLog.map { ($0, lines(for: $0)) }
        post {
          $0.snapshot = (snap, inbox.generation, true)
          if let (q, lines) = follow { $0.log = (q, lines, false) }
        }
      }
      if let q = inbox.log {
        let lines = lines(for: q)
        post { $0.log = (q, lines, true) }
      }
      if let request = inbox.backRead {
        let reading = past?.pipeline ?? pipeline
        let page =
          request.search.map { text in
            let pattern = LinePattern(text)
            return reading.readBack(request, until: { pattern.matches($0) })
          } ?? reading.readBack(request)
        post { $0.backRead = page }
      }
      var health = pipeline.health()
      if let poller {
        poller.setAsk(
          windowSeconds: inbox.view.window.seconds,
          deployAt: pipeline.monitor.latestDeploy(before: clock.now())?.time)
        if let readings = poller.take() {
          PrometheusPlan.install(readings, into: pipeline.monitor)
          prometheusHealth = pipeline.monitor.prometheusSources(
            url: poller.plan.settings.url.description, headless: false)
          schedule.dataChanged()
        }
        health += prometheusHealth
      }
      if pipeline.linesIngested != seenLines || health != seenHealth {
        seenLines = pipeline.linesIngested
        seenHealth = health
        schedule.dataChanged()
      }
      if !more && !loaded {
        loaded = true
        schedule.force()
      }
      var now = clock.now()
      var wall = Date().timeIntervalSince1970
      if past == nil && schedule.isDue(wall: wall, now: now) {
        let snap = snapshot(now: now, view: inbox.view, health: health)
        let follow = inbox.view.followedLog.map { ($0, lines(for: $0)) }
        post {
          $0.snapshot = (snap, inbox.generation, loaded)
          if let (q, lines) = follow { $0.log = (q, lines, false) }
        }
        schedule.didSnapshot(wall: wall, now: now)
      }
      if !more {
        // Block until a file changes, the UI asks for something, or a snapshot falls due.
        now = clock.now()
        wall = Date().timeIntervalSince1970
        var timeout = Int32(
          saturating: ((schedule.secondsUntilDue(wall: wall, now: now, speed: speed) * 1000)
            .rounded(.up)))
        let sourceTimeout = pipeline.sources.nextTimeoutMs(now: now)
        if sourceTimeout >= 0 { timeout = min(timeout, sourceTimeout) }
        if beforeRead != nil { timeout = min(timeout, 200) }
        var polls = [pollfd(fd: modelWake.read, events: Int16(POLLIN), revents: 0)]
        if pipeline.sources.wakeDescriptor >= 0 {
          polls.append(
            pollfd(fd: pipeline.sources.wakeDescriptor, events: Int16(POLLIN), revents: 0))
        }
        if timeout > 0 { _ = poll(&polls, nfds_t(polls.count), timeout) }
        Self.drain(modelWake.read)
      }
      beforeRead?(clock.now())
      more = pipeline.pump(now: clock.now(), budgetBytes: budgetBytes)
    }
  }

  /// Reads the past the view asks for (once per moment and window), or forgets it when live.
  private func travel(to view: ModelView) {
    guard let moment = view.moment, let readPast else {
      past = nil
      return
    }
    if let past, past.moment == moment, past.window == view.window { return }
    past = nil  // the old reading goes before the new one is made
    let (pipeline, archive) = readPast(moment, view.window)
    past = (moment, view.window, pipeline, archive)
  }

  private func snapshot(now: EpochSeconds, view: ModelView, health: [SourceHealth]) -> Snapshot {
    snapshot(of: pipeline.monitor, now: now, view: view, health: health)
  }

  private func snapshot(
    of monitor: Monitor, now: EpochSeconds, view: ModelView, health: [SourceHealth]
  ) -> Snapshot {
    var snap = monitor.snapshot(now: now, window: view.window, sources: health)
    if let chosen = view.chosenDeployAt, let d = monitor.deploys.first(where: { $0.time == chosen })
    {
      snap.deploy = monitor.deployDelta(for: d, now: now)
    }
    return snap
  }

  private func lines(for q: LogQuery) -> [ArchivedLine] {
    let roles = Set(q.roles.compactMap(SourceRole.init(rawValue:)))
    var result = (past?.archive ?? archive).lines(
      service: q.service, roles: roles, mustContain: q.mustContain, within: q.within)
    if let path = q.path { result = result.filter { $0.path == path } }
    return result
  }
}
