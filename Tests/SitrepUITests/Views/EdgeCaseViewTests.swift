import SitrepCore
import Testing

// Builds states by hand (a screen pushed, a cursor placed): the setters are internal, since only
// `Update` changes the state.
@testable import SitrepUI

/// Hand-made snapshots for what the demo never shows: nothing at all, a DOWN service with its
/// reason, names longer than their columns, many services on a small screen.
@Suite struct EdgeCaseViewTests {
  static func render(_ snap: Snapshot, _ w: Int, _ h: Int, glyphs: Glyphs = .unicode) -> Canvas {
    RootView.render(
      DemoFixture.state(width: w, height: h, snapshot: snap), ctx: ViewContext(glyphs: glyphs))
  }

  /// The demo snapshot with its first service DOWN for a reason, names stretched, and a job with a
  /// long exception.
  static var troubled: Snapshot {
    var snap = DemoFixture.snapshot
    snap.services[0].verdict = VerdictWithReason(.down, "no requests for 2m14s; health 502 x3")
    snap.services[0].stats.requests = 0
    snap.services[1].name = "payments-gateway-internal-eu-west"
    snap.jobs[0].name = "tasks.reconcile_ledger_entries_for_all_merchant_accounts"
    return snap
  }

  @Test func noDataAtAll() {
    let snap = Snapshot.empty(now: DemoFixture.now)
    Golden.check(Self.render(snap, 80, 24), "empty-80x24")
    var s = DemoFixture.state(snapshot: snap)
    for key in [Key.char("d"), .char("s"), .char("e")] {
      s.stack = [ScreenFrame(.main)]
      press(&s, key)
      Golden.check(
        RootView.render(s, ctx: ViewContext(glyphs: .unicode)), "empty-\(s.screen.crumb)-80x24")
    }
  }

  @Test func aDownServiceShowsItsReason() {
    let canvas = Self.render(Self.troubled, 80, 24)
    Golden.check(canvas, "troubled-80x24")
    #expect(canvas.text.contains("DOWN"))
    #expect(canvas.text.contains("no requests for 2m14s"))
    Golden.check(Self.render(Self.troubled, 160, 50), "troubled-160x50")
  }

  @Test func longNamesAreClippedWithAnEllipsis() {
    let text = Self.render(Self.troubled, 80, 24).text
    #expect(text.contains("payments-g…"))
    #expect(!text.contains("payments-gateway-internal-eu-west"))
  }

  @Test func manyServicesScrollToKeepTheSelectionVisible() {
    var snap = DemoFixture.snapshot
    let template = snap.services[0]
    snap.services = (0..<30).map { i in
      var s = template
      s.name = "svc-\(i)"
      return s
    }
    var state = DemoFixture.state(width: 80, height: 24, snapshot: snap)
    press(&state, .char("G"))
    let canvas = RootView.render(state, ctx: ViewContext(glyphs: .unicode))
    Golden.check(canvas, "many-services-80x24")
    #expect(canvas.text.contains("svc-29"))
    #expect(!canvas.text.contains("svc-0 "))
  }

  @Test func theTooSmallMessageFitsEvenATinyTerminal() {
    let canvas = Self.render(DemoFixture.snapshot, 20, 3)
    #expect(canvas.lines[0] == "sitrep needs 60x16,…")
    #expect(Self.render(DemoFixture.snapshot, 0, 0).text == "")
  }

  @Test func theMinimumSizeRendersTheDashboard() {
    let canvas = Self.render(DemoFixture.snapshot, RootView.minimumWidth, RootView.minimumHeight)
    Golden.check(canvas, "main-60x16")
    #expect(!canvas.text.contains("sitrep needs"))
  }
}

/// The deploy screen draws its text, then the table of all deploys below it; when the text is
/// longer than the screen the table must not be drawn over leftovers of the text.
@Suite struct DeployScreenOverlapTests {
  @Test(arguments: [(80, 24), (100, 30), (160, 50)])
  func theDeployTableIsNotDrawnOverText(_ size: (Int, Int)) throws {
    var s = DemoFixture.state(width: size.0, height: size.1)
    press(&s, .char("d"))
    let lines = RootView.render(s, ctx: ViewContext(glyphs: .unicode)).lines
    let header = try #require(lines.firstIndex { $0.contains("all deploys") })
    #expect(lines[header] == " all deploys: time       kind      version        service      by")
    let deploys = DemoFixture.snapshot.deploys.count
    for line in lines[(header + deploys + 1)..<(lines.count - 1)] {
      #expect(line.isEmpty, "left over below the table: \(line)")
    }
  }
}
