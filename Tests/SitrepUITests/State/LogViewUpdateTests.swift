import SitrepCore
import Testing

// Builds states by hand (a screen pushed, a cursor placed): the setters are internal, since only
// `Update` changes the state.
@testable import SitrepUI

/// The log view's keys: filter editing, match and error stepping, scrolling, following.
@Suite struct LogViewUpdateTests {
  /// Forty lines; every fifth (0, 5, 10, ...) is an error, every line names its number.
  static let lines: [ArchivedLine] = (0..<40).map { i in
    logLine(
      i % 5 == 0 ? "line \(i) ERROR boom" : "line \(i) GET /api/orders 200",
      time: Double(i), isError: i % 5 == 0)
  }

  /// A log view of `lines` on a 24-row terminal (20 rows of lines: height - 4 as `update` counts).
  static func logState() -> AppState {
    var s = DemoFixture.state()
    _ = Update.apply(&s, .key(.char("l")))
    _ = Update.apply(&s, .logLines(lines))
    return s
  }

  // MARK: prompts

  @Test func everyPromptStartsEmpty() {
    var s = Self.logState()
    s.log.filter = "GET"
    s.log.search = "boom"
    for (key, kind) in [("/", Prompt.Kind.searchForward), ("?", .searchBackward), ("&", .filter)] {
      press(&s, .char(Character(key)))
      #expect(s.prompt == Prompt(kind))
      press(&s, .escape)
    }
  }

  @Test func ampersandTypingBackspaceAndEnterApplyTheFilter() {
    var s = Self.logState()
    s.log.cursor = 3
    s.log.bottom = 10
    press(&s, .char("&"))
    type(&s, "ERRORx")
    #expect(s.prompt?.text == "ERRORx")
    press(&s, .backspace)
    #expect(s.prompt?.text == "ERROR")
    #expect(s.log.filter == "", "nothing applies before Enter")
    press(&s, .enter)
    #expect(s.prompt == nil)
    #expect(s.log.filter == "ERROR")
    #expect(s.log.cursor == nil)
    #expect(s.log.bottom == nil)
    #expect(s.log.visibleIndices == [0, 5, 10, 15, 20, 25, 30, 35])
  }

  @Test func lowerCaseIgnoresCaseAndACapitalDoesNot() {
    var s = Self.logState()
    press(&s, .char("&"))
    type(&s, "error")
    press(&s, .enter)
    #expect(s.log.visibleIndices.count == 8)
    press(&s, .char("&"))
    type(&s, "Error")
    press(&s, .enter)
    #expect(s.log.visibleIndices.isEmpty)
  }

  @Test func aFilterWithRegexSyntaxIsARegex() {
    var s = Self.logState()
    press(&s, .char("&"))
    type(&s, "line [12]5 ")
    press(&s, .enter)
    #expect(s.log.visibleIndices == [15, 25])
    #expect(s.message == nil)
  }

  @Test func aBrokenRegexIsLookedForAsTypedAndTheViewSaysSo() {
    var s = Self.logState()
    _ = Update.apply(&s, .logLines([logLine("a (b"), logLine("c")]))
    press(&s, .char("&"))
    type(&s, "(b")
    press(&s, .enter)
    #expect(s.log.visibleIndices == [0])
    #expect(s.message == "not a valid regex: showing lines with the text as typed")
  }

  @Test func enterOnAnEmptyFilterClearsIt() {
    var s = Self.logState()
    s.log.filter = "GET"
    press(&s, .char("&"), .enter)
    #expect(s.log.filter == "")
    #expect(s.message == "filter cleared")
  }

  @Test func escCancelsEditingAndKeepsTheOldFilter() {
    var s = Self.logState()
    s.log.filter = "GET"
    press(&s, .char("&"))
    type(&s, "xyz")
    press(&s, .escape)
    #expect(s.prompt == nil)
    #expect(s.log.filter == "GET")
    #expect(s.screen != .main, "Esc while editing only cancels the edit")
  }

  @Test func escClearsTheFilterThenTheSearchThenLeaves() {
    var s = Self.logState()
    s.log.filter = "GET"
    s.log.search = "line 1"
    press(&s, .escape)
    #expect(s.log.filter == "" && s.log.search == "line 1")
    #expect(isLogView(s))
    press(&s, .escape)
    #expect(s.log.search == "")
    #expect(isLogView(s))
    press(&s, .escape)
    #expect(s.screen == .main)
  }

