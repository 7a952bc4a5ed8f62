import Testing

@testable import SitrepCore

/// HAProxy's HTTP log (`formats/haproxy`).
@Suite struct HAProxyTests {
  let story: ServerStory
  let fixture = ServerFixture(format: "haproxy", files: ["haproxy/haproxy.log"])
  init() throws { story = try ServerStory("haproxy") }

  /// The readiness probe's bare connect (`<BADREQ>`, `CR--`) is not one of the story's requests:
  /// it is counted as ignored, as are the `Proxy ... stopped` lines.
  @Test func everyRequestWithTa() throws {
    let d = try fixture.decode()
    try fixture.expectRequests(story, d)
    fixture.expectTimes(story, d)
    fixture.expectDurations(story, d, unitMs: 1)
    #expect(d.counts.ignored == 4)
    #expect(d.requests[0].client == "127.0.0.1" && d.requests[0].bytes == 139)
  }

  @Test func syslogPrefixAndOtherBadRequests() throws {
    let lines = [
      #"Nov 26 16:16:02 lb haproxy[812]: 127.0.0.1:38268 [26/Nov/2026:16:16:02.313] web api/app1 0/0/0/3/4 200 139 - - ---- 1/1/0/0/0 0/0 "GET /health HTTP/1.1""#,
      #"<134>Nov 26 16:16:02 haproxy[812]: 10.0.0.1:1 [26/Nov/2026:16:16:02.313] web web/<NOSRV> -1/-1/-1/-1/10001 408 212 - - cR-- 1/1/0/0/0 0/0 "<BADREQ>""#,
      #"10.0.0.1:2 [26/Nov/2026:16:16:02.313] web web/<NOSRV> 0/-1/-1/-1/0 503 217 - - SC-- 1/1/0/0/0 0/0 {host.example} "GET /x?y=1 HTTP/1.1""#,
      "Server api/app1 is DOWN, reason: Layer4 connection problem, info: \"Connection refused\"",
      "backend api has no server available!",
    ]
    let d = try decode("haproxy", text: lines)
    #expect(d.requests.map(\.status) == [200, 408, 503])
    #expect(d.requests.map(\.route) == ["/health", "-", "/x"])
    #expect(d.requests.map(\.durationMs) == [4, 10001, 0])
    #expect(d.records.map(\.level) == [.error, .critical])
    #expect(d.records.allSatisfy { $0.time == d.requests.last?.time })
    #expect(total(d.counts) == lines.count && d.counts.malformed == 0)
  }

  @Test func futureRequestsAreCounted() throws {
    try fixture.expectFutureCounted(limit: story.requests[6].t0.rounded(.down) - 0.5)
  }
}
