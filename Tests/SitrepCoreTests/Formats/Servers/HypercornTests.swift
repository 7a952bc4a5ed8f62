import Testing

@testable import SitrepCore

/// Hypercorn's access and error logs (`formats/hypercorn`).
@Suite struct HypercornTests {
  let story: ServerStory
  let fixture = ServerFixture(format: "hypercorn", files: ["hypercorn/access.log"])
  init() throws { story = try ServerStory("hypercorn") }

  @Test func everyRequestDespiteRawQuotes() throws {
    let d = try fixture.decode()
    try fixture.expectRequests(story, d)
    fixture.expectTimes(story, d)
    #expect(d.requests.allSatisfy { $0.durationMs == nil })
    // The agent with unescaped quotes runs to the line's last quote.
    #expect(d.requests[5].userAgent == #"curl/8.0 "quoted" back\slash"#)
    #expect(d.requests[0].client == "127.0.0.1" && d.requests[0].bytes == 15)
  }

  @Test func sharedFileGivesRequestsAndErrors() throws {
    let both = ServerFixture(
      format: "hypercorn", files: ["hypercorn/error.log", "hypercorn/access.log"])
    let d = try both.decode()
    try both.expectRequests(story, d)
    both.expectErrors(story, d, all: false)
    #expect(d.records.contains { $0.message == "Error in ASGI Framework" })
    #expect(d.deploys.count == 1)
  }

  @Test func trailingDurationIsRead() throws {
    let line =
      #"[2026-11-26 16:15:49 +0000] [1] [INFO] 127.0.0.1:1 - - [26/Nov/2026:16:15:49 +0000] "GET /x 2" 200 5 "-" "a "b" c" 0.012500"#
    let d = try decode("hypercorn", text: [line])
    #expect(d.requests.count == 1)
    #expect(approx(d.requests.first?.durationMs, 12.5))
    #expect(d.requests.first?.userAgent == #"a "b" c"#)
  }

  @Test func futureRequestsAreCounted() throws {
    try fixture.expectFutureCounted(limit: story.requests[6].t0.rounded(.down) - 0.5)
  }
}
