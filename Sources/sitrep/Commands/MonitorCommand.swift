import ArgumentParser
import FoundationEssentials
import SitrepCore
import SitrepUI

/// `sitrep PATH...`: the live dashboard on existing files.
struct MonitorCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "monitor",
    abstract: "The live dashboard (the default: `sitrep PATH...` is `sitrep monitor PATH...`).")

  @OptionGroup var sources: SourceSelection

  @Option(
    help:
      "Theme: dark, light, monochrome, high-contrast, or a path to a .toml theme. NO_COLOR forces monochrome."
  )
  var theme: String?

  @Option(
    help:
      "Open at this moment, not live (ISO 8601, e.g. 2026-11-24T14:05:00Z, or epoch seconds): the files as `report --at` reads them; [ ] step, :at now goes live."
  )
  var at: String?

  @Flag(
    help:
      "Leave the mouse to the terminal (its own text selection) instead of clicks selecting rows; config: mouse = false."
  )
  var noMouse = false

  func validate() throws { try TimeArgument.validate(at) }

  func run() throws {
    let session = try Session.make(sources)
    try runDashboard(
      session: session, themeName: theme ?? session.theme, clock: .wall,
      moment: at.flatMap(TimeArgument.parse), mouse: !noMouse && session.mouse, beforeRead: nil)
  }
}

/// Opens the dashboard on a session; shared by `monitor` and `demo`.
func runDashboard(
  session: Session, themeName: String?, clock: Clock, moment: EpochSeconds? = nil,
  mouse: Bool = true, beforeRead: ((Double) -> Void)?
) throws {
  let noColor = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
  let theme: Theme
  do {
    theme = try ThemeLoader.load(themeName, noColor: noColor)
  } catch {
    throw UserFacingError(description: error.description)
  }
  let archive = LineArchive()
  let pipeline = session.pipeline(archive: archive)
  let dashboard = Dashboard(
    pipeline: pipeline, archive: archive, clock: clock, theme: theme, window: session.window)
  dashboard.beforeRead = beforeRead
  dashboard.moment = moment
  dashboard.mouse = mouse
  dashboard.readPast = { moment, window in
    let archive = LineArchive()
    let past = session.pipeline(asOf: moment, window: window, now: clock.now(), archive: archive)
    past.readOnce(now: clock.now())
    return (past, archive)
  }
  dashboard.prometheus = session.prometheus
  do {
    try dashboard.run()
  } catch let e as TerminalError {
    throw UserFacingError(description: e.description)
  }
}
