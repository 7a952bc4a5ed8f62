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

  func run() throws {
    let session = try Session.make(sources)
    try runDashboard(
      session: session, themeName: theme ?? session.theme, clock: .wall, beforeRead: nil)
  }
}

/// Opens the dashboard on a session; shared by `monitor` and `demo`.
func runDashboard(
  session: Session, themeName: String?, clock: Clock, beforeRead: ((Double) -> Void)?
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
  dashboard.prometheus = session.prometheus
  do {
    try dashboard.run()
  } catch let e as TerminalError {
    throw UserFacingError(description: e.description)
  }
}
