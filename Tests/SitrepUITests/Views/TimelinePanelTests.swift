import SitrepCore
import Testing

@testable import SitrepUI

/// The time chart (issue 15): requests, error % and p95 of the selected service over the window
/// with the deploy marked, focusable with Tab and stepped through with ←/→.
@Suite struct TimelinePanelTests {
  /// The demo snapshot with its latest deploy moved inside the window.
  static func snapshotWithDeployInWindow() -> Snapshot {
    var snap = DemoFixture.snapshot
    snap.deploys = snap.deploys.map { deploy in
      var deploy = deploy
      deploy.time = snap.now - 120
      return deploy
    }
    return snap
  }

  static func text(_ state: AppState, glyphs: Glyphs = .unicode) -> String {
    RootView.render(state, ctx: ViewContext(glyphs: glyphs)).text
  }

  @Test func theChartShowsAt120x40AndNotSmaller() {
    #expect(Self.text(DemoFixture.state(width: 120, height: 40)).contains("Timeline"))
    #expect(!Self.text(DemoFixture.state(width: 100, height: 30)).contains("Timeline"))
    #expect(!Self.text(DemoFixture.state(width: 160, height: 30)).contains("Timeline"))
  }

  @Test func theDeployIsMarkedWhereItHappened() {
    let snap = Self.snapshotWithDeployInWindow()
    let text = Self.text(DemoFixture.state(width: 160, height: 50, snapshot: snap))
    let version = snap.deploys.last?.version ?? "deploy"
    #expect(text.contains("▲ \(version)"))
    #expect(text.contains("┊"))
    let ascii = Self.text(
      DemoFixture.state(width: 160, height: 50, snapshot: snap), glyphs: .ascii)
    #expect(ascii.contains("^ \(version)"))
    #expect(ascii.contains("#"))
  }

  @Test func tabFocusesTheChartOnItsNewestStepAndArrowsStep() throws {
    var s = DemoFixture.state(width: 120, height: 40)
    press(&s, .tab)
    #expect(s.focus == .timeline)
    let service = try #require(TimelinePanel.service(s))
    let steps = service.timeline
    #expect(s.panelSelection[Panel.timeline.rawValue] == steps.count - 1)
    press(&s, .left, .left)
    #expect(s.panelSelection[Panel.timeline.rawValue] == steps.count - 3)
    press(&s, .right)
    #expect(s.panelSelection[Panel.timeline.rawValue] == steps.count - 2)
    // The readout is the step's own numbers, formatted as the service row formats them.
    let step = steps[steps.count - 2]
    let readout = TimelinePanel.readout(
      step, offsetSeconds: s.snapshot.offsetSeconds, glyphs: .unicode)
    #expect(Self.text(s).contains(readout))
    #expect(readout.contains("\(step.stats.requests) req"))
    #expect(readout.contains("p95 \(Formatting.latency(step.stats.p95Ms))"))
    press(&s, .tab)
    #expect(s.focus == .jobs)
  }

  @Test func tabSkipsTheChartWhenItIsNotShown() {
    var s = DemoFixture.state(width: 100, height: 30)
    press(&s, .tab)
    #expect(s.focus == .jobs)
    press(&s, .backTab)
    #expect(s.focus == .services)
  }

  @Test func enterOpensTheLinesOfTheStep() throws {
    var s = DemoFixture.state(width: 120, height: 40)
    press(&s, .tab, .left)
    let service = try #require(TimelinePanel.service(s))
    let step = service.timeline[service.timeline.count - 2]
    let effects = press(&s, .enter)
    #expect(effects == [.refreshLog])
    guard case .log(let query) = s.screen else {
      Issue.record("expected the log view, got \(s.screen)")
      return
    }
    #expect(query.service == service.name)
    #expect(query.within == step.from...step.to)
  }

  @Test func theChartFollowsTheSelectedService() throws {
    var s = DemoFixture.state(width: 120, height: 40)
    let services = ScreenRows.services(s)
    try #require(services.count > 1)
    press(&s, .down)
    #expect(Self.text(s).contains("Timeline · \(services[1].name)"))
  }

  /// Half a second into a new step nothing has arrived yet: unfocused, the readout shows the
  /// step before, not a quiet 0 rps.
  @Test func theReadoutSkipsAStepThatHasOnlyJustBegun() throws {
    var snap = DemoFixture.snapshot
    let steps = snap.services[0].timeline
    try #require(steps.count > 2)
    var begun = steps[steps.count - 1]
    begun.stats = RequestStats(bucket: RequestBucket(), from: begun.from, to: begun.from + 0.5)
    snap.services[0].timeline[steps.count - 1] = begun
    #expect(TimelinePanel.newestWhole(snap.services[0].timeline) == steps.count - 2)
    #expect(TimelinePanel.newestWhole(steps) == steps.count - 1)
    var s = DemoFixture.state(width: 120, height: 40, snapshot: snap)
    while TimelinePanel.service(s)?.name != snap.services[0].name { press(&s, .down) }
    let readout = TimelinePanel.readout(
      steps[steps.count - 2], offsetSeconds: snap.offsetSeconds, glyphs: .unicode)
    #expect(RootView.render(s, ctx: ViewContext(glyphs: .unicode)).text.contains(readout))
  }

  @Test func stepsNotReadAreDottedAndSaySo() throws {
    var snap = DemoFixture.snapshot
    snap.services[0].timeline[0].covered = false
    snap.services[0].timeline[1].covered = false
    var s = DemoFixture.state(width: 120, height: 40, snapshot: snap)
    let name = snap.services[0].name
    while TimelinePanel.service(s)?.name != name { press(&s, .down) }
    press(&s, .tab, .home)
    #expect(Self.text(s).contains("not read (before the first line read)"))
    #expect(Self.text(s).contains("·"))
  }
}
