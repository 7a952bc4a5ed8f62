import SitrepCore
import Testing

@testable import SitrepUI

/// `:` commands and their completion.
@Suite struct CommandLineTests {
  var state = DemoFixture.state()

  func run(_ s: inout AppState, _ text: String) -> [Effect] {
    press(&s, .char(":"))
    type(&s, text)
    return press(&s, .enter)
  }

  @Test func windowThemeAndQuit() {
    var s = state
    #expect(run(&s, "window 15m") == [.recompute])
    #expect(s.window == .fifteenMinutes)
    #expect(run(&s, "theme light") == [.setTheme("light")])
    #expect(run(&s, "q") == [.quit])
    #expect(s.quit)
  }

  @Test func serviceJobAndListsJumpThere() {
    var s = state
    let job = s.snapshot.jobs[1].name
    _ = run(&s, "job \(job)")
    #expect(s.stack.map(\.screen) == [.main, .job(job)])
    _ = run(&s, "service admin")
    #expect(s.screen == .service("admin"))
    _ = run(&s, "errors")
    #expect(s.screen == .errors)
    _ = run(&s, "sources")
    #expect(s.breadcrumb == ["main", "sources"])
  }

  @Test func aMistakeSaysWhatWouldWork() {
    var s = state
    #expect(run(&s, "window 2h").isEmpty)
    #expect(s.message == ":window needs a window: 1m, 5m, 15m, 1h")
    _ = run(&s, "service nope")
    #expect(s.message?.hasPrefix(":service needs a service: ") == true)
    #expect(s.screen == .main)
    _ = run(&s, "frobnicate")
    #expect(s.message?.hasPrefix("unknown command :frobnicate; try :window :theme") == true)
  }

  @Test func tabCompletesTheCommandThenItsArgument() {
    var s = state
    press(&s, .char(":"))
    type(&s, "wi")
    press(&s, .tab)
    #expect(s.prompt?.text == "window ")
    type(&s, "1")
    press(&s, .tab)
    #expect(s.prompt?.text == "window 1", "1m and 1h share only the 1")
    type(&s, "h")
    press(&s, .enter)
    #expect(s.window == .oneHour)
    press(&s, .char(":"))
    type(&s, "s")
    press(&s, .tab)
    #expect(s.prompt?.text == "s", "service and sources: nothing more in common")
    type(&s, "e")
    press(&s, .tab)
    #expect(s.prompt?.text == "service ")
    type(&s, "ad")
    press(&s, .tab)
    #expect(s.prompt?.text == "service admin")
  }

  @Test func commandsAreInTheHistory() {
    var s = state
    _ = run(&s, "window 1m")
    press(&s, .char(":"), .up)
    #expect(s.prompt?.text == "window 1m")
  }
}
