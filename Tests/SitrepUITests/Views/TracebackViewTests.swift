import Foundation
import SitrepCore
import Testing

@testable import SitrepUI

/// The error screen on a traceback FastAPI really wrote (recorded from Hypercorn by
/// scripts/record-formats, 60 lines): it opens on the app's innermost frame and the exception,
/// folds the framework frames, scrolls, and `z` shows every frame.
@Suite struct TracebackViewTests {
  /// The chained traceback at the top of the recording, as the log holds it.
  static let traceback: [String] = {
    let url = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("SitrepCoreTests/Fixtures/formats/hypercorn/error.log")
    let lines =
      (try? String(contentsOf: url, encoding: .utf8))?
      .split(separator: "\n", omittingEmptySubsequences: false).map(String.init) ?? []
    let start = lines.firstIndex { $0.hasPrefix("Traceback") } ?? 0
    let end = lines.firstIndex { $0.hasPrefix("events.UpstreamError") } ?? 0
    return Array(lines[start...end])
  }()

  /// The demo's dashboard at 80x24 on the signature screen, its sample replaced by the recording.
  static func errorScreen(height: Int = 24) -> AppState {
    var snapshot = DemoFixture.snapshot
    snapshot.errors[0].sample.traceback = traceback
    var s = DemoFixture.state(height: height, snapshot: snapshot)
    s.stack.append(ScreenFrame(.error(snapshot.errors[0].key)))
    return s
  }

  static func body(_ s: AppState) -> DetailBody { DetailBody.of(s, glyphs: .unicode)! }

  @Test func theRecordingIsWhole() {
    #expect(Self.traceback.count == 60)
  }

