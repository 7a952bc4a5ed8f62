import Foundation
import Testing

/// Issue 2's walking skeleton, end to end: the dashboard opens, `q` quits, the shell is back.
@Suite struct QuitTests {
  @Test func liveDemoShowsPanelsAndQuitsCleanly() throws {
    let tmux = try TmuxSession(
      command: "\(TmuxSession.shellQuote(SitrepBinary.path)) demo --speed 10; echo EXITED $?",
      environment: ["TZ": "UTC", "LANG": "C.UTF-8"])
    defer { tmux.kill() }
    try tmux.waitFor("the three panels filled by the demo") { screen in
      screen.contains("┌ Services") && screen.contains("┌ Jobs") && screen.contains("┌ Deploy v1.4")
        && screen.contains("tasks.sync_sku") && screen.contains("api")
    }
    #expect(try tmux.display("#{alternate_on}") == "1")
    try tmux.send("q")
    try tmux.waitFor(text: "EXITED 0")
    try tmux.expectTerminalRestored()
  }

  @Test func dashboardOnFilesQuitsWithQ() throws {
    let dashboard = try DashboardUnderTmux()
    defer { dashboard.close() }
    try dashboard.waitForPanels()
    try dashboard.tmux.send("q")
    #expect(try dashboard.waitForExit() == 0)
    try dashboard.expectTerminalRestored()
    #expect(dashboard.stderrText().isEmpty)
  }
}
