import SitrepCore
import Testing

@testable import SitrepUI

/// The frame `state` draws, as the run loop paints it: the hit map the next click lands on.
private func frame(_ state: AppState) -> Canvas {
  RootView.render(state, ctx: ViewContext(glyphs: .unicode))
}

/// A mouse event at the first cell of the region `where` picks out of the frame now drawn.
@discardableResult
private func mouse(
  _ state: inout AppState, _ kind: MouseEvent.Kind, millis: Int = 0,
  at pick: (HitRegion) -> Bool
) throws -> [Effect] {
  let hits = frame(state).hits
  let found = hits.regions.last { pick($0) }
  let region = try #require(found, "no such region on the screen")
  return Update.apply(
    &state, .mouse(MouseEvent(kind, x: region.rect.x, y: region.rect.y, millis: millis), hits))
}

private func row(_ scope: HitScope, _ row: Int) -> (HitRegion) -> Bool {
  { $0.scope == scope && $0.row == row }
}

@Suite struct MouseHitMapTests {
  @Test func mainScreenRowsAreWhereTheirNamesAreDrawn() {
    let state = Screens.main(120, 40)
    let canvas = frame(state)
    let lines = canvas.lines
    let services = ScreenRows.services(state)
    for (i, service) in services.enumerated() {
      let region = canvas.hits.regions.first { $0.scope == .panel(.services) && $0.row == i }
      #expect(region?.key == service.name)
      if let region { #expect(lines[region.rect.y].contains(service.name)) }
    }
    for (i, job) in state.snapshot.jobs.enumerated() {
      guard
        let region = canvas.hits.regions.first(where: { $0.scope == .panel(.jobs) && $0.row == i })
      else { continue }
      #expect(region.key == job.name)
      #expect(lines[region.rect.y].contains(String(job.name.prefix(10))))
    }
    #expect(canvas.hits.depth == 1)
  }

  @Test func headerFooterAndBlankSpaceAreNothing() {
    let canvas = frame(Screens.main(120, 40))
    #expect(canvas.hits.region(x: 5, y: 0) == nil)
    #expect(canvas.hits.region(x: 5, y: 39) == nil)
  }

  @Test func timelineStepsCoverTheChartColumnByColumn() {
    let state = Screens.timeline(120, 40)
    let hits = frame(state).hits
    let steps = hits.regions.filter { $0.scope == .panel(.timeline) && $0.row != nil }
    let count = TimelinePanel.service(state)?.timeline.count ?? 0
    #expect(count > 0)
    #expect(steps.map(\.row) == (0..<count).map { $0 })
    // Side by side, left to right, no gaps.
    for (a, b) in zip(steps, steps.dropFirst()) { #expect(a.rect.maxX == b.rect.x) }
  }

  @Test func drillDownListRowsCarryTheirIdentity() {
    let state = Screens.job(120, 40)
    let hits = frame(state).hits
    let keys = SelectionKeys.keys(of: state.frame, in: state) ?? []
    let rows = hits.regions.filter { $0.scope == .list && $0.row != nil }
    #expect(!rows.isEmpty)
    for region in rows { #expect(region.key == keys[region.row!]) }
    #expect(hits.depth == 2)
  }
}

@Suite struct MouseUpdateTests {
  @Test func clickSelectsARowAndFocusesItsPanel() throws {
    var s = Screens.main(120, 40)
    #expect(s.focus == .services)
    let effects = try mouse(&s, .press, at: row(.panel(.jobs), 2))
    #expect(effects.isEmpty)
    #expect(s.focus == .jobs)
    #expect(s.panelSelection[Panel.jobs.rawValue] == 2)
    #expect(s.pickedPanels.contains(.jobs))
    #expect(s.screen == .main)
  }

  @Test func doubleClickOpensAsEnterDoes() throws {
    var s = Screens.main(120, 40)
    try mouse(&s, .press, millis: 1000, at: row(.panel(.jobs), 1))
    try mouse(&s, .press, millis: 1300, at: row(.panel(.jobs), 1))
    var keyed = Screens.main(120, 40)
    while keyed.focus != .jobs { press(&keyed, .tab) }
    press(&keyed, .down, .enter)
    #expect(s.screen == keyed.screen)
    #expect(s.stack.count == 2)
  }

  @Test func twoSlowClicksOrClicksOnDifferentRowsOnlySelect() throws {
    var s = Screens.main(120, 40)
    try mouse(&s, .press, millis: 1000, at: row(.panel(.jobs), 1))
    try mouse(
      &s, .press, millis: 1000 + MouseSteps.doubleClickMillis + 1, at: row(.panel(.jobs), 1))
    #expect(s.screen == .main)
    try mouse(&s, .press, millis: 5000, at: row(.panel(.jobs), 0))
    try mouse(&s, .press, millis: 5100, at: row(.panel(.jobs), 1))
    #expect(s.screen == .main)
    #expect(s.panelSelection[Panel.jobs.rawValue] == 1)
  }

  @Test func aThirdQuickClickDoesNotOpenTwice() throws {
    var s = Screens.main(120, 40)
    try mouse(&s, .press, millis: 0, at: row(.panel(.services), 0))
    try mouse(&s, .press, millis: 100, at: row(.panel(.services), 0))
    #expect(s.stack.count == 2)
    let on = s
    // The service screen's own rows are elsewhere: a press on its body is a new first click.
    try mouse(&s, .press, millis: 200, at: { $0.scope == .list && $0.row == 0 })
    #expect(s.stack.count == 2)
    #expect(on.screen == s.screen)
  }

  @Test func clickOnNothingDoesNothing() {
    var s = Screens.main(120, 40)
    let before = s
    let hits = frame(s).hits
    for (x, y) in [(3, 0), (3, 39)] {
      #expect(Update.apply(&s, .mouse(MouseEvent(.press, x: x, y: y), hits)).isEmpty)
      #expect(Update.apply(&s, .mouse(MouseEvent(.wheelDown, x: x, y: y), hits)).isEmpty)
    }
    #expect(s == before)
  }

  @Test func clickOnAPanelsBorderFocusesWithoutMovingItsSelection() throws {
    var s = Screens.main(120, 40)
    try mouse(&s, .press, at: { $0.scope == .panel(.errors) && $0.row == nil })
    #expect(s.focus == .errors)
    #expect(s.panelSelection[Panel.errors.rawValue] == 0)
    #expect(!s.pickedPanels.contains(.errors))
  }

  @Test func doubleClickOnTheDeployPanelOpensTheDeployScreen() throws {
    var s = Screens.main(120, 40)
    try mouse(&s, .press, millis: 0, at: { $0.scope == .panel(.deploy) })
    #expect(s.focus == .deploy)
    try mouse(&s, .press, millis: 50, at: { $0.scope == .panel(.deploy) })
    #expect(s.screen == .deploy)
  }

  @Test func wheelMovesTheSelectionOfThePanelUnderThePointerAsJKDo() throws {
    var s = Screens.main(120, 40)
    while s.focus != .jobs { press(&s, .tab) }
    try mouse(&s, .wheelDown, at: { $0.scope == .panel(.services) && $0.row != nil })
    #expect(s.focus == .services)
    var keyed = Screens.main(120, 40)
    press(&keyed, .char("j"))
    #expect(
      s.panelSelection[Panel.services.rawValue] == keyed.panelSelection[Panel.services.rawValue])
    #expect(s.panelSelection[Panel.services.rawValue] == 1)
    try mouse(&s, .wheelUp, at: { $0.scope == .panel(.services) && $0.row != nil })
    #expect(s.panelSelection[Panel.services.rawValue] == 0)
  }

  @Test func clickOnATimelineStepSelectsItAndDoubleClickOpensItsLines() throws {
    var s = Screens.main(120, 40)
    try mouse(&s, .press, millis: 0, at: row(.panel(.timeline), 3))
    #expect(s.focus == .timeline)
    #expect(s.panelSelection[Panel.timeline.rawValue] == 3)
    let effects = try mouse(&s, .press, millis: 10, at: row(.panel(.timeline), 3))
    #expect(effects == [.refreshLog])
    guard case .log(let q) = s.screen else {
      Issue.record("expected the step's lines, got \(s.screen)")
      return
    }
    let step = TimelinePanel.service(Screens.main(120, 40))!.timeline[3]
    #expect(q.within == step.from...step.to)
  }

  /// Every drill-down list: a click selects the row, the wheel moves as j/k, a double click
  /// opens what Enter opens.
  @Test(arguments: ["service", "route", "job", "errors", "deploy", "sources"])
  func listScreens(_ name: String) throws {
    let make: (Int, Int) -> AppState =
      switch name {
      case "service": Screens.service
      case "route": Screens.route
      case "job": Screens.job
      case "errors": Screens.errors
      case "deploy": Screens.deploy
      default: Screens.sources
      }
    var s = make(140, 45)
    let count = ScreenRows.count(s)
    try #require(count >= 2, "\(name) lists \(count) rows")
    let target = count >= 3 ? 2 : 1
    try mouse(&s, .press, millis: 0, at: row(.list, target))
    #expect(s.frame.selected == target)
    try mouse(&s, .wheelUp, at: { $0.scope == .list })
    #expect(s.frame.selected == target - 1)
    try mouse(&s, .wheelDown, at: { $0.scope == .list })
    #expect(s.frame.selected == target)

    var keyed = make(140, 45)
    for _ in 0..<target { press(&keyed, .down) }
    let keyedEffects = press(&keyed, .enter)
    try mouse(&s, .press, millis: 1000, at: row(.list, target))
    let effects = try mouse(&s, .press, millis: 1200, at: row(.list, target))
    #expect(effects == keyedEffects)
    #expect(s.stack == keyed.stack)
    #expect(s.chosenDeployAt == keyed.chosenDeployAt)
  }

  /// The run, signature and request screens are one body for the wheel, with no rows to open.
  @Test(arguments: ["run", "error", "request"])
  func detailScreensAreOneBodyWithoutRows(_ name: String) throws {
    let make: (Int, Int) -> AppState =
      switch name {
      case "run": Screens.run
      case "error": Screens.errorSignature
      default: Screens.request
      }
    var s = make(100, 30)
    let hits = frame(s).hits
    #expect(hits.region(x: 0, y: 1)?.scope == .detail)
    #expect(hits.region(x: 99, y: 28)?.scope == .detail)
    #expect(!hits.regions.contains { $0.row != nil })
    let before = s.stack
    try mouse(&s, .press, millis: 0, at: { $0.scope == .detail })
    try mouse(&s, .press, millis: 10, at: { $0.scope == .detail })
    #expect(s.stack == before)
  }

  /// A record taller than the screen (a 40-frame traceback) scrolls three lines a notch.
  @Test func detailBodyScrollsThreeLinesANotch() throws {
    var s = Screens.main(100, 20)
    press(&s, .char("l"))
    let frames = (1...40).map {
      ArchivedLine(
        time: 0, path: "/var/log/app.log", role: nil, service: nil,
        text: "  File \"/srv/app/step\($0).py\", line \($0), in step\($0)", isError: true,
        continuesRecord: true)
    }
    let lines = [logLine("ERROR boom Traceback (most recent call last):", isError: true)] + frames
    _ = Update.apply(&s, .logLines(lines))
    press(&s, .char("g"), .enter)
    guard case .record = s.screen else {
      Issue.record("expected the record, got \(s.screen)")
      return
    }
    let detail = try #require(DetailBody.of(s, glyphs: .unicode))
    try #require(detail.body.count > detail.bodyRows(height: s.height) + 6)
    let top = detail.top(scroll: s.frame.scroll, height: s.height)
    try mouse(&s, .wheelUp, at: { $0.scope == .detail })
    let up = detail.top(scroll: top - MouseSteps.textLines, height: s.height)
    #expect(s.frame.scroll == up)
    #expect(up == top - MouseSteps.textLines)
    try mouse(&s, .wheelDown, at: { $0.scope == .detail })
    try mouse(&s, .wheelDown, at: { $0.scope == .detail })
    #expect(s.frame.scroll == detail.top(scroll: up + 2 * MouseSteps.textLines, height: s.height))
    var keyed = s
    keyed.frame.scroll = up
    press(&keyed, .down, .down, .down, .down, .down, .down)
    #expect(s.frame.scroll == keyed.frame.scroll)
  }

  @Test func logViewClickSelectsALineWheelScrollsDoubleClickOpensItsRecord() throws {
    var s = Screens.logSideways(100, 20)
    let hits = frame(s).hits
    let lines = hits.regions.filter { $0.scope == .log && $0.row != nil }
    let line = try #require(lines.dropFirst(2).first?.row)
    try mouse(&s, .press, millis: 0, at: row(.log, line))
    #expect(s.log.cursor == line)
    var keyed = s
    try mouse(&s, .press, millis: 20, at: row(.log, line))
    press(&keyed, .enter)
    #expect(s.screen == keyed.screen)
    guard case .record = s.screen else {
      Issue.record("expected the record, got \(s.screen)")
      return
    }
    press(&s, .escape)
    let bottom = s.log.bottom
    try mouse(&s, .wheelUp, at: { $0.scope == .log })
    var three = s
    three.log.bottom = bottom
    press(&three, .up, .up, .up)
    #expect(s.log.bottom == three.log.bottom)
  }

  @Test func helpScrollsUnderTheWheelAndAClickOutsideClosesIt() throws {
    var s = Screens.main(80, 20)
    press(&s, .char("?"))
    #expect(Update.helpScrollLimit(s) > 0)
    try mouse(&s, .wheelDown, at: { $0.scope == .help })
    #expect(s.helpScroll == MouseSteps.textLines)
    try mouse(&s, .press, at: { $0.scope == .help })
    #expect(s.showHelp)
    let hits = frame(s).hits
    _ = Update.apply(&s, .mouse(MouseEvent(.press, x: 0, y: 2), hits))
    #expect(!s.showHelp)
    #expect(s.screen == .main)
  }

  @Test func aClickOnAFrameOfAnotherScreenDoesNothing() throws {
    var s = Screens.main(120, 40)
    let stale = frame(s).hits
    press(&s, .enter)
    let before = s
    let region = try #require(stale.regions.first { $0.scope == .panel(.jobs) && $0.row == 1 })
    _ = Update.apply(&s, .mouse(MouseEvent(.press, x: region.rect.x, y: region.rect.y), stale))
    #expect(s == before)
  }

  @Test func aClickSelectsTheRowDrawnUnderThePointerEvenIfTheListMovedSince() throws {
    var s = Screens.main(120, 40)
    let hits = frame(s).hits
    let region = try #require(hits.regions.first { $0.scope == .panel(.jobs) && $0.row == 0 })
    var reordered = s.snapshot
    reordered.jobs.reverse()
    _ = Update.apply(&s, .snapshot(reordered))
    _ = Update.apply(&s, .mouse(MouseEvent(.press, x: region.rect.x, y: region.rect.y), hits))
    #expect(s.snapshot.jobs[s.panelSelection[Panel.jobs.rawValue]].name == region.key)
    #expect(s.panelSelection[Panel.jobs.rawValue] == s.snapshot.jobs.count - 1)
  }

  @Test func theMouseWaitsWhileAPromptOrAQuestionIsOpen() throws {
    var s = Screens.errors(120, 40)
    press(&s, .char("/"))
    let before = s
    try mouse(&s, .press, at: row(.list, 1))
    try mouse(&s, .wheelDown, at: { $0.scope == .list })
    #expect(s == before)
    press(&s, .escape, .char("r"))
    let asking = s
    try mouse(&s, .press, at: row(.list, 1))
    #expect(s == asking)
  }
}

/// The wheel over the log view at the top of the lines held reads older lines from the file, as
/// ↑ does there (issue 15: the mouse and the read-back meet in the log view).
@Suite struct MouseLogReadBackTests {
  @Test func theWheelAtTheTopOfTheLogReadsOlderLines() throws {
    var s = LogReadBackTests.view(5000..<7000)
    s.log.bottom = 0
    let effects = try mouse(&s, .wheelUp, at: { $0.scope == .log })
    #expect(LogReadBackTests.request(effects)?.direction == .older)
    #expect(s.log.readBack.isReading)
  }

  @Test func theWheelInTheMiddleOfTheLogOnlyScrolls() throws {
    var s = LogReadBackTests.view(5000..<7000)
    s.log.bottom = 1000
    #expect(try mouse(&s, .wheelUp, at: { $0.scope == .log }).isEmpty)
    #expect(s.log.bottom == 1000 - MouseSteps.textLines)
  }
}
