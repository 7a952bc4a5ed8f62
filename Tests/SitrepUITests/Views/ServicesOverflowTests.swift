import SitrepCore
import SitrepUI
import Testing

/// More services than rows: the panel says which rows show and whether trouble is out of view.
@Suite struct ServicesOverflowTests {
  static func manyServices(downAt index: Int?) -> Snapshot {
    var snap = DemoFixture.snapshot
    let template = snap.services[0]
    snap.services = (0..<40).map { i in
      var s = template
      s.name = "svc\(i < 10 ? "0" : "")\(i)"
      s.verdict.verdict = i == index ? .down : .up
      return s
    }
    return snap
  }

  func servicesTitle(_ snap: Snapshot, press keys: [Key] = []) -> String {
    var s = DemoFixture.state(width: 100, height: 30, snapshot: snap)
    for key in keys { _ = Update.apply(&s, .key(key)) }
    let text = RootView.render(s, ctx: ViewContext(glyphs: .unicode)).text
    return text.split(separator: "\n").first { $0.contains("Services") }.map(String.init) ?? ""
  }

  @Test func aDownServiceIsListedFirstWhateverItsName() {
    let text = RootView.render(
      DemoFixture.state(width: 100, height: 30, snapshot: Self.manyServices(downAt: 39)),
      ctx: ViewContext(glyphs: .unicode)
    ).text
    let rows = text.split(separator: "\n").drop { !$0.contains("Services") }.dropFirst()
    #expect(rows.first?.contains("svc39") == true)
    #expect(rows.first?.contains("DOWN") == true)
  }

  @Test func troubleBelowTheFoldIsCalledOutWhenItDoesNotAllFit() {
    // 30 of 40 not UP: more than the panel's rows, so some are out of view.
    var snap = Self.manyServices(downAt: nil)
    for i in 0..<30 { snap.services[i].verdict.verdict = .slow }
    let title = servicesTitle(snap)
    #expect(title.contains("Services 1-"))
    #expect(title.contains("of 40 · 13 not UP out of view"), "\(title)")
    let keys = [Key](repeating: .down, count: 39)
    let scrolled = servicesTitle(snap, press: keys)
    #expect(scrolled.contains("-40 of 40"))
  }

  @Test func aPanelThatFitsHasAPlainTitle() {
    let title = servicesTitle(DemoFixture.snapshot)
    #expect(title.contains("Services"))
    #expect(!title.contains(" of "))
  }
}