  @Test func keysWhileEditingAreTextNotCommands() {
    var s = Self.logState()
    press(&s, .char("/"))
    let effects = press(&s, .char("q"), .char("Q"), .char("?"), .char("w"), .char("H"))
    #expect(effects.isEmpty)
    #expect(s.prompt?.text == "qQ?wH")
    #expect(!s.quit && !s.showHelp)
    #expect(s.window == .fiveMinutes)
  }

  @Test func backspaceOnAnEmptyInputIsHarmless() {
    var s = Self.logState()
    press(&s, .char("/"), .backspace, .backspace)
    #expect(s.prompt?.text == "")
  }

  @Test func ctrlUClearsAndCtrlWDeletesAWord() {
    var s = Self.logState()
    press(&s, .char("/"))
    type(&s, "GET /api/orders  ")
    press(&s, .control("w"))
    #expect(s.prompt?.text == "GET ")
    press(&s, .control("w"))
    #expect(s.prompt?.text == "")
    type(&s, "abc")
    press(&s, .control("u"))
    #expect(s.prompt?.text == "")
  }

  @Test func upAndDownWalkTheHistoryAndKeepWhatWasBeingTyped() {
    var s = Self.logState()
    for text in ["boom", "GET", "line 3"] {
      press(&s, .char("/"))
      type(&s, text)
      press(&s, .enter)
    }
    press(&s, .char("&"))
    type(&s, "draft")
    press(&s, .up)
    #expect(s.prompt?.text == "line 3")
    press(&s, .up, .up, .up)
    #expect(s.prompt?.text == "boom", "stops at the oldest")
    press(&s, .down)
    #expect(s.prompt?.text == "GET")
    press(&s, .down, .down)
    #expect(s.prompt?.text == "draft")
  }

  // MARK: search

