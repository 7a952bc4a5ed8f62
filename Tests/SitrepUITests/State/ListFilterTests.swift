import SitrepCore
import Testing

@testable import SitrepUI

/// `/` on a list screen filters its rows, as k9s does; Enter opens the row shown, Esc clears the
/// filter before it leaves.
@Suite struct ListFilterTests {
  var state = DemoFixture.state()

  @Test func slashFiltersTheErrorsListAndEnterOpensTheRowShown() throws {
    var s = state
    press(&s, .char("e"), .char("/"))
    #expect(s.prompt == Prompt(.list))
    type(&s, "keyerror")
    press(&s, .enter)
    let shown = ScreenRows.errors(s, filter: s.frame.filter)
    try #require(!shown.isEmpty)
    #expect(shown.allSatisfy { $0.display.lowercased().contains("keyerror") })
    #expect(ScreenRows.count(s) == shown.count)
    #expect(shown.count < s.snapshot.errors.count)
    press(&s, .enter)
    #expect(s.screen == .error(shown[0].key))
  }

  @Test func escClearsTheFilterThenLeaves() {
    var s = state
    press(&s, .char("s"), .char("/"))
    type(&s, "access")
    press(&s, .enter)
    #expect(s.frame.filter == "access")
    press(&s, .escape)
    #expect(s.frame.filter == "" && s.screen == .sources)
    #expect(s.message == "filter cleared")
    press(&s, .escape)
    #expect(s.screen == .main)
  }

  @Test func aServicesRoutesAndAJobsRunsFilterToo() throws {
    var s = state
    press(&s, .enter, .char("/"))
    type(&s, "orders")
    press(&s, .enter)
    guard case .service(let name) = s.screen else {
      Issue.record("not on a service screen")
      return
    }
    let service = try #require(ScreenRows.service(s, name))
    let routes = ScreenRows.routes(service, sortColumn: 0, filter: "orders")
    #expect(!routes.isEmpty && routes.allSatisfy { $0.route.contains("orders") })
    #expect(ScreenRows.count(s) == routes.count)
    let text = RootView.render(s, ctx: ViewContext(glyphs: .unicode)).text
    #expect(!text.contains("/health"))
    #expect(text.contains("/orders · \(routes.count) shown · Esc clears"))

    var j = state
    press(&j, .tab, .enter, .char("/"))
    type(&j, "failure")
    press(&j, .enter)
    guard case .job(let job) = j.screen, let summary = ScreenRows.job(j, job) else { return }
    let runs = ScreenRows.runs(summary, filter: j.frame.filter)
    #expect(runs.allSatisfy { $0.outcome == .failure })
  }

  @Test func theFilterSurvivesANewSnapshotAndKeepsTheSelectionOnItsRow() throws {
    var s = state
    press(&s, .char("e"), .char("/"))
    type(&s, "error")
    press(&s, .enter, .down)
    let shown = ScreenRows.errors(s, filter: s.frame.filter)
    try #require(shown.count >= 2)
    let chosen = shown[1].key
    var next = s.snapshot
    next.errors.reverse()
    _ = Update.apply(&s, .snapshot(next))
    #expect(ScreenRows.errors(s, filter: s.frame.filter)[s.frame.selected].key == chosen)
  }

  @Test func slashOnTheMainScreenOrARunDoesNotOpenAListFilter() {
    var s = state
    press(&s, .char("/"))
    #expect(s.prompt == nil)
  }
}
