import SitrepCore
import Testing

@testable import SitrepUI

/// Job names are what the engineer reads first: whole whenever the summary keeps its columns.
@Suite struct JobsPanelLayoutTests {
  @Test(arguments: [(100, 30), (120, 40), (80, 24)])
  func theLongestDemoJobNameIsWhole(_ width: Int, _ height: Int) {
    let text = RootView.render(
      DemoFixture.state(width: width, height: height), ctx: ViewContext(glyphs: .unicode)
    ).text
    #expect(text.contains("tasks.cleanup_sessions "), "\(text)")
  }

  @Test func aNameLongerThanThePanelAllowsIsCutSoTheSummaryKeepsItsColumns() {
    var snapshot = DemoFixture.snapshot
    snapshot.jobs[0].name = "tasks." + String(repeating: "very_long_name_", count: 6)
    let canvas = RootView.render(
      DemoFixture.state(width: 100, height: 30, snapshot: snapshot),
      ctx: ViewContext(glyphs: .unicode))
    let row = canvas.lines.first { $0.contains("tasks.very_long") } ?? ""
    #expect(row.contains("…"))
    let summary = JobsPanel.summary(snapshot.jobs[0], now: snapshot.now)
    #expect(row.contains(String(summary.prefix(JobsPanel.summaryMinimum - 2))), "\(row)")
  }
}
