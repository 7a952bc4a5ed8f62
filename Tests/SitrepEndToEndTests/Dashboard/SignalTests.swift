import Foundation
import Testing

/// Ctrl-C, SIGTERM and SIGHUP all leave the terminal as the shell had it.
@Suite struct SignalTests {
  @Test(arguments: [SIGTERM, SIGHUP])
  func signalRestoresTheTerminal(_ signal: Int32) throws {
    let dashboard = try DashboardUnderTmux()
    defer { dashboard.close() }
    try dashboard.waitForPanels()
    let pid = try dashboard.sitrepPID()
    #expect(kill(pid, signal) == 0)
    _ = try dashboard.waitForExit()
    try dashboard.expectTerminalRestored()
    #expect(!dashboard.stderrText().contains("Fatal error"))
  }

  @Test func ctrlCRestoresTheTerminal() throws {
    // The pane's shell ignores nothing: a trap with a handler is reset to the default in
    // sitrep, and keeps the shell alive so it can print the exit status.
    let dashboard = try DashboardUnderTmux(shellPrefix: "trap 'true' INT;")
    defer { dashboard.close() }
    try dashboard.waitForPanels()
    try dashboard.tmux.send("C-c")
    _ = try dashboard.waitForExit()
    try dashboard.expectTerminalRestored()
  }
}
