import SitrepCore
import Testing

@testable import SitrepUI

/// The row of a glob's retired files (issue 19) says what it is on the sources screen and in the
/// text report: files gone, counts kept, no trouble.
@Suite struct VanishedSourceViewTests {
  static func snapshot() -> Snapshot {
    var snap = DemoFixture.snapshot
    var row = SourceHealth(path: "/srv/jobs/run-*.log", state: .vanished, lines: 1234)
    row.vanishedFiles = 412
    row.namedBy = ["/srv/jobs/run-*.log"]
    snap.sources.append(row)
    return snap
  }

  @Test func theSourcesScreenShowsTheRowAndExplainsIt() {
    var state = DemoFixture.state(width: 140, height: 50, snapshot: Self.snapshot())
    state.stack.append(ScreenFrame(.sources))
    state.frame.selected = Self.snapshot().sources.count - 1
    let text = RootView.render(state, ctx: ViewContext(glyphs: .unicode)).text
    let row = text.split(separator: "\n").first { $0.contains("/srv/jobs/run-*.log") }
    #expect(row?.contains("vanished") == true)
    #expect(row?.contains("1234") == true)
    #expect(text.contains("412 files this glob matched are gone"))
    #expect(!text.contains("format not recognised"))
  }

  @Test func theTextReportCountsTheFilesGone() {
    let text = TextReport.render(Self.snapshot(), width: 140, glyphs: .unicode)
    let line = text.split(separator: "\n").first { $0.contains("/srv/jobs/run-*.log") }
    #expect(line?.contains("vanished  1234 lines from 412 files gone") == true)
  }
}
