import SitrepCore
import Testing

@testable import SitrepUI

/// `y` copies (issue 15): a whole traceback with every frame, the current record of the log
/// view, the selected row's name; only when pressed.
@Suite struct ClipboardTests {
  @Test func ySignatureCopiesTheWholeTracebackUnfolded() throws {
    var s = TracebackViewTests.errorScreen()
    let effects = press(&s, .char("y"))
    guard case .copy(let text) = try #require(effects.first) else {
      Issue.record("expected a copy, got \(effects)")
      return
    }
    // Every line of the traceback, the library frames too, without the screen's margin.
    for line in TracebackViewTests.traceback where !line.isEmpty {
      #expect(text.contains(line), "missing: \(line)")
    }
    #expect(!text.contains("library frames:"))
    #expect(text.contains("\nTraceback (most recent call last):\n"))
    #expect(s.message?.hasPrefix("copied ") == true)
    #expect(s.message?.hasSuffix("lines to the clipboard (OSC 52)") == true)
  }

  @Test func yInTheLogViewCopiesTheCurrentRecord() throws {
    var s = Screens.log(80, 24)
    let effects = press(&s, .char("y"))
    guard case .copy(let text) = try #require(effects.first) else {
      Issue.record("expected a copy, got \(effects)")
      return
    }
    let line = try #require(s.log.cursor)
    let record = LogViewState.record(at: line, in: s.log.lines).map(\.text)
    #expect(text == record.joined(separator: "\n"))
  }

  @Test func yOnAListCopiesTheSelectedName() throws {
    var s = DemoFixture.state(width: 80, height: 24)
    let first = try #require(ScreenRows.services(s).first)
    #expect(press(&s, .char("y")) == [.copy(first.name)])
    #expect(s.message == "copied 1 line to the clipboard (OSC 52)")
  }

  @Test func nothingSelectedCopiesNothing() {
    var s = DemoFixture.state(width: 80, height: 24, snapshot: .empty())
    #expect(press(&s, .char("y")) == [])
    #expect(s.message == "nothing selected to copy here")
  }

  @Test func aHugeTextIsCutAtACharacterBoundary() {
    let text = String(repeating: "é", count: ClipboardText.maxBytes)
    let (kept, cut) = ClipboardText.bounded(text)
    #expect(cut)
    #expect(kept.utf8.count <= ClipboardText.maxBytes)
    #expect(kept.utf8.count > ClipboardText.maxBytes - 2)
    #expect(ClipboardText.bounded("short") == ("short", false))
  }
}
