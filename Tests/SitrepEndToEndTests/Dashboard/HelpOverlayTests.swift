import Foundation
import Testing

@Suite struct HelpOverlayTests {
  @Test func questionMarkShowsKeysAndAnyKeyClosesIt() throws {
    let dashboard = try DashboardUnderTmux()
    defer { dashboard.close() }
    let tmux = dashboard.tmux
    try dashboard.waitForPanels()
    try tmux.send("?")
    // Wait for the overlay's last line: a capture can land while curses is still drawing it.
    _ = try tmux.waitFor(text: "next / previous panel")
    let help = try tmux.waitFor(text: "this help (any key closes it)")
    #expect(help.contains("this help (any key closes it)"))
    #expect(help.contains("quit from anywhere"))
    // `x` means nothing on the main screen: it only closes the overlay.
    try tmux.send("x")
    try tmux.waitFor("the overlay gone") { !$0.contains("next / previous panel") }
    try dashboard.waitForPanels()
    // `q` in the help closes it rather than quitting.
    try tmux.send("?")
    try tmux.waitFor(text: "next / previous panel")
    try tmux.send("q")
    try tmux.waitFor("the overlay gone after q") { !$0.contains("next / previous panel") }
    #expect(!(try tmux.capture()).contains("EXITED"))
    try tmux.send("q")
    #expect(try dashboard.waitForExit() == 0)
  }
}
