import Testing

@testable import SitrepCore

/// Caddy's JSON access log and its own log (`formats/caddy`).
@Suite struct CaddyTests {
  let story: ServerStory
  let fixture = ServerFixture(format: "caddy", files: ["caddy/access.log"])
  init() throws { story = try ServerStory("caddy") }

  /// Every record is a request, the 4xx and 5xx at `"level":"error"` too, and none an app error.
  @Test func everyRequestWithItsDuration() throws {
    let d = try fixture.decode()
    try fixture.expectRequests(story, d)
    fixture.expectTimes(story, d, resolution: 0.01)
    fixture.expectDurations(story, d, unitMs: 0.001)
    #expect(d.records.isEmpty)
    #expect(d.requests[5].userAgent == #"curl/8.0 "quoted" back\slash"#)
    #expect(d.requests[0].client == "127.0.0.1" && d.requests[0].bytes == 15)
  }

  /// Caddy's own lines in the same stream: app records, the upstream it could not dial an
  /// error, the start a restart.
  @Test func ownLogLinesAreRecords() throws {
    let both = ServerFixture(format: "caddy", files: ["caddy/caddy.log", "caddy/access.log"])
    let d = try both.decode()
    try both.expectRequests(story, d)
    let errors = d.records.filter { $0.level >= .error }
    #expect(errors.count == 3)
    #expect(errors.allSatisfy { $0.message.contains("connection refused") })
    #expect(d.deploys.count == 1)
  }

  /// The byte scan the counters use reads what the full JSON parse reads, line for line.
  @Test func scanAgreesWithTheFullParse() throws {
    for line in try fixtureLines("formats/caddy/access.log") {
      try line.withUnsafeBufferPointer { bytes in
        let scanned = try #require(CaddyRules.scan(bytes))
        let parsed = try #require(JSONObject.parse(bytes).flatMap(CaddyRules.request))
        #expect(scanned.time == parsed.time && scanned.status == parsed.status)
        #expect(scanned.durationMs == parsed.durationMs)
        #expect(ByteClass.string(bytes, scanned.method) == parsed.method)
        #expect(ByteClass.string(bytes, scanned.path) == parsed.path)
        let kept = scanned.request(bytes, route: nil)
        #expect(kept.userAgent == parsed.userAgent && kept.client == parsed.client)
        #expect(kept.bytes == parsed.bytes && kept.route == RouteTemplate.derive(parsed.path))
      }
    }
    // An escape in the path, or a line cut short, is left to the full parse.
    let escaped =
      #"{"ts":1,"logger":"http.log.access","request":{"method":"GET","uri":"/a\u0026b"},"status":200}"#
    #expect(escaped.withLineBytes { CaddyRules.scan($0) } == nil)
    let cut =
      #"{"ts":1,"logger":"http.log.access","request":{"method":"GET","uri":"/a"},"status":200"#
    #expect(cut.withLineBytes { CaddyRules.scan($0) } == nil)
  }

  @Test func futureRequestsAreCounted() throws {
    try fixture.expectFutureCounted(limit: story.requests[6].t0.rounded(.down) - 0.5)
  }
}
