import Foundation
import Glibc
import Testing

/// The dashboard's command sources die with it: quitting, SIGTERM or SIGHUP stops and reaps the
/// command's process group, and the terminal is restored as always.
@Suite struct CommandSourceChildTests {
  @Test(arguments: ["q", "TERM", "HUP"])
  func theCommandEndsWithTheDashboard(_ how: String) throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "sitrep-child-\(UUID().uuidString)"
    ).path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let pidFile = dir + "/pid"
    try """
    [[source]]
    path = "ticker"
    command = ["sh", "-c", "echo $$ > \(pidFile); exec sleep 300"]
    """.write(toFile: dir + "/sitrep.toml", atomically: true, encoding: .utf8)
    let dashboard = try DashboardUnderTmux(arguments: ["--config", dir + "/sitrep.toml"])
    defer { dashboard.close() }
    try dashboard.waitForPanels()
    let deadline = Date().addingTimeInterval(TmuxSession.deadline)
    var child: pid_t?
    while child == nil && Date() < deadline {
      child = (try? String(contentsOfFile: pidFile, encoding: .utf8)).flatMap {
        pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines))
      }
      if child == nil { usleep(20_000) }
    }
    let pid = try #require(child)
    #expect(kill(pid, 0) == 0)
    switch how {
    case "q": try dashboard.tmux.send("q")
    default: #expect(kill(try dashboard.sitrepPID(), how == "TERM" ? SIGTERM : SIGHUP) == 0)
    }
    _ = try dashboard.waitForExit()
    try dashboard.expectTerminalRestored()
    // Reaped by sitrep: gone, not a zombie waiting for a parent that left.
    #expect(kill(pid, 0) != 0)
  }
}