  @Test func frameworkFramesFoldToALineNamingTheirPackages() {
    let lines = TracebackLines.make(Self.traceback, unfolded: false, glyphs: .unicode).lines
    #expect(lines.count < 25)
    #expect(
      lines.contains {
        $0.0 == "   … 22 library frames: hypercorn, fastapi, starlette (z shows them)"
          && $0.1 == .muted
      })
    let appFrames = lines.filter { $0.1 == .accent }.map(\.0)
    #expect(appFrames.count == 3)
    #expect(appFrames.allSatisfy { $0.contains("record-formats.d/") })
    #expect(lines.last?.1 == .crit)
  }

  /// The recording is two exceptions joined by "The above exception was the direct cause…": the
  /// first line says what led to what before the frames.
  @Test func aChainIsSummedUpFirst() throws {
    let lines = TracebackLines.make(Self.traceback, unfolded: false, glyphs: .unicode).lines
    let first = try #require(lines.first)
    #expect(first.1 == .warn)
    #expect(first.0.hasPrefix(" chain: "))
    #expect(
      first.0.contains(" → caused → events.UpstreamError (the last is what reached the caller)"))
    let ascii = TracebackLines.make(Self.traceback, unfolded: false, glyphs: .ascii).lines
    #expect(ascii.first?.0.contains(" -> caused -> events.UpstreamError") == true)
  }

  @Test func aSingleExceptionHasNoChainLine() {
    let single = [
      "Traceback (most recent call last):", "  File \"/srv/app/tasks.py\", line 88, in sync_sku",
      "    sku = row[\"sku\"]", "KeyError: 'sku'",
    ]
    let lines = TracebackLines.make(single, unfolded: false, glyphs: .unicode).lines
    #expect(!lines.contains { $0.0.contains("chain:") })
  }

  @Test func duringHandlingReadsAsRaisedWhileHandling() {
    let tb = [
      "Traceback (most recent call last):", "  File \"/srv/app/db.py\", line 3, in get",
      "    conn.fetch()", "TimeoutError: pool exhausted", "",
      "During handling of the above exception, another exception occurred:", "",
      "Traceback (most recent call last):", "  File \"/srv/app/api.py\", line 9, in orders",
      "    raise RuntimeError(\"boom\")", "RuntimeError: boom",
    ]
    let lines = TracebackLines.make(tb, unfolded: false, glyphs: .unicode).lines
    #expect(
      lines.first?.0
        == " chain: TimeoutError → while handling it, raised → RuntimeError (the last is what reached the caller)"
    )
  }

  @Test func at80ColumnsAFrameKeepsItsFunctionAndTheMessageWraps() {
    let lines = TracebackLines.make(Self.traceback, unfolded: false, glyphs: .unicode, width: 80)
      .lines
    let inner = lines.first { $0.0.contains("events.py\", line 41") }
    #expect(
      inner?.0
        == "   File \"…record/scripts/record-formats.d/events.py\", line 41, in fail_inventory")
    let message = lines.drop { !$0.0.hasPrefix(" events.UpstreamError") }
    #expect(message.allSatisfy { $0.1 == .crit && CellWidth.of($0.0) <= 80 })
    #expect(message.count == 2)
    #expect(message.last?.0.hasSuffix("/sku/42 failed") == true)
  }

  @Test func unfoldedEveryLineIsThere() {
    let lines = TracebackLines.make(Self.traceback, unfolded: true, glyphs: .unicode).lines
    // Every line, under the chain's summary.
    #expect(lines.first?.0.hasPrefix(" chain: ") == true)
    #expect(Array(lines.map(\.0).dropFirst()) == Self.traceback.map { " " + $0 })
  }

  @Test func theViewOpensOnTheAppFrameAndTheExceptionUnder() {
    let s = Self.errorScreen(height: 16)
    let detail = Self.body(s)
    let rows = detail.bodyRows(height: s.height)
    let top = detail.top(scroll: nil, height: s.height)
    let shown = detail.body[top..<Swift.min(detail.body.count, top + rows)].map(\.0)
    #expect(shown.contains { $0.contains("events.py\", line 41, in fail_inventory") })
    #expect(shown.contains { $0.hasPrefix(" events.UpstreamError") })
    #expect(shown.last == detail.body.last?.0)
  }

  @Test func jkPageKeysAndGScrollTheTraceback() {
    var s = Self.errorScreen(height: 16)
    press(&s, .char("z"))  // every frame: longer than the screen
    let detail = Self.body(s)
    let count = detail.body.count
    #expect(count == 63)  // the chain's summary on two rows, every line, the message on two
    let opened = detail.top(scroll: nil, height: s.height)
    press(&s, .char("k"))
    #expect(s.frame.scroll == opened - 1)
    press(&s, .char("g"))
    #expect(s.frame.scroll == 0)
    press(&s, .char("j"), .pageDown)
    #expect(s.frame.scroll == 1 + detail.bodyRows(height: 16))
    press(&s, .char("G"))
    #expect(s.frame.scroll == count - detail.bodyRows(height: 16))
    press(&s, .down)
    #expect(s.frame.scroll == count - detail.bodyRows(height: 16))
  }

  @Test func zTogglesTheLibraryFramesAndReopensOnTheAppFrame() {
    var s = Self.errorScreen()
    press(&s, .char("g"))
    press(&s, .char("z"))
    #expect(s.frame.unfolded)
    #expect(s.frame.scroll == nil)
    #expect(s.message == "library frames shown")
    press(&s, .char("z"))
    #expect(!s.frame.unfolded)
  }

  @Test func theSameKeysScrollARunsTraceback() throws {
    var snapshot = DemoFixture.snapshot
    let j = try #require(
      snapshot.jobs.firstIndex { $0.recentRuns.contains { $0.exception != nil } })
    let r = try #require(snapshot.jobs[j].recentRuns.lastIndex { $0.exception != nil })
    snapshot.jobs[j].recentRuns[r].exception?.traceback = Self.traceback
    var s = DemoFixture.state(height: 16, snapshot: snapshot)
    s.stack.append(
      ScreenFrame(.run(job: snapshot.jobs[j].name, run: RunRef(snapshot.jobs[j].recentRuns[r]))))
    press(&s, .char("z"), .char("g"))
    #expect(s.frame.scroll == 0)
    press(&s, .char("j"))
    #expect(s.frame.scroll == 1)
  }

  @Test func goldenAt80x24() {
    let s = Self.errorScreen()
    Golden.check(RootView.render(s, ctx: ViewContext(glyphs: .unicode)), "signature-fastapi-80x24")
  }

  @Test func goldenUnfoldedAt80x24() {
    var s = Self.errorScreen()
    press(&s, .char("z"))
    Golden.check(
      RootView.render(s, ctx: ViewContext(glyphs: .unicode)), "signature-fastapi-unfolded-80x24")
  }
}
