import SitrepCore
import Testing

// Builds states by hand (a screen pushed, a cursor placed): the setters are internal, since only
// `Update` changes the state.
@testable import SitrepUI

/// Every key path of `Update.apply` on the main screen and the drill-downs (the log view has its
/// own suite).
@Suite struct UpdateTests {
  var state = DemoFixture.state()

  @Test func fixtureHasSomethingToNavigate() {
    #expect(state.snapshot.services.count >= 2)
    #expect(state.snapshot.jobs.count >= 3)
    #expect(!state.snapshot.errors.isEmpty)
    #expect(!state.snapshot.deploys.isEmpty)
    #expect(state.snapshot.sources.count >= 3)
  }

  // MARK: focus

  @Test func tabCyclesPanelsForwardAndShiftTabBackward() {
    var s = state
    #expect(s.focus == .services)
    press(&s, .tab)
    #expect(s.focus == .jobs)
    press(&s, .tab)
    #expect(s.focus == .errors)
    press(&s, .tab)
    #expect(s.focus == .deploy)
    press(&s, .tab)
    #expect(s.focus == .services)
    press(&s, .backTab)
    #expect(s.focus == .deploy)
    press(&s, .backTab)
    #expect(s.focus == .errors)
  }

  @Test func enterOnTheErrorsPanelOpensTheSelectedSignature() {
    var s = state
    press(&s, .tab, .tab, .down)
    #expect(press(&s, .enter).isEmpty)
    #expect(s.screen == .error(s.snapshot.errors[1].key))
  }

  @Test func lOnTheErrorsPanelOpensTheLinesOfThatException() {
    var s = state
    press(&s, .tab, .tab)
    press(&s, .char("l"))
    let type = s.snapshot.errors[0].type
    #expect(s.screen == .log(LogQuery(title: type, mustContain: type)))
  }

  // MARK: order and identity

