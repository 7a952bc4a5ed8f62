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

  @Test func aDownServiceBelowTheFoldIsCalledOut() {
    let title = servicesTitle(Self.manyServices(downAt: 39))
    #expect(title.contains("Services 1-"))
    #expect(title.contains("of 40 · 1 not UP out of view"))
  }

  @Test func scrollingToItClearsTheCallOut() {
    let keys = [Key](repeating: .down, count: 39)
    let title = servicesTitle(Self.manyServices(downAt: 39), press: keys)
    #expect(title.contains("-40 of 40"))
    #expect(!title.contains("not UP"))
  }

  @Test func aPanelThatFitsHasAPlainTitle() {
    let title = servicesTitle(DemoFixture.snapshot)
    #expect(title.contains("Services"))
    #expect(!title.contains(" of "))
  }
}
