import SitrepCore
import Testing

@testable import SitrepUI

/// Past the oldest line it keeps, the log view reads older lines from the file (issue 15): the
/// keys ask the model thread for a page (`Effect.readBack`), the view says "reading…" until it
/// comes, the page lands above what shows, and the status line says which part of the file is held.
@Suite struct LogReadBackTests {
  static let path = "/var/log/app.log"

  /// Line `n` of the file, `n` from 0; line `n` starts at byte `n * 100`.
  static func fileLine(_ n: Int, isError: Bool = false, continues: Bool = false) -> ArchivedLine {
    ArchivedLine(
      time: 1_700_000_000, path: path, role: .app, service: "api",
      text: "2026-11-24 14:02:\(String(cFormat: "%02d", n % 60)),000 INFO line \(n)",
      isError: isError, continuesRecord: continues,
      stamped: 1_764_000_000 + Double(n),
      position: LinePosition(offset: n * 100, device: 1, inode: 2))
  }

  /// A log view holding lines `kept` of the file.
  static func view(_ kept: Range<Int>, height: Int = 24) -> AppState {
    var s = DemoFixture.state(width: 160, height: height)
    press(&s, .char("l"))
    _ = Update.apply(&s, .logLines(kept.map { fileLine($0) }))
    return s
  }

  static func page(
    _ request: BackReadRequest, _ lines: Range<Int>, reachedEnd: Bool = false,
    changed: Bool = false
  ) -> BackReadPage {
    BackReadPage(
      requestID: request.id, direction: request.direction,
      lines: changed ? [] : lines.map { fileLine($0) },
      outcomes: [
        .init(
          path: path, linesRead: changed ? 0 : lines.count, reachedEnd: reachedEnd,
          changed: changed)
      ])
  }

  static func request(_ effects: [Effect]) -> BackReadRequest? {
    for case .readBack(let r) in effects { return r }
    return nil
  }

  static func status(_ s: AppState) -> String {
    RootView.render(s, ctx: ViewContext(glyphs: .unicode)).lines[1]
  }

