import Testing

@testable import SitrepCore

@Suite struct NginxDeclaredTests {
  /// The `log_format timed` real nginx 1.22 wrote `declared/nginx-timed.log` with (story.json of
  /// the record-formats nginx recording), pasted as the whole directive.
  static let timed =
    #"log_format timed '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" $request_time $upstream_response_time $pipe';"#
  static let jsonlog =
    #"log_format jsonlog escape=json '{"time":"$time_iso8601","remote_addr":"$remote_addr","request_method":"$request_method","request_uri":"$request_uri","status":$status,"body_bytes_sent":$body_bytes_sent,"request_time":$request_time,"upstream_response_time":"$upstream_response_time","upstream_status":"$upstream_status","http_user_agent":"$http_user_agent"}';"#

  @Test func recordedTimedDirective() throws {
    let descriptor = try FormatCatalog.resolve(Self.timed)
    #expect(descriptor.id == "nginx-declared" && descriptor.role == .access)
    let d = try decodeDeclared(Self.timed, fixture: "declared/nginx-timed.log")
    #expect(d.counts.parsed == 15 && d.counts.malformed == 0)
    let r = d.requests
    try #require(r.count == 15)
    #expect(r[0].time == recorded1559 && r[0].method == "GET" && r[0].path == "/health")
    #expect(r[0].status == 200 && r[0].bytes == 15 && r[0].client == "127.0.0.1")
    #expect(approx(r[0].durationMs, 25) && approx(r[0].upstreamMs, 25))
    #expect(r[0].userAgent == "sitrep-record-formats/1.0 (+loopback)")
    #expect(r[3].path == "/api/orders/3" && r[3].route == "/api/orders/:id")
    // nginx's default escaping, undone.
    #expect(r[5].userAgent == #"curl/8.0 "quoted" back\slash"#)
    #expect(r[7].status == 500 && r[12].status == 502 && r[4].method == "POST")
  }

  @Test func recordedJSONDirective() throws {
    let d = try decodeDeclared(Self.jsonlog, fixture: "declared/nginx-json.log")
    #expect(d.counts.parsed == 15 && d.counts.malformed == 0)
    let r = d.requests
    try #require(r.count == 15)
    #expect(r[0].time == recorded1559 && r[0].path == "/health" && r[0].status == 200)
    #expect(r[3].path == "/api/orders/3" && r[3].route == "/api/orders/:id")
    #expect(approx(r[1].durationMs, 37) && approx(r[1].upstreamMs, 37) && r[1].bytes == 27)
    #expect(r[0].client == "127.0.0.1" && r[0].method == "GET")
    // escape=json: \" and \\ undone.
    #expect(r[5].userAgent == #"curl/8.0 "quoted" back\slash"#)
  }

  @Test func theStringAloneReadsTheFixture() throws {
    let format =
      #"$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" $request_time"#
    let d = try decodeDeclared(format, fixture: "nginx-combined.log")
    #expect(d.counts.parsed == 9 && d.counts.malformed == 0)
    let r = d.requests
    #expect(r[3].client == "2001:db8::1f" && r[3].path == "/admin/reports")
    #expect(r[3].userAgent == #"Mozilla/5.0 "quoted" agent"#)
    #expect(r[6].method == "-" && r[6].route == "-" && r[6].status == 400)
    #expect(r[8].bytes == nil && r[8].route == "/static/*")
  }

  @Test func upstreamAttemptsAreSummed() throws {
    let format =
      #"$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" $request_time $upstream_response_time"#
    let r = try decodeDeclared(format, fixture: "nginx-upstream.log").requests
    try #require(r.count == 3)
    #expect(approx(r[0].upstreamMs, 36))
    #expect(approx(r[1].durationMs, 3051) && approx(r[1].upstreamMs, 3049))
    #expect(r[2].upstreamMs == nil)
    let groups = try oneRequest(
      "$status $upstream_response_time $request_time", "200 0.5 : 0.25, - 0.9")
    #expect(approx(groups.upstreamMs, 750) && approx(groups.durationMs, 900))
  }

  @Test func everyVariableOnOneLine() throws {
    let format =
      "${remote_addr} $remote_user $msec $request_method $request_uri $uri $args $status "
      + "$body_bytes_sent $bytes_sent $http_referer $http_user_agent $http_x_forwarded_for "
      + "$request_time $upstream_response_time $upstream_connect_time $upstream_header_time "
      + "$host $server_name $pipe $connection $connection_requests $request_length "
      + "$http_x_request_id $sent_http_content_type $geoip_country_code"
    let line =
      "10.0.0.1 bob 1795708790.125 GET /api/orders/7?x=1 /api/orders/7 x=1 503 "
      + "120 380 https://shop.example.com/ curl/8.5.0 203.0.113.4 "
      + "0.250 0.240 0.001 0.200 shop.example.com shop p 1234 3 410 "
      + "5f1c text/html DE"
    let r = try oneRequest(format, line)
    #expect(r.client == "10.0.0.1" && r.time == 1_795_708_790.125)
    #expect(r.method == "GET" && r.path == "/api/orders/7" && r.route == "/api/orders/:id")
    #expect(r.status == 503 && r.bytes == 120 && r.userAgent == "curl/8.5.0")
    #expect(approx(r.durationMs, 250) && approx(r.upstreamMs, 240))
  }

