import Foundation
import Testing

/// Time travel in the real binary (issue 15): `sitrep --at` opens before the deploy, `}` comes
/// back to live where the deploy shows, `[` steps back and `:at now` returns.
@Suite struct TimeTravelEndToEndTests {
  @Test func opensInThePastStepsAndReturnsToLive() throws {
    // The demo files start 180 s ago and the deploy of v1.4.2 goes out 60 s after that: 160 s
    // ago is before it.
    let moment = Int(Date().timeIntervalSince1970) - 160
    let dashboard = try DashboardUnderTmux(
      arguments: ["--at", String(moment), "--backfill-time", "30m"])
    defer { dashboard.close() }
    let tmux = dashboard.tmux
    let past = try tmux.waitFor("the screen as of the moment, before the deploy") { screen in
      screen.contains("not live") && screen.contains("┌ Services") && screen.contains("api")
    }
    #expect(!past.contains("Deploy v1.4.2"))
    try tmux.send("}")
    try tmux.waitFor("live again, with the deploy") { screen in
      screen.contains("following") && screen.contains("Deploy v1.4.2")
    }
    try tmux.send("[")
    let back = try tmux.waitFor(text: "not live")
    #expect(back.contains("Deploy v1.4.2"))
    try tmux.send(":")
    try tmux.type("at now")
    try tmux.send("Enter")
    try tmux.waitFor(text: "following")
    try tmux.send("q")
    #expect(try dashboard.waitForExit() == 0)
    #expect(dashboard.stderrText().isEmpty)
  }
}
