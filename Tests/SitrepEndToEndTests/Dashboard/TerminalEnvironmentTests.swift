import Foundation
import Testing

/// 8-colour terminals, NO_COLOR and a non-UTF-8 locale each get a working dashboard.
@Suite struct TerminalEnvironmentTests {
  @Test(arguments: [
    ["TERM": "xterm"],
    ["NO_COLOR": "1"],
  ])
  func dashboardShowsAndQuits(_ environment: [String: String]) throws {
    let dashboard = try DashboardUnderTmux(environment: environment)
    defer { dashboard.close() }
    let screen = try dashboard.waitForPanels()
    #expect(screen.contains("┌ Services"))
    try dashboard.tmux.send("q")
    #expect(try dashboard.waitForExit() == 0)
    try dashboard.expectTerminalRestored()
    #expect(dashboard.stderrText().isEmpty)
  }

  @Test func cLocaleDrawsASCIIBorders() throws {
    let dashboard = try DashboardUnderTmux(environment: ["LANG": "C", "LC_ALL": "C"])
    defer { dashboard.close() }
    let screen = try dashboard.waitForPanels()
    #expect(screen.contains("+ Services") || screen.contains("+-"), "no ASCII border:\n\(screen)")
    #expect(screen.contains("+---"))
    let boxGlyphs: Set<Character> = ["┌", "┐", "└", "┘", "─", "│", "●", "✖", "✔", "…", "▲"]
    #expect(!screen.contains(where: { boxGlyphs.contains($0) }), "box glyphs:\n\(screen)")
    try dashboard.tmux.send("q")
    #expect(try dashboard.waitForExit() == 0)
    try dashboard.expectTerminalRestored()
  }

  /// TERM=dumb cannot move the cursor: the dashboard used to draw a blank screen there.
  @Test func dumbTerminalIsRefusedWithAMessage() throws {
    let dashboard = try DashboardUnderTmux(environment: ["TERM": "dumb"])
    defer { dashboard.close() }
    let status = try dashboard.waitForExit()
    #expect(status != 0)
    let stderr = dashboard.stderrText()
    #expect(stderr.contains("terminal type TERM=dumb cannot move the cursor"), "\(stderr)")
    #expect(stderr.contains("try TERM=xterm-256color, or `sitrep report` for plain text"))
    try dashboard.expectTerminalRestored()
  }

  @Test func unknownTermFailsClearlyWithoutGarbage() throws {
    let dashboard = try DashboardUnderTmux(environment: ["TERM": "nonsense"])
    defer { dashboard.close() }
    let status = try dashboard.waitForExit()
    #expect(status != 0)
    #expect(dashboard.stderrText().contains("unknown terminal type TERM=nonsense"))
    let screen = try dashboard.tmux.capture()
    // Only the exit status and the shell's prompt that follows it.
    let visible = screen.split(separator: "\n")
      .map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty && $0 != "#" && $0 != "$" }
    #expect(visible.count == 1, "more than the exit line on screen:\n\(screen)")
    #expect(!screen.contains("\u{1B}"))
    try dashboard.expectTerminalRestored()
  }
}