  @Test func moreVariablesSitrepMatchesAndIgnores() throws {
    let format =
      "$scheme://$host:$server_port$document_uri?$query_string $status $server_protocol "
      + "$upstream_addr $upstream_status $hostname $request_id $remote_port $server_addr "
      + "$ssl_protocol $ssl_cipher $cookie_session $arg_page $upstream_http_x_cache"
    let line =
      "https://shop.example.com:443/api/orders/7?page=2 200 HTTP/1.1 127.0.0.1:8000 200 web-1 "
      + "5f1c2a 51234 10.0.0.5 TLSv1.3 TLS_AES_256_GCM_SHA384 abc 2 HIT"
    let r = try oneRequest(format, line)
    #expect(r.status == 200 && r.path == "/api/orders/7" && r.route == "/api/orders/:id")
  }

  @Test func isoTimeAndBytesSentAlone() throws {
    let r = try oneRequest(
      #"[$time_iso8601] "$request" $status $bytes_sent"#,
      #"[2026-11-26T15:59:50+00:00] "GET /x HTTP/1.1" 200 512"#)
    #expect(r.time == recorded1559 && r.bytes == 512 && r.path == "/x")
  }

  @Test func timeLocalInTheNaiveZoneWhenWithoutOne() throws {
    // `$time_local` always has a zone; msec is UTC; so only a bare ISO time is naive.
    let d = try decodeDeclared(
      "$time_iso8601 $status", text: ["2026-11-26T16:59:50 200"],
      options: DecoderOptions(naiveZone: .fixed(3600)))
    #expect(d.requests.first?.time == recorded1559)
  }

  @Test func jsonEscapesAreUndone() throws {
    let r = try oneRequest(
      #"escape=json '{"ua":"$http_user_agent","request":"$request","status":$status}'"#,
      #"{"ua":"a \"q\" \\ \u0022b\u0022","request":"GET /caf\u00e9 HTTP/1.1","status":200}"#)
    #expect(r.userAgent == #"a "q" \ "b""#)
    #expect(r.path == "/café")
  }

  @Test func escapeNoneKeepsBytes() throws {
    let r = try oneRequest(
      #"log_format raw escape=none '$status "$http_user_agent"';"#, #"200 "a\x22b""#)
    #expect(r.userAgent == #"a\x22b"#)
  }

  @Test func concatenatedPiecesAndDoubleQuotes() throws {
    let r = try oneRequest(
      "log_format main '$remote_addr '\n    \"$status \"  '$request_time';", "1.2.3.4 200 0.010")
    #expect(r.client == "1.2.3.4" && r.status == 200 && approx(r.durationMs, 10))
  }

  @Test func aLineThatDoesNotFitIsMalformed() throws {
    let d = try decodeDeclared(
      "$remote_addr $status $request_time",
      text: ["1.2.3.4 200 0.010", "1.2.3.4 OK 0.010", "1.2.3.4 200 0.010 extra", "garbage"])
    #expect(d.counts.parsed == 1 && d.counts.malformed == 3)
    #expect(d.counts.recentMalformed.first == "1.2.3.4 OK 0.010")
  }

  @Test func noTimeTakesTheReadTime() throws {
    let d = try decodeDeclared("$status", text: ["204"], readAt: 1000)
    #expect(d.requests.first?.time == 1000)
  }

  // MARK: - Errors

  @Test func misspeltVariableSuggestsTheRightOne() {
    let e = compileError("$remote_addr $status $reqeust_time")
    #expect(e?.problem == "unknown nginx variable $reqeust_time")
    #expect(e?.fix == "did you mean $request_time?")
  }

  @Test func anAccessFormatNeedsStatus() {
    let e = compileError("$remote_addr [$time_local] \"$request\"")
    #expect(e?.problem == "an access format needs $status")
  }

  @Test func unbalancedQuote() {
    let e = compileError("log_format main '$remote_addr $status;")
    #expect(e?.problem.hasPrefix("unbalanced quote") == true)
  }

  @Test func unknownEscape() {
    #expect(compileError("log_format m escape=xml '$status';")?.fix.contains("escape=json") == true)
  }

  @Test func unclosedBrace() {
    #expect(compileError("$remote_addr ${status")?.problem.hasPrefix("unclosed ${status") == true)
  }
}