  @Test func searchKeepsEveryLineAndJumpsToTheFirstMatchFromTheTopOfTheScreen() {
    var s = Self.logState()
    press(&s, .char("g"))  // lines 0-19 on screen
    press(&s, .char("/"))
    type(&s, "line 1[0-9] ")
    press(&s, .enter)
    #expect(s.log.visibleIndices.count == 40, "a search hides nothing")
    #expect(s.log.cursor == 10)
    press(&s, .char("n"))
    #expect(s.log.cursor == 11)
    press(&s, .char("N"), .char("N"))
    #expect(s.log.cursor == 10)
    // These lines have no place in a file, so the search cannot go on into older ones.
    #expect(
      s.message
        == "no more above: older lines of app.log cannot be read back: it is not a plain file")
  }

  @Test func questionMarkSearchesBackwardAndNGoesOnBackward() {
    var s = Self.logState()
    press(&s, .char("?"))
    type(&s, "ERROR")
    press(&s, .enter)
    #expect(s.log.cursor == 35, "from the end of a following view, the last error")
    press(&s, .char("n"))
    #expect(s.log.cursor == 30)
    press(&s, .char("N"))
    #expect(s.log.cursor == 35)
  }

  @Test func enterOnAnEmptySearchRepeatsTheLastOne() {
    var s = Self.logState()
    press(&s, .char("g"), .char("/"))
    type(&s, "ERROR")
    press(&s, .enter)
    #expect(s.log.cursor == 0)
    press(&s, .char("/"), .enter)
    #expect(s.log.cursor == 5)
  }

  @Test func nWithoutASearchSaysHowToSearch() {
    var s = Self.logState()
    press(&s, .char("n"))
    #expect(s.log.cursor == nil)
    #expect(s.message == "nothing to find: / or ? searches, & filters")
  }

  @Test func nAndCapitalNStepThroughFilteredLinesWithoutASearch() {
    var s = Self.logState()
    press(&s, .char("&"))
    type(&s, "ERROR")
    press(&s, .enter)
    press(&s, .char("n"))
    #expect(s.log.cursor == 0)
    press(&s, .char("n"))
    #expect(s.log.cursor == 5)
    press(&s, .char("N"), .char("N"))
    #expect(s.log.cursor == 0)
    #expect(s.message == "no more above")
  }

  @Test func searchWithinAFilterOnlyStopsOnShownLines() {
    var s = Self.logState()
    press(&s, .char("&"))
    type(&s, "GET")
    press(&s, .enter, .char("g"), .char("/"))
    type(&s, "line 1")
    press(&s, .enter)
    #expect(s.log.cursor == 1)
    press(&s, .char("n"))
    #expect(s.log.cursor == 11, "line 10 is an error, filtered out")
  }

  @Test func capitalHOpensTheHelpInTheLogView() {
    var s = Self.logState()
    press(&s, .char("H"))
    #expect(s.showHelp)
  }

  @Test func eAndCapitalEStepThroughErrorLines() {
    var s = Self.logState()
    press(&s, .char("E"))
    #expect(s.log.cursor == 35, "backward from the end finds the last error")
    press(&s, .char("E"))
    #expect(s.log.cursor == 30)
    press(&s, .char("e"))
    #expect(s.log.cursor == 35)
    press(&s, .char("e"))
    #expect(s.log.cursor == 35)
    #expect(s.message == "no more below")
  }

  @Test func steppingToALineAboveTheViewScrollsItIntoView() {
    var s = Self.logState()
    press(&s, .char("g"), .char("e"))
    // From the top the first error is line 0, visible already: no scroll needed.
    #expect(s.log.cursor == 0)
    press(&s, .char("G"))
    #expect(s.log.bottom == nil)
    // Going back up to line 5 from the end must scroll so line 5 is in the 20 rows shown.
    s.log.cursor = 10
    press(&s, .char("E"))
    #expect(s.log.cursor == 5)
    let bottom = s.log.bottom ?? 39
    #expect(bottom >= 5 && bottom - 20 < 5)
  }

  @Test func eWithNoErrorsSaysSo() {
    var s = Self.logState()
    _ = Update.apply(&s, .logLines([logLine("fine"), logLine("also fine")]))
    press(&s, .char("e"))
    #expect(s.log.cursor == nil)
    #expect(s.message == "no more below")
  }

  @Test func upDownPageGAndCapitalGScroll() {
    var s = Self.logState()
    #expect(s.log.bottom == nil)
    press(&s, .char("k"))
    #expect(s.log.bottom == 38)
    press(&s, .up)
    #expect(s.log.bottom == 37)
    press(&s, .char("j"))
    #expect(s.log.bottom == 38)
    press(&s, .down)
    #expect(s.log.bottom == nil, "back at the end: following the end again")
    press(&s, .pageUp)
    #expect(s.log.bottom == 20)
    press(&s, .pageUp)
    #expect(s.log.bottom == 20, "cannot scroll past the first full page")
    press(&s, .pageDown)
    #expect(s.log.bottom == nil)
    press(&s, .char("g"))
    #expect(s.log.bottom == 20)
    press(&s, .home)
    #expect(s.log.bottom == 20)
    press(&s, .char("G"))
    #expect(s.log.bottom == nil)
    press(&s, .char("g"), .end)
    #expect(s.log.bottom == nil)
  }

  @Test func scrollingAShortLogStaysAtTheEnd() {
    var s = Self.logState()
    _ = Update.apply(&s, .logLines(Array(Self.lines.prefix(5))))
    press(&s, .up, .pageUp, .char("g"))
    #expect(s.log.bottom == nil)
  }

  @Test func leftRightHAndLScrollSideways() {
    var s = Self.logState()
    press(&s, .right)
    #expect(s.log.horizontalOffset == 8)
    press(&s, .char("l"))
    #expect(s.log.horizontalOffset == 16)
    press(&s, .char("h"))
    #expect(s.log.horizontalOffset == 8)
    press(&s, .left, .left)
    #expect(s.log.horizontalOffset == 0)
    #expect(isLogView(s), "h and ← scroll in the log view instead of going back")
  }

  @Test func escGoesBackAndSDoesNotOpenSources() {
    var s = Self.logState()
    press(&s, .char("s"))
    #expect(isLogView(s))
    press(&s, .escape)
    #expect(s.screen == .main)
  }

  @Test func fPausesTheLogAndResumingJumpsToTheEnd() {
    var s = Self.logState()
    press(&s, .pageUp)
    #expect(press(&s, .char("f")).isEmpty)
    #expect(!s.following)
    #expect(s.log.bottom == 20, "pausing keeps the place")
    #expect(press(&s, .char("f")) == [.recompute, .refreshLog])
    #expect(s.log.bottom == nil)
  }

  @Test func fewerLinesDropACursorPastTheEnd() {
    var s = Self.logState()
    s.log.cursor = 30
    _ = Update.apply(&s, .logLines(Array(Self.lines.prefix(10))))
    #expect(s.log.cursor == nil)
    s.log.cursor = 4
    _ = Update.apply(&s, .logLines(Array(Self.lines.prefix(10))))
    #expect(s.log.cursor == 4)
  }
}

/// Whether the top of the stack is a log view.
func isLogView(_ state: AppState) -> Bool {
  if case .log = state.screen { return true }
  return false
}