  @Test func servicesAreListedWorstFirst() {
    var s = state
    s.snapshot.services[0].verdict.verdict = .up
    s.snapshot.services[1].verdict.verdict = .down
    let listed = ScreenRows.services(s)
    #expect(listed[0].name == s.snapshot.services[1].name)
    #expect(
      listed.map(\.verdict.verdict.severity)
        == listed.map(\.verdict.verdict.severity).sorted(by: >))
  }

  @Test func theSelectionStaysOnItsRowWhenANewSnapshotReordersTheList() {
    var s = state
    press(&s, .char("e"), .down)
    let chosen = s.snapshot.errors[1].key
    var next = s.snapshot
    next.errors.reverse()
    _ = Update.apply(&s, .snapshot(next))
    #expect(s.snapshot.errors[s.frame.selected].key == chosen)
  }

  /// Nobody chose a service yet: when another one turns worse and sorts first, the selection
  /// (and the time chart) goes with the top row. Once chosen, it stays on its service.
  @Test func anUnpickedSelectionStaysOnTheTopRowAndAPickedOneOnItsService() throws {
    var s = state
    let before = ScreenRows.services(s)
    try #require(before.count > 1)
    var next = s.snapshot
    let second = try #require(next.services.firstIndex { $0.name == before[1].name })
    next.services[second].verdict.verdict = .down
    _ = Update.apply(&s, .snapshot(next))
    #expect(s.panelSelection[Panel.services.rawValue] == 0)
    #expect(ScreenRows.services(s)[0].name == before[1].name)
    // Picked: the second row, which is the service that was first before.
    press(&s, .down)
    let chosen = ScreenRows.services(s)[1].name
    var again = s.snapshot
    let third = try #require(again.services.firstIndex { $0.name == chosen })
    again.services[third].verdict.verdict = .down
    again.services[second].verdict.verdict = .up
    _ = Update.apply(&s, .snapshot(again))
    #expect(ScreenRows.services(s)[s.panelSelection[Panel.services.rawValue]].name == chosen)
  }

  @Test func theJobSelectionStaysOnItsRunAsNewRunsArrive() throws {
    var s = state
    let j = try #require(s.snapshot.jobs.firstIndex { $0.recentRuns.count >= 3 })
    press(&s, .tab)
    for _ in 0..<j { press(&s, .down) }
    press(&s, .enter, .down)
    let chosen = ScreenRows.runs(s.snapshot.jobs[j])[1]
    var next = s.snapshot
    var newer = next.jobs[j].recentRuns.last!
    newer.runID = "brand-new"
    newer.endedAt = (newer.endedAt ?? 0) + 10
    next.jobs[j].recentRuns.append(newer)
    _ = Update.apply(&s, .snapshot(next))
    #expect(s.frame.selected == 2)
    #expect(RunRef(chosen).matches(ScreenRows.runs(s.snapshot.jobs[j])[s.frame.selected]))
  }

  @Test func theMainSelectionFollowsAServiceThatMovesUp() {
    var s = state
    let last = ScreenRows.services(s).count - 1
    press(&s, .char("G"))
    let chosen = ScreenRows.services(s)[last].name
    var next = s.snapshot
    let i = next.services.firstIndex { $0.name == chosen }!
    next.services[i].verdict.verdict = .down
    _ = Update.apply(&s, .snapshot(next))
    #expect(ScreenRows.services(s)[s.panelSelection[0]].name == chosen)
    #expect(s.panelSelection[0] == 0)
  }

  @Test func tabOutsideTheMainScreenDoesNotMoveFocus() {
    var s = state
    press(&s, .enter)
    press(&s, .tab)
    #expect(s.focus == .services)
  }

  // MARK: selection

  @Test func jAndDownMoveTheSelectionAndClampAtTheLastRow() {
    var s = state
    press(&s, .tab)  // jobs
    let last = s.snapshot.jobs.count - 1
    press(&s, .char("j"))
    #expect(s.panelSelection[Panel.jobs.rawValue] == 1)
    press(&s, .down)
    #expect(s.panelSelection[Panel.jobs.rawValue] == 2)
    for _ in 0..<20 { press(&s, .down) }
    #expect(s.panelSelection[Panel.jobs.rawValue] == last)
    // The other panels keep their own selection.
    #expect(s.panelSelection[Panel.services.rawValue] == 0)
  }

  @Test func kAndUpMoveTheSelectionAndClampAtZero() {
    var s = state
    press(&s, .tab, .char("G"))
    let last = s.snapshot.jobs.count - 1
    press(&s, .char("k"))
    #expect(s.panelSelection[Panel.jobs.rawValue] == last - 1)
    press(&s, .up)
    #expect(s.panelSelection[Panel.jobs.rawValue] == last - 2)
    for _ in 0..<20 { press(&s, .char("k")) }
    #expect(s.panelSelection[Panel.jobs.rawValue] == 0)
  }

  @Test func gGHomeAndEndJumpToTheEnds() {
    var s = state
    press(&s, .tab)
    let last = s.snapshot.jobs.count - 1
    press(&s, .char("G"))
    #expect(s.panelSelection[1] == last)
    press(&s, .char("g"))
    #expect(s.panelSelection[1] == 0)
    press(&s, .end)
    #expect(s.panelSelection[1] == last)
    press(&s, .home)
    #expect(s.panelSelection[1] == 0)
  }

  @Test func pageDownAndPageUpMoveByAScreenClamped() {
    // 40 error signatures on a 16-row terminal: a page is height - 8 = 8 rows.
    var snap = state.snapshot
    let sample = snap.errors[0]
    snap.errors = (0..<40).map { i in
      var e = sample
      e.key = "key-\(i)"
      return e
    }
    var s = DemoFixture.state(width: 80, height: 16, snapshot: snap)
    press(&s, .char("e"))
    #expect(s.screen == .errors)
    press(&s, .pageDown)
    #expect(s.frame.selected == 8)
    press(&s, .pageDown, .pageDown, .pageDown, .pageDown, .pageDown)
    #expect(s.frame.selected == 39)
    press(&s, .pageUp)
    #expect(s.frame.selected == 31)
    press(&s, .pageUp, .pageUp, .pageUp, .pageUp, .pageUp)
    #expect(s.frame.selected == 0)
  }

  @Test func selectionInAnEmptyListStaysAtZero() {
    var s = DemoFixture.state(snapshot: .empty(now: DemoFixture.now))
    press(&s, .down, .char("G"), .pageDown)
    #expect(s.panelSelection == [0, 0, 0, 0, 0])
    #expect(press(&s, .enter).isEmpty)
    #expect(s.screen == .main)
  }

  @Test func theDeployPanelHasNoRowsToSelect() {
    var s = state
    press(&s, .backTab)
    #expect(s.focus == .deploy)
    press(&s, .down, .down)
    #expect(s.panelSelection[Panel.deploy.rawValue] == 0)
  }

  @Test func drillDownScreensKeepTheirOwnSelection() {
    var s = state
    press(&s, .char("s"))
    #expect(s.screen == .sources)
    press(&s, .down)
    #expect(s.frame.selected == 1)
    #expect(s.panelSelection == [0, 0, 0, 0, 0])
    press(&s, .escape)
    #expect(s.frame.selected == 0)
  }

  @Test func aSmallerSnapshotClampsThePanelSelections() {
    var s = state
    press(&s, .char("G"), .tab, .char("G"))
    var smaller = s.snapshot
    smaller.services = Array(smaller.services.prefix(1))
    smaller.jobs = []
    _ = Update.apply(&s, .snapshot(smaller))
    #expect(s.panelSelection == [0, 0, 0, 0, 0])
  }

  @Test
  func aSmallerSnapshotClampsADrillDownsSelection() {
    var s = state
    press(&s, .char("e"), .char("G"))
    var smaller = s.snapshot
    smaller.errors = Array(smaller.errors.prefix(1))
    _ = Update.apply(&s, .snapshot(smaller))
    #expect(s.frame.selected == 0)
  }

  // MARK: Enter drill-downs

  @Test func enterOnAServiceOpensItsScreen() {
    var s = state
    press(&s, .down)
    let name = ScreenRows.services(s)[1].name
    #expect(press(&s, .enter).isEmpty)
    #expect(s.screen == .service(name))
    #expect(s.breadcrumb == ["main", "service \(name)"])
  }

  @Test func rightArrowOpensLikeEnter() {
    var s = state
    press(&s, .right)
    #expect(s.screen == .service(ScreenRows.services(s)[0].name))
  }

  @Test func enterOnAJobOpensTheJobThenTheRunThenItsLines() throws {
    var s = state
    press(&s, .tab, .down)
    let job = s.snapshot.jobs[1]
    press(&s, .enter)
    #expect(s.screen == .job(job.name))
    #expect(!job.recentRuns.isEmpty)
    press(&s, .down)
    press(&s, .enter)
    let run = ScreenRows.runs(job)[1]
    #expect(s.screen == .run(job: job.name, run: RunRef(run)))
    #expect(press(&s, .enter) == [.refreshLog])
    guard case .log(let q) = s.screen else {
      Issue.record("expected the log view, got \(s.screen)")
      return
    }
    #expect(q.roles == ["jobs"])
    #expect(q.mustContain == (run.runID ?? job.name))
    #expect(s.stack.count == 4)
  }

  @Test func theRunScreenKeepsItsRunWhenNewerRunsArrive() throws {
    var s = state
    press(&s, .tab, .down)
    let job = s.snapshot.jobs[1]
    press(&s, .enter, .down, .enter)
    let chosen = ScreenRows.runs(job)[1]
    // Two newer runs arrive: the chosen one moves two rows down the list.
    var snap = s.snapshot
    for k in 1...2 {
      var newer = chosen
      newer.runID = "newer-\(k)"
      newer.startedAt = (chosen.startedAt ?? chosen.time) + Double(600 * k)
      newer.endedAt = newer.startedAt.map { $0 + 1 }
      snap.jobs[1].recentRuns.append(newer)
    }
    _ = Update.apply(&s, .snapshot(snap))
    #expect(ScreenRows.runs(s.snapshot.jobs[1])[3] == chosen)
    #expect(Update.logQuery(for: s).mustContain == (chosen.runID ?? job.name))
    let text = RootView.render(s, ctx: ViewContext(glyphs: .unicode)).text
    #expect(text.contains("run id: \(chosen.runID ?? "—")"))
    #expect(!text.contains("newer-"))
  }

  @Test func aRunKnownOnlyByItsEndIsFoundByItsEnd() {
    var ended = ScreenRows.runs(state.snapshot.jobs[0])[0]
    ended.runID = nil
    ended.startedAt = nil
    ended.endedAt = 100
    var other = ended
    other.endedAt = 200
    #expect(RunRef(ended).find(in: [other, ended]) == ended)
    #expect(RunRef(ended).find(in: [other]) == nil)
  }

  @Test func enterOnAServiceScreenOpensTheSelectedRoute() {
    var s = state
    let name = ScreenRows.services(s)[0].name
    press(&s, .enter, .down)
    let service = try! #require(ScreenRows.service(s, name))
    let route = ScreenRows.routes(service, sortColumn: 0)[1].route
    #expect(press(&s, .enter).isEmpty)
    #expect(s.screen == .route(service: name, route: route))
    #expect(s.breadcrumb.last == "route \(route)")
  }

  @Test func enterOnARoutesRequestOpensItAndAsksForTheLinesAroundIt() throws {
    var s = Screens.route(80, 24)
    guard case .route(let name, let route) = s.screen else {
      Issue.record("not on a route screen: \(s.screen)")
      return
    }
    let requests = ScreenRows.routeRequests(s, name, route)
    try #require(requests.count >= 2)
    #expect(requests.map(\.time) == requests.map(\.time).sorted(by: >), "newest first")
    press(&s, .down)
    #expect(press(&s, .enter) == [.refreshLog])
    #expect(s.screen == .request(service: name, requests[1]))
    let q = try #require(s.screen.linesQuery)
    #expect(q.service == name && q.within == RequestCause.window(for: requests[1]))
    #expect(s.log == LogViewState(), "fresh lines for the request")
  }

  @Test func lOnARouteOpensTheServicesLinesWithItsPath() {
    var s = Screens.route(80, 24)
    guard case .route(let name, let route) = s.screen else { return }
    press(&s, .char("l"))
    let prefix = String(route.split(separator: " ").last!.prefix { $0 != ":" && $0 != "{" })
    #expect(
      s.screen == .log(LogQuery(title: "\(name) \(route)", service: name, mustContain: prefix)))
  }

  @Test func theRequestScreenNamesTheExceptionAndHowItWasFound() {
    let s = Screens.request(120, 40)
    let text = RootView.render(s, ctx: ViewContext(glyphs: .unicode)).text
    #expect(text.contains("The exception: matched by its path"), "\(text)")
    #expect(text.contains("TimeoutError: database pool exhausted"))
  }

  @Test func withoutLinesAroundItTheRequestScreenSaysNothingMatched() {
    var s = Screens.route(120, 40)
    press(&s, .enter)
    let text = RootView.render(s, ctx: ViewContext(glyphs: .unicode)).text
    #expect(text.contains("No matching exception: no app-log lines of"), "\(text)")
    press(&s, .enter)
    guard case .log(let q) = s.screen else {
      Issue.record("Enter on a request opens the lines around it")
      return
    }
    #expect(q.within != nil)
  }

  @Test func enterOnTheDeployPanelOpensTheDeployScreen() {
    var s = state
    press(&s, .backTab, .enter)
    #expect(s.screen == .deploy)
  }

  @Test func enterOnTheDeployScreenChoosesTheDeployToCompareAround() {
    var snap = state.snapshot
    var older = snap.deploys[0]
    older.time -= 3600
    older.version = "v0.9.0"
    snap.deploys.insert(older, at: 0)
    var s = DemoFixture.state(snapshot: snap)
    press(&s, .char("d"))
    press(&s, .char("G"))
    #expect(press(&s, .enter) == [.recompute])
    #expect(s.chosenDeployAt == older.time)
    #expect(s.message == "pinned v0.9.0: Enter on the top row goes back to the latest")
    // The top row is the latest deploy: choosing it goes back to "latest".
    press(&s, .char("g"))
    #expect(press(&s, .enter) == [.recompute])
    #expect(s.chosenDeployAt == nil)
  }

  @Test func enterOnErrorsOpensTheSignatureThenItsOccurrences() {
    var s = state
    press(&s, .char("e"))
    #expect(s.screen == .errors)
    let sig = s.snapshot.errors[0]
    press(&s, .enter)
    #expect(s.screen == .error(sig.key))
    #expect(press(&s, .enter) == [.refreshLog])
    #expect(s.screen == .log(LogQuery(title: sig.type, mustContain: sig.type)))
  }

  @Test func enterOnASourceOpensItsRawLines() {
    var s = state
    press(&s, .char("s"), .down)
    let path = s.snapshot.sources[1].path
    #expect(press(&s, .enter) == [.refreshLog])
    #expect(s.screen == .log(LogQuery(title: path, path: path)))
  }

  @Test func enterOnARunWhoseJobVanishedDoesNothing() {
    var s = state
    press(&s, .tab, .enter, .enter)
    var gone = s.snapshot
    gone.jobs = []
    _ = Update.apply(&s, .snapshot(gone))
    let before = s.stack
    #expect(press(&s, .enter).isEmpty)
    #expect(s.stack == before)
  }

  // MARK: back and quit

  @Test func escBackspaceQHAndLeftGoBackOneLevel() {
    for key in [Key.escape, .backspace, .char("q"), .char("h"), .left] {
      var s = state
      press(&s, .tab, .enter, .enter)
      #expect(s.stack.count == 3)
      #expect(press(&s, key).isEmpty)
      #expect(s.stack.count == 2, "\(key)")
      #expect(!s.quit)
    }
  }

  @Test func escAtTheRootStaysThere() {
    var s = state
    #expect(press(&s, .escape).isEmpty)
    #expect(s.screen == .main)
    #expect(!s.quit)
  }

  @Test func qQuitsAtTheRoot() {
    var s = state
    #expect(press(&s, .char("q")) == [.quit])
    #expect(s.quit)
  }

  @Test func capitalQAndCtrlCQuitFromAnywhere() {
    for key in [Key.char("Q"), .control("c")] {
      var s = state
      press(&s, .tab, .enter, .enter)
      #expect(press(&s, key) == [.quit])
      #expect(s.quit)
    }
  }

  // MARK: help

  @Test func questionMarkOpensHelpAndAnyKeyClosesItWithoutActing() {
    for key in [Key.char("q"), .enter, .escape, .char("x"), .tab] {
      var s = state
      press(&s, .char("?"))
      #expect(s.showHelp)
      #expect(press(&s, key).isEmpty)
      #expect(!s.showHelp)
      #expect(!s.quit)
      #expect(s.screen == .main)
      #expect(s.panelSelection == [0, 0, 0, 0, 0])
    }
  }

  @Test func aHelpTallerThanTheScreenScrollsAndSaysWhichRowsShow() {
    var s = DemoFixture.state(width: 60, height: 16)
    press(&s, .char("?"))
    let rows = HelpOverlay.rows(for: .main, width: 58).count
    #expect(rows > 9)
    let first = RootView.render(s, ctx: ViewContext(glyphs: .unicode)).text
    #expect(first.contains("↑↓ scroll (1-9 of \(rows))"), "\(first)")
    press(&s, .char("j"), .down)
    #expect(s.helpScroll == 2 && s.showHelp)
    press(&s, .pageDown, .pageDown, .pageDown)
    #expect(s.helpScroll == rows - 9)
    let end = RootView.render(s, ctx: ViewContext(glyphs: .unicode)).text
    #expect(end.contains("this help"), "the last row reached: \(end)")
    press(&s, .char("x"))
    #expect(!s.showHelp && s.helpScroll == 0)
  }

  @Test func aHelpThatFitsClosesOnAnyKeyArrowsIncluded() {
    var s = DemoFixture.state(width: 160, height: 50)
    press(&s, .char("?"), .char("j"))
    #expect(!s.showHelp)
  }

  @Test func longDescriptionsContinueOnTheNextRowInsteadOfBeingCut() {
    let rows = HelpOverlay.rows(for: .main, width: 40)
    let command = rows.drop { $0.0 != ":" }
    #expect(command.count >= 2)
    #expect(command.dropFirst().first?.0 == "")
    #expect(rows.allSatisfy { CellWidth.of($0.1) <= 40 - 21 })
  }

  // MARK: window, theme, reset, follow

  @Test func wCyclesTheWindowAndAsksForARecompute() {
    var s = state
    var seen: [TimeWindow] = []
    for _ in 0..<4 {
      #expect(press(&s, .char("w")) == [.recompute])
      seen.append(s.window)
    }
    #expect(seen == [.fifteenMinutes, .oneHour, .oneMinute, .fiveMinutes])
    #expect(s.message == "window 5m")
  }

  @Test func tAsksForTheNextThemeAndRResetsCountersOnlyAfterY() {
    var s = state
    #expect(press(&s, .char("t")) == [.cycleTheme])
    #expect(press(&s, .char("r")).isEmpty)
    #expect(s.confirming == .resetCounters)
    #expect(press(&s, .char("y")) == [.resetCounters])
    #expect(s.message == "counters reset")
    #expect(s.confirming == nil)
  }

  @Test func anyOtherKeyAfterRKeepsTheCountersAndDoesNothingElse() {
    for key in [Key.char("n"), .escape, .char("q"), .enter] {
      var s = state
      press(&s, .char("r"))
      #expect(press(&s, key).isEmpty)
      #expect(s.confirming == nil)
      #expect(s.message == "nothing reset")
      #expect(s.screen == .main && !s.quit)
    }
  }

  @Test func ctrlLAsksForARecompute() {
    var s = state
    #expect(press(&s, .control("l")) == [.recompute])
  }

  @Test func anyKeyClearsTheTransientMessage() {
    var s = state
    press(&s, .char("w"))
    #expect(s.message != nil)
    press(&s, .down)
    #expect(s.message == nil)
  }

  @Test func fPausesAndResumesAndSnapshotsAreIgnoredWhilePaused() {
    var s = state
    var newer = s.snapshot
    newer.now += 5
    #expect(press(&s, .char("f")).isEmpty)
    #expect(!s.following)
    #expect(s.message == "paused")
    _ = Update.apply(&s, .snapshot(newer))
    #expect(s.snapshot.now == DemoFixture.now)
    #expect(press(&s, .char("f")) == [.recompute, .refreshLog])
    #expect(s.following)
    #expect(s.message == "following")
    _ = Update.apply(&s, .snapshot(newer))
    #expect(s.snapshot.now == DemoFixture.now + 5)
  }

  @Test
  func aWindowChangeWhilePausedShowsNumbersForThatWindow() {
    var s = state
    press(&s, .char("f"), .char("w"))
    var recomputed = s.snapshot
    recomputed.window = s.window
    _ = Update.apply(&s, .snapshot(recomputed))
    #expect(s.snapshot.window == s.window)
  }

  // MARK: screens opened by letter

  @Test func dOpensTheDeployScreenOnceAndSTheSources() {
    var s = state
    press(&s, .char("d"))
    #expect(s.screen == .deploy)
    press(&s, .char("d"))
    #expect(s.stack.count == 2)
    press(&s, .char("s"))
    #expect(s.screen == .sources)
    #expect(s.breadcrumb == ["main", "deploy", "sources"])
  }

  @Test func eOpensErrorsOnlyFromTheMainScreen() {
    var s = state
    press(&s, .char("e"))
    #expect(s.screen == .errors)
    press(&s, .escape, .enter, .char("e"))
    #expect(s.screen == .service(ScreenRows.services(s)[0].name))
  }

  @Test func oCyclesTheRouteSortOnTheServiceScreenOnly() {
    var s = state
    press(&s, .char("o"))
    #expect(s.frame.sortColumn == 0)
    press(&s, .enter)
    let names = ["error rate", "p95", "route", "requests"]
    for (i, name) in names.enumerated() {
      press(&s, .char("o"))
      #expect(s.frame.sortColumn == (i + 1) % 4)
      #expect(s.message == "sorted by \(name)")
    }
  }

  @Test func routeSortOrdersFollowTheColumn() throws {
    let service = try #require(state.snapshot.services.first { $0.routes.count > 2 })
    let byRequests = ScreenRows.routes(service, sortColumn: 0).map(\.stats.requests)
    #expect(byRequests == byRequests.sorted(by: >))
    let byP95 = ScreenRows.routes(service, sortColumn: 2).map { $0.stats.p95Ms ?? 0 }
    #expect(byP95 == byP95.sorted(by: >))
    let byName = ScreenRows.routes(service, sortColumn: 3).map(\.route)
    #expect(byName == byName.sorted())
  }

  // MARK: l opens the right log

  @Test func lOnTheServicesPanelOpensThatServicesLines() {
    var s = state
    press(&s, .down)
    let name = ScreenRows.services(s)[1].name
    #expect(press(&s, .char("l")) == [.refreshLog])
    #expect(s.screen == .log(LogQuery(title: name, service: name)))
  }

  @Test func lOnTheJobsPanelOpensThatJobsLines() {
    var s = state
    press(&s, .tab, .down, .down)
    let name = s.snapshot.jobs[2].name
    press(&s, .char("l"))
    #expect(s.screen == .log(LogQuery(title: name, roles: ["jobs"], mustContain: name)))
  }

  @Test func lOnTheDeployPanelOpensEverything() {
    var s = state
    press(&s, .backTab, .char("l"))
    #expect(s.screen == .log(LogQuery(title: "all")))
  }

  @Test func lOnAServiceOrJobScreenOpensItsLines() {
    var s = state
    let service = ScreenRows.services(s)[0].name
    press(&s, .enter, .char("l"))
    #expect(s.screen == .log(LogQuery(title: service, service: service)))
    var j = state
    let job = j.snapshot.jobs[0].name
    press(&j, .tab, .enter, .char("l"))
    #expect(j.screen == .log(LogQuery(title: job, roles: ["jobs"], mustContain: job)))
  }

  @Test func openingALogStartsFromAFreshLogState() {
    var s = state
    s.log.filter = "old"
    s.log.cursor = 3
    press(&s, .char("l"))
    #expect(s.log == LogViewState())
  }

  // MARK: other messages

  @Test func resizeAndLoadingUpdateTheState() {
    var s = state
    #expect(Update.apply(&s, .resized(width: 132, height: 43)).isEmpty)
    #expect(s.width == 132 && s.height == 43)
    _ = Update.apply(&s, .loading("reading 3 files"))
    #expect(s.loading == "reading 3 files")
    _ = Update.apply(&s, .loading(nil))
    #expect(s.loading == nil)
  }
}
