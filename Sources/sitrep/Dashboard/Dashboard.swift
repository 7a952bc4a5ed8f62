import SitrepCore
import SitrepUI

/// The live dashboard's UI thread, in three parts: `DashboardPoll` sleeps in poll(2) until a key,
/// a signal, the model thread's output or the clock's next second; `DashboardDispatch` turns what
/// happened into `Msg`s for `Update` and asks the model for what the keys need; `DashboardPainter`
/// draws when the state changed. The model thread (`ModelThread`) reads the files and computes
/// snapshots, so heavy ingest never delays a key. Everything that touches curses happens here.
final class Dashboard {
  let pipeline: IngestPipeline
  let archive: LineArchive
  let clock: Clock
  let theme: Theme
  let window: TimeWindow
  /// Called on the model thread before every read (the demo writes its files here).
  var beforeRead: ((Double) -> Void)?
  /// Reads the files as of a past moment (time travel), on the model thread.
  var readPast: ModelThread.PastReader?
  /// The moment to open at (`sitrep --at`); `nil`: live.
  var moment: EpochSeconds?
  /// Clicks and the wheel reported (`--no-mouse`, `mouse = false`: off).
  var mouse = true
  /// Prometheus to ask on the side, when configured.
  var prometheus: PrometheusPlan?

  init(
    pipeline: IngestPipeline, archive: LineArchive, clock: Clock, theme: Theme, window: TimeWindow
  ) {
    self.pipeline = pipeline
    self.archive = archive
    self.clock = clock
    self.theme = theme
    self.window = window
  }

  func run() throws {
    let signalPipe = try DashboardPoll.installSignalPipe()
    let terminal = try CursesTerminal(theme: theme, mouse: mouse)
    defer { terminal.close() }
    let start = AppState(
      snapshot: .empty(), window: window, themeName: theme.name, width: 80, height: 24,
      moment: moment)
    let model = try ModelThread(
      pipeline: pipeline, archive: archive, clock: clock, view: ModelView(start),
      beforeRead: beforeRead, readPast: readPast)
    if let prometheus { try model.askPrometheus(prometheus, window: window) }
    var dispatch = DashboardDispatch(state: start, theme: theme, clock: clock, model: model)
    dispatch.opened(width: terminal.width, height: terminal.height)
    model.start()
    defer { model.stop() }
    let poll = DashboardPoll(
      terminal: terminal, signalPipe: signalPipe, modelWake: model.uiWake.read)
    var painter = DashboardPainter(terminal: terminal)
    while true {
      if poll.signalled { _ = dispatch.handle(.signal) }
      if dispatch.state.quit { break }
      dispatch.takeModelOutput()
      dispatch.tickIfDue()
      painter.drawIfChanged(dispatch.state)
      let asked = dispatch.handle(poll.wait(until: dispatch.nextTick), hits: painter.hits)
      if let theme = asked.theme { painter.show(theme) }
      if let text = asked.copy { ClipboardWriter.copy(text) }
      dispatch.awaitAnswers(asked, poll: poll)
    }
  }
}
