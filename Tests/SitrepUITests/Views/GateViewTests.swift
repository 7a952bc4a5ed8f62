import Foundation
import SitrepCore
import SitrepUI
import Testing

/// One number, one answer: the deploy gate's verdict reads the same on the Deploy panel, in the
/// deploy view, on `check --watch`'s line and in its JSON, from one `DeployGateState`.
@Suite struct GateViewTests {
  @Test func thePanelTheDeployViewTheCheckLineAndTheJSONGiveOneVerdict() throws {
    let snapshot = DemoFixture.snapshot
    let gate = try #require(snapshot.gate)
    #expect(gate.verdict == .regression)
    let worst = try #require(gate.worst)
    let check = GateLines.verdict(gate)
    #expect(check.status == .critical)
    #expect(check.line.contains(worst.summary))

    let json =
      try JSONSerialization.jsonObject(
        with: Data(GateJSON.gate(gate).rendered().utf8)) as! [String: Any]
    #expect(json["verdict"] as? String == "regression")
    #expect(json["exit_code"] as? Int == Int(check.status.rawValue))
    #expect(check.line.contains(json["reason"] as! String))

    let main = RootView.render(
      Screens.main(120, 40), ctx: ViewContext(glyphs: .unicode)
    ).text
    #expect(main.contains("watch: REGRESSION at +"))
    #expect(main.contains(worst.metric))
    let view = RootView.render(Screens.deploy(160, 50), ctx: ViewContext(glyphs: .unicode)).text
    #expect(view.contains(worst.summary))
  }
}
