import Testing

@testable import SitrepCore

/// Daphne's access log and server log (`formats/daphne`).
@Suite struct DaphneTests {
  let story: ServerStory
  let fixture = ServerFixture(format: "daphne", files: ["daphne/access.log"])
  init() throws { story = try ServerStory("daphne") }

  @Test func everyRequestWithoutProtocolOrZone() throws {
    let d = try fixture.decode()
    try fixture.expectRequests(story, d)
    fixture.expectTimes(story, d)
    #expect(d.requests.allSatisfy { $0.durationMs == nil })
    #expect(d.requests[0].client == "127.0.0.1" && d.requests[0].bytes == 15)
  }

  @Test func sharedFileGivesRequestsAndErrors() throws {
    let both = ServerFixture(format: "daphne", files: ["daphne/server.log", "daphne/access.log"])
    let d = try both.decode()
    try both.expectRequests(story, d)
    both.expectErrors(story, d, all: false)
    #expect(d.records.contains { $0.message.hasPrefix("Exception inside application: ") })
    #expect(d.deploys.count == 1)
  }

  @Test func futureRequestsAreCounted() throws {
    try fixture.expectFutureCounted(limit: story.requests[6].t0.rounded(.down) - 0.5)
  }
}
