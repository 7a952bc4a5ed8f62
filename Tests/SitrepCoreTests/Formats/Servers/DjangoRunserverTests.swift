import Testing

@testable import SitrepCore

/// Django's `runserver` (`formats/django-runserver`), whose times are in America/Chicago.
@Suite struct DjangoRunserverTests {
  let story: ServerStory
  /// Django's default TIME_ZONE, CST in November (the story's note).
  let fixture = ServerFixture(
    format: "django-runserver", files: ["django-runserver/server.log"],
    options: DecoderOptions(naiveZone: .fixed(-6 * 3600)))
  init() throws { story = try ServerStory("django-runserver") }

  @Test func everyRequestInTheSourceZone() throws {
    let d = try fixture.decode()
    try fixture.expectRequests(story, d)
    fixture.expectTimes(story, d)
    #expect(d.requests.allSatisfy { $0.durationMs == nil && $0.client == "-" })
    #expect(d.requests.first?.bytes == 16)
  }

  /// `Internal Server Error: /x` has no time: it takes its request line's, which follows it.
  @Test func headerlessErrorsTakeTheirRequestsTime() throws {
    let d = try fixture.decode()
    fixture.expectErrors(story, d)
    let errors = d.records.filter { $0.exception != nil }
    let boom = d.requests.filter { $0.status == 500 }
    #expect(errors.map(\.time) == boom.map(\.time))
    #expect(errors.allSatisfy { $0.message.hasPrefix("Internal Server Error: /api/boom") })
    let notFound = d.records.filter { $0.message == "Not Found: /api/missing" }
    #expect(notFound.count == 1 && notFound.first?.level == .warning)
    #expect(notFound.first?.time == d.requests.first { $0.status == 404 }?.time)
    #expect(d.deploys.count == 1)
    #expect(d.deploys.first?.time == d.requests.first?.time)
  }

  /// The next request's time, not the previous one's: that is when the failing request ended.
  @Test func aHeaderlessErrorTakesTheNextRequestsTime() throws {
    let lines = [
      #"[26/Nov/2026 10:15:44] "GET /health HTTP/1.1" 200 16"#, "Internal Server Error: /x",
      "Traceback (most recent call last):", #"  File "a.py", line 1, in f"#, "KeyError: 'x'",
      #"[26/Nov/2026 10:15:50] "GET /x HTTP/1.1" 500 145"#,
    ]
    let d = try decode("django-runserver", text: lines, options: fixture.options)
    #expect(d.records.count == 1)
    #expect(d.records.first?.time == d.requests.last?.time)
    #expect(d.requests.map(\.time) == [d.requests[0].time, d.requests[0].time + 6])
  }

  /// A record with no time and no request line after it takes the newest time the file showed.
  @Test func aTrailingHeaderlessErrorTakesTheNewestTime() throws {
    let lines = [
      #"[26/Nov/2026 10:15:44] "GET /health HTTP/1.1" 200 16"#, "Internal Server Error: /x",
      "Traceback (most recent call last):", #"  File "a.py", line 1, in f"#, "KeyError: 'x'",
    ]
    let d = try decode("django-runserver", text: lines, options: fixture.options)
    #expect(d.records.count == 1)
    #expect(d.records.first?.time == d.requests.first?.time)
    #expect(d.records.first?.exception?.type == "KeyError")
    #expect(total(d.counts) == lines.count && d.counts.malformed == 0)
  }

  @Test func futureRequestsAreCounted() throws {
    try fixture.expectFutureCounted(limit: story.requests[6].t0.rounded(.down) - 0.5)
  }
}
