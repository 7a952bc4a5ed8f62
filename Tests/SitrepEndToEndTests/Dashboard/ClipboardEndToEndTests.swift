import Foundation
import Testing

/// `y` in the real binary writes OSC 52, which tmux (with `set-clipboard on`) turns into a paste
/// buffer: what the user would paste is what was selected.
@Suite struct ClipboardEndToEndTests {
  @Test func yPutsTheSelectedServiceOnTheClipboard() throws {
    let dashboard = try DashboardUnderTmux()
    defer { dashboard.close() }
    let tmux = dashboard.tmux
    _ = try tmux.tmux(["set-option", "-s", "set-clipboard", "on"])
    try dashboard.waitForPanels()
    try tmux.send("y")
    try tmux.waitFor(text: "copied 1 line to the clipboard")
    let end = Date().addingTimeInterval(TmuxSession.deadline)
    var buffer = ""
    repeat {
      buffer = (try? tmux.tmux(["show-buffer"])) ?? ""
      if !buffer.isEmpty { break }
      Thread.sleep(forTimeInterval: 0.05)
    } while Date() < end
    // The selected service's name, whichever the selection is on (it stays on a service as the
    // list reorders; which row is tested in ClipboardTests).
    #expect(["api", "admin"].contains(buffer))
    try tmux.send("q")
    #expect(try dashboard.waitForExit() == 0)
  }
}
