import Testing

@testable import SitrepCore

@Suite struct AccessDecoderTests {
  let t1402 = fixtureHour + 151

  @Test func nginxCombinedFixture() throws {
    let d = try decode("nginx-combined", fixture: "nginx-combined.log")
    #expect(d.counts.parsed == 9 && d.counts.malformed == 0)
    let r = d.requests
    try #require(r.count == 9)
    #expect(r[0].time == t1402)
    #expect(
      r[0].method == "GET" && r[0].path == "/api/orders/1842" && r[0].route == "/api/orders/:id")
    #expect(r[0].status == 200 && r[0].bytes == 512)
    #expect(approx(r[0].durationMs, 38, tolerance: 1e-9))
    #expect(r[0].upstreamMs == nil)
    #expect(r[0].client == "203.0.113.7" && r[0].userAgent == "python-httpx/0.27.0")
    #expect(r[1].method == "POST" && r[1].status == 201 && approx(r[1].durationMs, 112))
    // IPv6 client and escaped quotes in the user agent; the query string is dropped.
    #expect(r[3].client == "2001:db8::1f")
    #expect(r[3].userAgent == "Mozilla/5.0 \"quoted\" agent")
    #expect(r[3].path == "/admin/reports" && r[3].route == "/admin/reports")
    #expect(approx(r[3].durationMs, 2417))
    #expect(r[4].status == 500 && r[5].status == 502)
    #expect(approx(r[5].durationMs, 0))
    // `"-"` request: still a request, status counts.
    #expect(r[6].method == "-" && r[6].path == "-" && r[6].route == "-" && r[6].status == 400)
    #expect(r[6].userAgent == nil && r[6].bytes == 0)
    #expect(r[7].status == 499 && r[7].route == "/api/search" && approx(r[7].durationMs, 30001))
    #expect(r[8].bytes == nil && r[8].route == "/static/*" && r[8].status == 304)
  }

  @Test func nginxUpstreamTimesAreSummedAcrossRetries() throws {
    let r = try decode("nginx-combined", fixture: "nginx-upstream.log").requests
    try #require(r.count == 3)
    #expect(approx(r[0].durationMs, 38) && approx(r[0].upstreamMs, 36))
    #expect(approx(r[1].durationMs, 3051) && approx(r[1].upstreamMs, 3049))
    #expect(approx(r[2].durationMs, 0) && r[2].upstreamMs == nil)
  }

  @Test func nginxKeyValueTimings() throws {
    let line =
      #"10.0.0.1 - - [24/Nov/2026:14:02:31 +0000] "GET /x HTTP/1.1" 200 5 "-" "ua" rt=0.250 urt="0.200, 0.010""#
    let r = try decode("nginx-combined", text: [line]).requests
    #expect(approx(r.first?.durationMs, 250) && approx(r.first?.upstreamMs, 210))
  }

  @Test func crlfLineEndingsKeepTheDuration() throws {
    let line =
      #"10.0.0.1 - - [24/Nov/2026:14:02:31 +0000] "GET /x HTTP/1.1" 200 5 "-" "ua" 0.038 0.036"#
      + "\r"
    let r = try decode("nginx-combined", text: [line]).requests
    #expect(approx(r.first?.durationMs, 38) && approx(r.first?.upstreamMs, 36))
    let common = #"127.0.0.1 - - [24/Nov/2026:14:02:32 -0700] "GET /missing HTTP/1.0" 404 -"# + "\r"
    #expect(try decode("apache-common", text: [common]).requests.first?.status == 404)
  }

  @Test func commonLogFormatWithZone() throws {
    let d = try decode("apache-common", fixture: "apache-common.log")
    let r = d.requests
    try #require(r.count == 2)
    #expect(r[0].time == t1402 + 7 * 3600)
    #expect(r[0].path == "/apache_pb.gif" && r[0].bytes == 2326 && r[0].userAgent == nil)
    #expect(r[0].durationMs == nil)
    #expect(r[1].status == 404 && r[1].bytes == nil)
    // The nginx alias reads the same lines.
    #expect(try decode("nginx-common", fixture: "apache-common.log").requests.count == 2)
  }

  @Test func gunicornSecondsFixture() throws {
    let r = try decode("gunicorn", fixture: "gunicorn-access.log").requests
    try #require(r.count == 3)
    #expect(r[0].path == "/api/orders" && r[0].route == "/api/orders")
    #expect(approx(r[0].durationMs, 41.277))
    #expect(approx(r[1].durationMs, 0.912))
    #expect(r[2].method == "POST" && r[2].status == 500 && approx(r[2].durationMs, 1204.551))
  }

  @Test func gunicornIntegerDurations() throws {
    let line =
      #"127.0.0.1 - - [24/Nov/2026:14:02:31 +0000] "GET /health HTTP/1.1" 200 15 "-" "probe" 912"#
    #expect(approx(try decode("gunicorn", text: [line]).requests.first?.durationMs, 0.912))
    #expect(approx(try decode("gunicorn-us", text: [line]).requests.first?.durationMs, 0.912))
    #expect(approx(try decode("gunicorn-ms", text: [line]).requests.first?.durationMs, 912))
  }

  @Test func uvicornFixture() throws {
    let d = try decode("uvicorn", fixture: "uvicorn.log", options: DecoderOptions(service: "api"))
    #expect(d.counts.malformed == 0)
    #expect(d.counts.parsed == 5 && d.counts.ignored == 7)
    let r = d.requests
    try #require(r.count == 4)
    #expect(r[0].client == "127.0.0.1" && r[0].path == "/health" && r[0].status == 200)
    #expect(r.allSatisfy { $0.durationMs == nil && $0.time == fixtureReadAt })
    #expect(r[1].route == "/api/orders/:id" && r[1].status == 404)
    #expect(r[2].method == "POST" && r[2].status == 500)
    // ANSI-coloured line.
    #expect(r[3].method == "GET" && r[3].path == "/api/orders" && r[3].status == 200)
    #expect(d.deploys == [DeployEvent(time: fixtureReadAt, kind: .restart, service: "api")])
  }

  @Test func uvicornErrorWithTracebackBecomesRecord() throws {
    let lines = [
      "ERROR:    Exception in ASGI application",
      "Traceback (most recent call last):",
      "  File \"/srv/app/main.py\", line 10, in handler",
      "    raise RuntimeError(\"boom\")",
      "RuntimeError: boom",
      "INFO:     ::1:5000 - \"GET /x HTTP/1.1\" 500",
    ]
    let d = try decode("uvicorn", text: lines)
    #expect(d.counts.parsed == 6)
    #expect(d.records.first?.exception?.type == "RuntimeError")
    #expect(
      d.records.first?.exception?.topFrame
        == StackFrame(file: "/srv/app/main.py", line: 10, function: "handler"))
    #expect(d.requests.first?.client == "::1" && d.requests.first?.status == 500)
  }

  @Test func hostileRequestLineIsSanitised() throws {
    let lines = try fixtureLines("hostile.log")
    let d = try decode("nginx-combined", lines: [lines[0]])
    let r = try #require(d.requests.first)
    #expect(r.status == 404)
    for text in [r.path, r.route, r.userAgent ?? ""] {
      #expect(!text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
    }
  }

  @Test func brokenLinesAreMalformedNotFatal() throws {
    let lines = [
      #"1.2.3.4 - - [24/Nov/2026:14:02:31 +0000] "GET / HTTP/1.1" 99999999999999999999 5 "-" "ua""#,
      #"1.2.3.4 - - [24/Nov/2026:14:02:31 +0000] "GET / HTTP/1.1" 200 99999999999999999999 "-" "ua""#,
      #"1.2.3.4 - - [24/Nov/2026:14:02:31 +0000] "GET / HTTP/1.1"#,
      #"1.2.3.4 - - [30/Feb/2026:14:02:31 +0000] "GET / HTTP/1.1" 200 5"#,
      #"1.2.3.4 - - [24/Nov/2026:14:02:31 +0000] "\x16\x03\x01" 400 0 "-" "-""#,
      "",
      "garbage",
    ]
    let d = try decode("nginx-combined", text: lines)
    #expect(total(d.counts) == lines.count)
    #expect(d.counts.parsed == 2)
    #expect(d.requests[0].bytes == nil && d.requests[0].status == 200)
    #expect(d.requests[1].method == "-" && d.requests[1].status == 400)
    #expect(d.counts.recentMalformed.count == 5)
  }
}