  @Test func gAsksForThePageBeforeTheOldestKeptLineAndSaysItIsReading() throws {
    var s = Self.view(5000..<7000)
    let asked = try #require(Self.request(press(&s, .char("g"))))
    #expect(asked.direction == .older)
    #expect(asked.pageLines == LogReadBack.pageLines)
    #expect(asked.anchors.map(\.position.offset) == [500_000])
    #expect(asked.anchors.map(\.path) == [Self.path])
    #expect(s.log.readBack.isReading)
    #expect(Self.status(s).contains("reading older lines…"))
    // A second key while it reads asks nothing more.
    #expect(Self.request(press(&s, .char("g"))) == nil)
    // The page lands above; `g` shows its first line at the top.
    _ = Update.apply(&s, .backRead(Self.page(asked, 3000..<5000)))
    #expect(!s.log.readBack.isReading)
    #expect(s.log.lines.count == 4000)
    #expect(s.log.lines.first?.text.hasSuffix("line 3000") == true)
    let canvas = RootView.render(s, ctx: ViewContext(glyphs: .unicode))
    #expect(canvas.lines[2].hasSuffix("line 3000") || canvas.lines[2].contains("line 3000 "))
    #expect(
      Self.status(s).contains(
        "holding app.log from 16:50:00 (2000 read back from the file, 2000 kept in memory)"))
    #expect(Self.status(s).contains("g reads older"))
  }

  @Test func kAtTheTopReadsOlderAndKeepsTheLinesShownInPlace() throws {
    var s = Self.view(5000..<5100)
    press(&s, .char("g"))
    // `g` asked already; answer it with nothing new so k is the one that asks next.
    let first = try #require(s.log.readBack.pending)
    _ = Update.apply(&s, .backRead(Self.page(first, 4900..<5000)))
    press(&s, .char("g"))
    let asked = try #require(s.log.readBack.pending)
    _ = Update.apply(&s, .backRead(Self.page(asked, 4800..<4900)))
    let shownBefore = RootView.render(s, ctx: ViewContext(glyphs: .unicode)).lines[2]
    #expect(shownBefore.contains("line 4800"))
    let more = try #require(Self.request(press(&s, .char("k"))))
    #expect(more.anchors.map(\.position.offset) == [480_000])
    _ = Update.apply(&s, .backRead(Self.page(more, 4700..<4800)))
    // The line that was at the top is still at the top; k now scrolls into the new lines.
    #expect(RootView.render(s, ctx: ViewContext(glyphs: .unicode)).lines[2] == shownBefore)
    press(&s, .char("k"))
    #expect(RootView.render(s, ctx: ViewContext(glyphs: .unicode)).lines[2].contains("line 4799"))
  }

  @Test func theFirstLineOfTheFileEndsTheReading() throws {
    var s = Self.view(100..<200)
    let asked = try #require(Self.request(press(&s, .char("g"))))
    _ = Update.apply(&s, .backRead(Self.page(asked, 0..<100, reachedEnd: true)))
    #expect(Self.status(s).contains("holding app.log from the first line (100 read back"))
    #expect(!Self.status(s).contains("g reads older"))
    #expect(Self.request(press(&s, .char("g"))) == nil)
    #expect(s.message == "the first line of app.log is shown")
  }

  @Test func aChangedFileIsSaidToHaveLostTheLinesBeforeWhatIsHeld() throws {
    var s = Self.view(100..<200)
    let asked = try #require(Self.request(press(&s, .char("g"))))
    _ = Update.apply(&s, .backRead(Self.page(asked, 0..<0, changed: true)))
    #expect(s.message == "app.log has changed since it was read; lines before 16:01:40 are gone")
    #expect(Self.status(s).contains("lines before 16:01:40 are gone"))
    #expect(Self.request(press(&s, .char("g"))) == nil)
  }

  @Test func aKeyPressedWhileGsPageIsOnItsWayKeepsTheViewWhereItWent() throws {
    var s = Self.view(5000..<5100)
    let asked = try #require(Self.request(press(&s, .char("g"))))
    press(&s, .char("j"), .char("j"))
    let shown = RootView.render(s, ctx: ViewContext(glyphs: .unicode)).lines[2]
    _ = Update.apply(&s, .backRead(Self.page(asked, 4900..<5000)))
    #expect(RootView.render(s, ctx: ViewContext(glyphs: .unicode)).lines[2] == shown)
  }

  @Test func anAnswerToAnEarlierRequestIsDropped() throws {
    var s = Self.view(100..<200)
    let asked = try #require(Self.request(press(&s, .char("g"))))
    press(&s, .char("G"))  // back to the end: what was asked no longer fits
    _ = Update.apply(&s, .backRead(Self.page(asked, 0..<100)))
    #expect(s.log.lines.count == 100)
    #expect(!s.log.readBack.isReading)
  }

  @Test func keptLinesStandStillWhileLinesReadBackAreHeldAndGReturnsToThem() throws {
    var s = Self.view(100..<200)
    let asked = try #require(Self.request(press(&s, .char("g"))))
    _ = Update.apply(&s, .logLines((150..<250).map { Self.fileLine($0) }))
    _ = Update.apply(&s, .backRead(Self.page(asked, 0..<100, reachedEnd: true)))
    #expect(s.log.lines.map(\.position?.offset) == (0..<200).map { $0 * 100 })
    // At the end of what is held it still does not follow: new lines wait for `G`.
    s.log.bottom = nil
    #expect(Self.status(s).contains(" · paused"))
    press(&s, .char("G"))
    #expect(s.log.readBack.lines.isEmpty)
    _ = Update.apply(&s, .logLines((150..<250).map { Self.fileLine($0) }))
    #expect(s.log.lines.first?.text.hasSuffix("line 150") == true)
  }

  @Test func theBoundDropsTheNewestLinesReadBackAndJReadsThemAgain() throws {
    var s = Self.view(20_000..<22_000)
    var top = 20_000
    for _ in 0..<4 {
      let asked = try #require(Self.request(press(&s, .char("g"))))
      _ = Update.apply(&s, .backRead(Self.page(asked, (top - 2000)..<top)))
      top -= 2000
    }
    #expect(s.log.readBack.lines.count == LogReadBack.maxHeld)
    #expect(s.log.readBack.gapBelow)
    // The kept lines are out of sight across the gap; the view holds lines 12000..<18000.
    #expect(s.log.lines.count == LogReadBack.maxHeld)
    #expect(s.log.lines.last?.text.hasSuffix("line 17999") == true)
    #expect(Self.status(s).contains("newer lines not held: j reads them"))
    press(&s, .char("G"))
    #expect(s.log.lines.count == 2000)
    // Again, then down to the bottom: j past it reads the lines up to the kept ones.
    top = 20_000
    for _ in 0..<4 {
      let asked = try #require(Self.request(press(&s, .char("g"))))
      _ = Update.apply(&s, .backRead(Self.page(asked, (top - 2000)..<top)))
      top -= 2000
    }
    s.log.bottom = s.log.lines.count - 1
    let newer = try #require(Self.request(press(&s, .char("j"))))
    #expect(newer.direction == .newer)
    #expect(newer.anchors.map(\.position.offset) == [1_799_900])
    #expect(newer.anchors.map(\.until) == [2_000_000])
    let page = BackReadPage(
      requestID: newer.id, direction: .newer, lines: (18_000..<20_000).map { Self.fileLine($0) },
      outcomes: [.init(path: Self.path, linesRead: 2000, reachedEnd: true)])
    _ = Update.apply(&s, .backRead(page))
    #expect(!s.log.readBack.gapBelow)
    #expect(s.log.readBack.lines.count == LogReadBack.maxHeld)
    #expect(s.log.lines.last?.text.hasSuffix("line 21999") == true)
    #expect(s.log.lines.first?.text.hasSuffix("line 14000") == true)
  }

  @Test func aSearchPastTheTopGoesOnIntoOlderLinesOfTheFile() throws {
    var s = Self.view(100..<200)
    press(&s, .char("?"))
    type(&s, "line 42$")
    // Nothing above in what is held: the search reads the page before it and carries on there.
    let asked = try #require(Self.request(press(&s, .enter)))
    #expect(s.message?.contains("searching older lines in the file") == true)
    _ = Update.apply(&s, .backRead(Self.page(asked, 0..<100, reachedEnd: true)))
    let cursor = try #require(s.log.cursor)
    #expect(s.log.lines[cursor].text.hasSuffix("line 42"))
  }

  @Test func aSearchThatReadsAPageWithoutAMatchSaysSoAndCanReadOn() throws {
    var s = Self.view(5000..<5100)
    press(&s, .char("?"))
    type(&s, "nowhere")
    let asked = try #require(Self.request(press(&s, .enter)))
    _ = Update.apply(&s, .backRead(Self.page(asked, 3000..<5000)))
    #expect(s.message == "no match in the 2000 lines read: n reads on")
    let next = try #require(Self.request(press(&s, .char("n"))))
    #expect(next.anchors.map(\.position.offset) == [300_000])
  }

  @Test func aSearchThatReadOnPastLinesShowsItsPageAloneWithAGapBelow() throws {
    var s = Self.view(5000..<5100)
    press(&s, .char("?"))
    type(&s, "line 42$")
    let asked = try #require(Self.request(press(&s, .enter)))
    #expect(asked.search == "line 42$")
    let page = BackReadPage(
      requestID: asked.id, direction: .older, lines: (0..<100).map { Self.fileLine($0) },
      outcomes: [.init(path: Self.path, linesRead: 100, reachedEnd: true)], passedOver: 4900)
    _ = Update.apply(&s, .backRead(page))
    #expect(s.log.lines.count == 100)
    #expect(s.log.readBack.gapBelow)
    let cursor = try #require(s.log.cursor)
    #expect(s.log.lines[cursor].text.hasSuffix("line 42"))
    #expect(Self.status(s).contains("newer lines not held: j reads them"))
    // Down past the page reads the lines passed over, up to the kept ones.
    s.log.bottom = s.log.lines.count - 1
    let newer = try #require(Self.request(press(&s, .char("j"))))
    #expect(newer.anchors.map(\.position.offset) == [9_900])
    #expect(newer.anchors.map(\.until) == [500_000])
  }

  @Test func linesWithoutAPlaceInAFileCannotBeReadBack() {
    var s = DemoFixture.state()
    press(&s, .char("l"))
    _ = Update.apply(&s, .logLines([logLine("from a command")]))
    #expect(Self.request(press(&s, .char("g"))) == nil)
    #expect(s.message == "older lines of app.log cannot be read back: it is not a plain file")
  }

  @Test func closingTheViewDropsTheLinesReadBack() throws {
    var s = Self.view(100..<200)
    let asked = try #require(Self.request(press(&s, .char("g"))))
    _ = Update.apply(&s, .backRead(Self.page(asked, 0..<100)))
    #expect(s.log.readBack.lines.count == 100)
    press(&s, .char("q"))
    #expect(s.log.readBack.lines.isEmpty)
  }

  @Test func goldenOfAViewHoldingLinesReadBack() throws {
    var s = Self.view(5000..<7000, height: 16)
    let asked = try #require(Self.request(press(&s, .char("g"))))
    _ = Update.apply(&s, .backRead(Self.page(asked, 3000..<5000)))
    Golden.check(RootView.render(s, ctx: ViewContext(glyphs: .unicode)), "log-readback-160x16")
  }
}

