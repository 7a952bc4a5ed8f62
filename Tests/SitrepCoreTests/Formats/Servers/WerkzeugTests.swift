import Testing

@testable import SitrepCore

/// Flask's development server (`formats/flask-werkzeug`).
@Suite struct WerkzeugTests {
  let story: ServerStory
  let fixture = ServerFixture(format: "werkzeug", files: ["flask-werkzeug/server.log"])
  init() throws { story = try ServerStory("flask-werkzeug") }

  @Test func everyRequestDespiteColourCodes() throws {
    let d = try fixture.decode()
    try fixture.expectRequests(story, d)
    fixture.expectTimes(story, d)
    #expect(d.requests.allSatisfy { $0.durationMs == nil })
    // Colour codes inside the quotes never reach a kept string.
    #expect(d.requests.allSatisfy { !$0.method.contains("\u{1B}") && !$0.path.contains("[") })
  }

  @Test func flaskErrorsAndTheRestart() throws {
    let d = try fixture.decode()
    fixture.expectErrors(story, d)
    let errors = d.records.filter { $0.exception != nil }
    #expect(
      errors.allSatisfy { $0.logger == "app" && $0.message.hasPrefix("Exception on /api/boom") })
    // The record is stamped by its own asctime, within the second of the failing request.
    let boom = d.requests.filter { $0.status == 500 }
    #expect(zip(errors, boom).allSatisfy { abs($0.time - $1.time) < 1 })
    #expect(d.deploys.count == 1)
    #expect(d.deploys.first?.time == d.requests.first?.time)
  }

  @Test func futureRequestsAreCounted() throws {
    try fixture.expectFutureCounted(limit: story.requests[6].t0.rounded(.down) - 0.5)
  }
}
