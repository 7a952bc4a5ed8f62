import Testing

@testable import SitrepCore

/// uvicorn through gunicorn's uvicorn worker (`formats/gunicorn-uvicorn`).
@Suite struct UvicornGunicornTests {
  let story: ServerStory
  init() throws { story = try ServerStory("gunicorn-uvicorn") }

  @Test func accessLogGivesEveryRequest() throws {
    let fixture = ServerFixture(format: "uvicorn-gunicorn", files: ["gunicorn-uvicorn/access.log"])
    let d = try fixture.decode()
    try fixture.expectRequests(story, d)
    // No time and no duration in the line: the read time, and no duration rather than 0.
    #expect(d.requests.allSatisfy { $0.time == fixtureReadAt && $0.durationMs == nil })
    #expect(d.requests.first?.client == "127.0.0.1")
  }

  /// Access and error logs in one file (`accesslog = errorlog = "-"`): requests, gunicorn's
  /// records and the ASGI exceptions with their tracebacks, one restart per boot burst.
  @Test func sharedFileGivesRequestsAndErrors() throws {
    let fixture = ServerFixture(
      format: "uvicorn-gunicorn",
      files: ["gunicorn-uvicorn/error.log", "gunicorn-uvicorn/access.log"])
    let d = try fixture.decode()
    try fixture.expectRequests(story, d)
    // The error log is trimmed to its head: the second exception may be cut off.
    fixture.expectErrors(story, d, all: false)
    #expect(d.records.contains { $0.message == "Exception in ASGI application" })
    #expect(d.deploys.count == 1)
  }

  @Test func futureRequestsAreCounted() throws {
    let fixture = ServerFixture(format: "uvicorn-gunicorn", files: ["gunicorn-uvicorn/access.log"])
    try fixture.expectFutureCounted(limit: fixtureReadAt - 1)
  }
}
