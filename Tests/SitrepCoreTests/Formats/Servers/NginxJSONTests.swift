import Testing

@testable import SitrepCore

/// nginx's JSON `log_format` (`formats/nginx/access.json.log`, written by nginx 1.22 with the
/// `jsonlog` format in its story), read without the format being declared.
@Suite struct NginxJSONTests {
  let story: ServerStory
  let fixture = ServerFixture(format: "nginx-json", files: ["nginx/access.json.log"])
  init() throws { story = try ServerStory("nginx") }

  @Test func detectedAsAnAccessLog() throws {
    let detection = try #require(FormatDetector.detect(lines: try fixture.lines))
    #expect(detection.format == "nginx-json" && detection.role == .access)
    #expect(detection.wrapper == nil)
  }

  /// Every request the client sent, with nginx's own times and durations.
  @Test func everyRequestWithItsTimeAndDuration() throws {
    let d = try fixture.decode()
    try fixture.expectRequests(story, d)
    fixture.expectTimes(story, d)
    fixture.expectDurations(story, d, unitMs: 1)
    #expect(d.events.isEmpty)
    #expect(d.requests[0].client == "127.0.0.1" && d.requests[0].bytes == 15)
    #expect(d.requests[5].userAgent == #"curl/8.0 "quoted" back\slash"#)
    // The upstream was down for the last requests: nginx answered 502 with no upstream time.
    #expect(d.requests.contains { $0.status == 502 })
  }

  /// What the `log_format` declared in config reads from the same lines, field for field.
  @Test func readsWhatTheDeclaredFormatReads() throws {
    let declared = try decodeDeclared(
      NginxDeclaredTests.jsonlog,
      text: try fixture.lines.map { String(decoding: $0, as: UTF8.self) })
    let detected = try fixture.decode()
    #expect(detected.requests == declared.requests)
    #expect(detected.counts == declared.counts)
  }

  static func one(_ line: String) throws -> Request? {
    try decode("nginx-json", text: [line]).requests.first
  }

  /// `$request` instead of method and URI, `$msec` and `$time_local` times, a list of upstream
  /// attempts (summed), an escaped path, `-` for an empty user agent.
  @Test func otherVariables() throws {
    let a = try #require(
      try Self.one(
        #"{"msec":"1795709730.337","request":"POST /api/orders/7?x=1 HTTP/1.1","status":"201","#
          + #""request_time":"0.120","upstream_response_time":"0.050, 0.060","http_user_agent":"-"}"#
      ))
    #expect(a.method == "POST" && a.path == "/api/orders/7" && a.status == 201)
    #expect(approx(a.time, 1_795_709_730.337) && approx(a.durationMs, 120))
    #expect(approx(a.upstreamMs, 110) && a.userAgent == nil)
    let b = try #require(
      try Self.one(
        #"{"time_local":"26/Nov/2026:16:15:30 +0100","request_method":"GET","#
          + #""request_uri":"/a\u0022b?q","status":404}"#))
    #expect(b.path == #"/a"b"# && b.status == 404 && b.durationMs == nil)
    #expect(b.time == 1_795_706_130)
  }

  /// An application's JSON record, a line without a status or a request, and broken JSON are not
  /// nginx's: not claimed by detection, malformed in a declared nginx-json source.
  @Test func otherLinesAreNotRequests() throws {
    let lines = [
      #"{"time":"2026-11-26T16:15:30+00:00","level":"info","message":"x","status":200,"uri":"/"}"#,
      #"{"time":"2026-11-26T16:15:30+00:00","request_uri":"/x"}"#,
      #"{"time":"2026-11-26T16:15:30+00:00","status":200}"#,
      #"{"time":"2026-11-26T16:15:30+00:00","request_uri":"/x","request_method":"GET","status":700}"#,
      #"{"time":"2026-11-26T16:15:30+00:00","request_uri":"/x","request_method":"GET","status":200"#,
    ]
    for line in lines { #expect(NginxJSONDecoder.score(line) == 0, "\(line)") }
    let d = try decode("nginx-json", text: lines)
    #expect(d.requests.isEmpty && d.counts.malformed == lines.count)
  }
}