/// A view of several files: each file's held lines begin at their own time (a busy access log's
/// 2,000 kept lines cover a minute, a quiet app log's an hour). A page of older lines of the busy
/// file is newer than most of the quiet file's lines, so the view is laid out by the times the
/// lines state, not page above kept (the demo's service log showed the page above an hour of the
/// app log's lines).
@Suite struct LogReadBackOfSeveralFilesTests {
  static func line(_ path: String, _ second: Int, _ text: String, continues: Bool = false)
    -> ArchivedLine
  {
    ArchivedLine(
      time: 1_700_000_000, path: path, role: .app, service: "api", text: text, isError: false,
      continuesRecord: continues, stamped: 1_764_000_000 + Double(second),
      position: LinePosition(offset: second * 100 + (continues ? 50 : 0), device: 1, inode: 2))
  }

  @Test func aPageOfTheBusyFileFallsBetweenTheQuietFilesLines() throws {
    let (busy, quiet) = ("/var/log/access.log", "/var/log/app.log")
    // The quiet file from second 0 (a traceback at 50), the busy one only from second 90.
    let kept =
      [
        Self.line(quiet, 0, "app 0"), Self.line(quiet, 50, "app 50 Traceback"),
        Self.line(quiet, 50, "  File x", continues: true),
      ] + (90..<100).map { Self.line(busy, $0, "access \($0)") } + [Self.line(quiet, 95, "app 95")]
    var s = DemoFixture.state(width: 120, height: 40)
    press(&s, .char("l"))
    _ = Update.apply(&s, .logLines(kept.sorted { $0.stamped! < $1.stamped! }))
    let bottomBefore = s.log.lines[s.log.visibleIndices[s.log.bottom ?? s.log.lines.count - 1]]
    let asked = try #require(LogReadBackTests.request(press(&s, .char("k"))))
    // The quiet file's first line is held already (it starts at byte 0): only the busy one reads.
    #expect(asked.anchors.map(\.path) == [busy])
    // The busy file's seconds 40 to 89.
    let page = BackReadPage(
      requestID: asked.id, direction: .older,
      lines: (40..<90).map { Self.line(busy, $0, "access \($0)") },
      outcomes: [
        .init(path: busy, linesRead: 50, reachedEnd: false)
      ])
    _ = Update.apply(&s, .backRead(page))
    let stamps = s.log.lines.map { $0.stamped! }
    #expect(stamps == stamps.sorted(), "\(s.log.lines.map(\.text))")
    let texts = s.log.lines.map(\.text)
    // The traceback stays under its record, the page's lines after it.
    let record = try #require(texts.firstIndex(of: "app 50 Traceback"))
    #expect(texts[record + 1] == "  File x")
    #expect(texts.firstIndex(of: "access 40")! < texts.firstIndex(of: "app 50 Traceback")!)
    #expect(texts.firstIndex(of: "access 51")! > record)
    // The screen still ends on the line it ended on.
    let bottomAfter = s.log.lines[s.log.visibleIndices[s.log.bottom!]]
    #expect(bottomAfter == bottomBefore)
  }

  @Test func twoRunsMergeByTheTimeTheirLinesStateAndKeepRecordsWhole() {
    let a = [
      Self.line("a", 1, "a1"), Self.line("a", 5, "a5"), Self.line("a", 5, " tb", continues: true),
    ]
    let b = [Self.line("b", 0, "b0"), Self.line("b", 5, "b5"), Self.line("b", 6, "b6")]
    let merged = LogViewState.mergedByTime(a, b).map(\.text)
    #expect(merged == ["b0", "a1", "a5", " tb", "b5", "b6"])
  }
}
