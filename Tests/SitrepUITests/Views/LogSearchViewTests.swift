import SitrepCore
import Testing

@testable import SitrepUI

/// What a search draws: the matched cells in the match role, the current line as the selection,
/// the status line's count; and `LinePattern`, which decides what matches.
@Suite struct LogSearchViewTests {
  static func searched(_ pattern: String, in lines: [String], offset: Int = 0) -> Canvas {
    var s = DemoFixture.state()
    press(&s, .char("l"))
    _ = Update.apply(&s, .logLines(lines.map { logLine($0) }))
    press(&s, .char("/"))
    type(&s, pattern)
    press(&s, .enter)
    // No cursor: every match is drawn as a match, none as the selection.
    s.log.cursor = nil
    s.log.horizontalOffset = offset
    return RootView.render(s, ctx: ViewContext(glyphs: .unicode))
  }

  /// The columns of row `y` drawn in the match role.
  static func matchedColumns(_ canvas: Canvas, row y: Int) -> [Int] {
    (0..<canvas.width).filter { canvas[$0, y].role == .match }
  }

  @Test func everyMatchInALineIsHighlighted() {
    let canvas = Self.searched("err", in: ["ok", "an error, then ERR again"])
    // Line 2 of the log is row 3 (header, status line, first line).
    #expect(Self.matchedColumns(canvas, row: 3) == [3, 4, 5, 15, 16, 17])
    #expect(Self.matchedColumns(canvas, row: 2).isEmpty)
  }

  @Test func aRegexMatchIsHighlightedWhole() {
    let canvas = Self.searched("[0-9]+ms", in: ["GET /x took 1234ms"])
    #expect(Self.matchedColumns(canvas, row: 2) == Array(12..<18))
  }

  @Test func wideCharactersMoveTheHighlightByTheirWidth() {
    let canvas = Self.searched("x", in: ["日本 x"])
    #expect(Self.matchedColumns(canvas, row: 2) == [5])
  }

  @Test func aLineScrolledSidewaysHighlightsFromWhatShows() {
    // From scalar 8 the line reads "ERR xx"; the clip marker takes column 0.
    let canvas = Self.searched("err", in: ["........ERR xx"], offset: 8)
    #expect(Self.matchedColumns(canvas, row: 2) == [1, 2, 3])
  }

  @Test func theStatusLineCountsMatchesAndSaysWhichIsCurrent() {
    var s = DemoFixture.state()
    press(&s, .char("l"))
    _ = Update.apply(&s, .logLines((0..<5).map { logLine("line \($0)") }))
    press(&s, .char("g"), .char("/"))
    type(&s, "line [13]")
    press(&s, .enter, .char("n"))
    let status = RootView.render(s, ctx: ViewContext(glyphs: .unicode)).lines[1]
    #expect(status.hasPrefix(" 5 lines · /\"line [13]\" 2 of 2 matches"))
  }

  @Test(arguments: [
    ("timeout", "Read TIMEOUT after 2s", true),
    ("Timeout", "read timeout", false),
    ("Timeout", "httpx.Timeout", true),
    ("5\\d\\d", "status=503", true),
    ("5\\d\\d", "status=200", false),
    ("^GET", "GET /x", true),
    ("^GET", "a GET", false),
    ("a(b", "xa(by", true),
  ])
  func patternMatching(_ pattern: String, _ line: String, _ expected: Bool) {
    #expect(LinePattern(pattern).matches(line) == expected)
  }

  @Test func onlyTextWithRegexSyntaxThatFailsToCompileIsNotARegex() {
    #expect(LinePattern("a(b").notARegex)
    #expect(!LinePattern("a(b)").notARegex)
    #expect(!LinePattern("plain words").notARegex)
  }
}

/// The log view says when it shows only part of what a file holds.
@Suite struct LogKeptLinesTests {
  @Test func aFileAtTheArchivesCapacityIsSaidToBeCut() {
    var s = DemoFixture.state(width: 200, height: 24)
    press(&s, .char("l"))
    let full = (0..<LineArchive.defaultCapacity).map { logLine("line \($0)") }
    _ = Update.apply(&s, .logLines(full))
    let status = RootView.render(s, ctx: ViewContext(glyphs: .unicode)).lines[1]
    #expect(status.contains("only the newest 2000 lines of app.log are kept"), "\(status)")
    _ = Update.apply(&s, .logLines(Array(full.prefix(10))))
    let whole = RootView.render(s, ctx: ViewContext(glyphs: .unicode)).lines[1]
    #expect(!whole.contains("kept"))
  }
}
