import Foundation
import SitrepCore
import Testing

@testable import SitrepUI

/// Enter on a log line: its record laid out. A JSON record is one line with its traceback as
/// `\n` escapes far to the right; here it reads as Python printed it.
@Suite struct RecordScreenTests {
  /// The first exception FastAPI's JSON app log recorded in the real-stack recording.
  static let jsonRecord: String = {
    let url = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("SitrepCoreTests/Fixtures/real-stack/app.log")
    let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    return text.split(separator: "\n").first { $0.contains("exc_info") }.map(String.init) ?? ""
  }()

  static func logState(_ lines: [ArchivedLine]) -> AppState {
    var s = DemoFixture.state(width: 100, height: 30)
    press(&s, .char("l"))
    _ = Update.apply(&s, .logLines(lines))
    return s
  }

  @Test func enterOnAJSONRecordShowsItsFieldsAndItsTracebackExpanded() throws {
    var s = Self.logState([
      logLine("before"), logLine(Self.jsonRecord, isError: true), logLine("after"),
    ])
    press(&s, .char("g"), .char("e"), .enter)
    #expect(s.screen == .record([logLine(Self.jsonRecord, isError: true)]))
    let text = RootView.render(s, ctx: ViewContext(glyphs: .unicode)).text
    #expect(text.contains(" levelname: ERROR"))
    #expect(text.contains(" message: unhandled exception"))
    #expect(text.contains(" exc_info: (below)"))
    #expect(text.contains(" Traceback (most recent call last):"))
    #expect(text.contains(" LookupError: cart "), "\(text)")
    #expect(text.contains("library frames: starlette"), "framework frames folded: \(text)")
  }

  @Test func aTracebackLineOpensTheWholeRecordItBelongsTo() {
    let record = [
      logLine("ERROR app: boom", isError: true),
      ArchivedLine(
        time: 0, path: "/var/log/app.log", role: nil, service: nil,
        text: "Traceback (most recent call last):", isError: true, continuesRecord: true),
      ArchivedLine(
        time: 0, path: "/var/log/app.log", role: nil, service: nil, text: "KeyError: 'sku'",
        isError: true, continuesRecord: true),
    ]
    let lines = [logLine("INFO app: fine")] + record + [logLine("INFO app: later")]
    #expect(LogViewState.record(at: 3, in: lines) == record)
    #expect(LogViewState.record(at: 1, in: lines) == record)
    #expect(LogViewState.record(at: 4, in: lines) == [lines[4]])
  }

  @Test func enterWithoutACurrentLineOpensTheNewestShown() {
    var s = Self.logState([logLine("older"), logLine("newest")])
    press(&s, .enter)
    #expect(s.screen == .record([logLine("newest")]))
    press(&s, .escape)
    #expect(isLogView(s))
  }
}
