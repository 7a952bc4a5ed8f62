import SitrepCore
import Testing

@testable import SitrepUI

/// Where each number came from is on the service screen when Prometheus gave any, and a failed
/// query is on its source's row in the sources view, in the server's words.
@Suite struct PrometheusViewTests {
  @Test func theServiceScreenNamesEachNumbersSource() throws {
    var snap = DemoFixture.snapshot
    let i = try #require(snap.services.firstIndex { !$0.routes.isEmpty })
    snap.services[i].numbersFrom = "access log; prometheus also read"
    snap.services[i].numberSources = NumberSources(
      requests: "access log", latency: "prometheus", up: "prometheus")
    var s = DemoFixture.state(width: 160, height: 50, snapshot: snap)
    s.stack.append(ScreenFrame(.service(snap.services[i].name)))
    let text = RootView.render(s, ctx: ViewContext(glyphs: .unicode)).text
    #expect(text.contains("from access log; prometheus also read"))
    #expect(
      text.contains(" requests from access log · latency from prometheus · up from prometheus"))
  }

  @Test func aLogOnlyServiceHasNoSourcesLine() throws {
    let snap = DemoFixture.snapshot
    let i = try #require(snap.services.firstIndex { !$0.routes.isEmpty })
    var s = DemoFixture.state(width: 160, height: 50, snapshot: snap)
    s.stack.append(ScreenFrame(.service(snap.services[i].name)))
    let text = RootView.render(s, ctx: ViewContext(glyphs: .unicode)).text
    #expect(!text.contains("requests from"))
  }

  @Test func aFailedQueryIsOnItsSourceRow() throws {
    var snap = DemoFixture.snapshot
    let m = Monitor()
    var r = PrometheusReading(service: "api", selector: #"job="api",,"#, askedAt: snap.now)
    r.error = .server(
      status: 400, type: "bad_data",
      message: #"1:31: parse error: unexpected "," in label matching"#)
    m.prometheus["api"] = r
    snap.sources = m.prometheusSources(url: "http://127.0.0.1:9090", headless: false)
    var s = DemoFixture.state(width: 160, height: 30, snapshot: snap)
    s.stack.append(ScreenFrame(.sources))
    let text = RootView.render(s, ctx: ViewContext(glyphs: .unicode)).text
    #expect(text.contains(#"http://127.0.0.1:9090 {job="api",,}"#))
    #expect(text.contains("prometheus-api"))
    #expect(text.contains("unreadable"))
    #expect(
      text.contains(
        #"prometheus 400 bad_data: 1:31: parse error: unexpected "," in label matching"#))
  }
}
