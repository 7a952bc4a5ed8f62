import Foundation
import Testing

/// SIGWINCH: the screen redraws at the new size; below the minimum a one-line message shows.
@Suite struct ResizeTests {
  /// The column of the Services panel's top-right corner, or nil when it is not on screen.
  static func servicesRightEdge(_ screen: String) -> Int? {
    guard let top = screen.split(separator: "\n").first(where: { $0.contains("┌ Services") })
    else { return nil }
    let trimmed = top.trimmingCharacters(in: .whitespaces)
    guard trimmed.hasSuffix("┐") else { return nil }
    return top.count - 1
  }

  @Test func redrawsAtEachNewSizeAndShowsTheNeedsMessageWhenTooSmall() throws {
    let dashboard = try DashboardUnderTmux()
    defer { dashboard.close() }
    let tmux = dashboard.tmux
    let first = try dashboard.waitForPanels()
    #expect(Self.servicesRightEdge(first) == 119)

    for (width, height) in [(80, 24), (160, 50)] {
      try tmux.resize(width: width, height: height)
      // Wait for the whole frame: a capture can land while ncurses is still writing the rows.
      let screen = try tmux.waitFor("the right border at column \(width - 1) and the panels") {
        Self.servicesRightEdge($0) == width - 1 && $0.contains("┌ Jobs")
          && $0.contains("Deploy v1.4.2")
      }
      #expect(screen.split(separator: "\n", omittingEmptySubsequences: false).count >= height)
      #expect(screen.contains("┌ Jobs") && screen.contains("Deploy v1.4.2"))
    }

    try tmux.resize(width: 50, height: 14)
    let small = try tmux.waitFor(text: "sitrep needs 60x16")
    #expect(small.contains("have 50x14"))
    #expect(!small.contains("┌ Services"))

    try tmux.resize(width: 100, height: 30)
    try tmux.waitFor("the panels again at 100 columns") { Self.servicesRightEdge($0) == 99 }
    try tmux.send("q")
    #expect(try dashboard.waitForExit() == 0)
    try dashboard.expectTerminalRestored()
  }
}
