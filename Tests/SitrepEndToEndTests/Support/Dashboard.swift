import Foundation
import Testing

/// The live dashboard under tmux on demo files that end "now", so the 5-minute window shows the
/// deploy of v1.4.2 two minutes ago and tasks.sync_sku failing since.
final class DashboardUnderTmux {
  let tmux: TmuxSession
  let files: DemoFiles
  let errorLog: String

  /// `environment` is exported in the pane before sitrep starts (TERM, NO_COLOR, LANG...).
  /// `arguments` go before the paths.
  init(
    width: Int = 120, height: Int = 40, environment: [String: String] = [:],
    arguments: [String] = [], shellPrefix: String = ""
  ) throws {
    let now = Int(Date().timeIntervalSince1970)
    // Three minutes written past the start: the deploy (start + 60 s) is two minutes old.
    files = try DemoFiles.make(start: now - 180, until: 180)
    errorLog = files.path("sitrep.stderr")
    var env = ["TZ": "UTC", "LANG": "C.UTF-8"]
    env.merge(environment) { $1 }
    // A bounded backfill keeps the debug build's start-up quick; it still covers the window.
    let args = (["--backfill", "1MiB"] + arguments + files.paths).map(TmuxSession.shellQuote)
    let command =
      shellPrefix + "\(TmuxSession.shellQuote(SitrepBinary.path)) \(args.joined(separator: " ")) "
      + "2>\(TmuxSession.shellQuote(errorLog)); echo EXITED $?"
    do {
      tmux = try TmuxSession(command: command, width: width, height: height, environment: env)
    } catch {
      files.remove()
      throw error
    }
  }

  /// Waits until the three panels show with numbers read from the files.
  @discardableResult
  func waitForPanels() throws -> String {
    try tmux.waitFor("the Services, Jobs and Deploy panels with data") { screen in
      screen.contains("Services") && screen.contains("Jobs") && screen.contains("Deploy v1.4.2")
        && screen.contains("tasks.sync_sku") && screen.contains("api")
    }
  }

  /// Waits for the `EXITED n` line the pane's shell prints after sitrep, and returns n.
  func waitForExit() throws -> Int {
    let screen = try tmux.waitFor("sitrep to exit") { $0.contains("EXITED ") }
    guard let line = screen.split(separator: "\n").first(where: { $0.contains("EXITED ") }),
      let code = Int(line.split(separator: " ").last ?? "")
    else { throw E2EFailure("no exit status on screen:\n\(screen)") }
    return code
  }

  func expectTerminalRestored() throws { try tmux.expectTerminalRestored() }

  func stderrText() -> String {
    (try? String(contentsOfFile: errorLog, encoding: .utf8)) ?? ""
  }

  /// The dashboard's pid: the child of the pane's shell.
  func sitrepPID() throws -> pid_t {
    let shell = try tmux.display("#{pane_pid}")
    let result = try CommandRunner.run("/usr/bin/env", ["pgrep", "-P", shell])
    guard let pid = result.stdout.split(separator: "\n").compactMap({ pid_t($0) }).first else {
      throw E2EFailure("no child of the pane's shell \(shell): \(result.stderr)")
    }
    return pid
  }

  func close() {
    tmux.kill()
    files.remove()
  }
}
