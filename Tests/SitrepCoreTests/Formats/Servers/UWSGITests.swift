import Testing

@testable import SitrepCore

/// uWSGI's request log (`formats/uwsgi`).
@Suite struct UWSGITests {
  let story: ServerStory
  let fixture = ServerFixture(format: "uwsgi", files: ["uwsgi/uwsgi.log"])
  init() throws { story = try ServerStory("uwsgi") }

  @Test func everyRequestWithItsMilliseconds() throws {
    let d = try fixture.decode()
    try fixture.expectRequests(story, d)
    fixture.expectTimes(story, d)
    fixture.expectDurations(story, d, unitMs: 1)
    #expect(d.requests.first?.bytes == 16 && d.requests.first?.client == "127.0.0.1")
  }

  /// The traceback comes before its request line with no header of its own: one error record
  /// per traceback, stamped with the failing request's time; its lines counted, not malformed.
  @Test func headlessTracebacksBecomeErrors() throws {
    let d = try fixture.decode()
    fixture.expectErrors(story, d)
    let errors = d.records.filter { $0.exception != nil }
    let boom = d.requests.filter { $0.status == 500 }
    #expect(errors.map(\.time) == boom.map(\.time))
    #expect(
      errors.allSatisfy { $0.exception?.causes.first?.hasPrefix("ConnectionRefusedError") == true })
    #expect(d.deploys.count == 1)
    #expect(d.deploys.first?.time == 1_795_709_793)
  }

  @Test func futureRequestsAreCounted() throws {
    try fixture.expectFutureCounted(limit: story.requests[6].t0.rounded(.down) - 0.5)
  }
}
