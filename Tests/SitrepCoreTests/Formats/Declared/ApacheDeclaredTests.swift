import Testing

@testable import SitrepCore

@Suite struct ApacheDeclaredTests {
  static let common = #"%h %l %u %t \"%r\" %>s %b"#
  static let combinedD = #"%h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-Agent}i\" %D"#

  @Test func commonFixture() throws {
    let descriptor = try FormatCatalog.resolve(Self.common)
    #expect(descriptor.id == "apache-declared" && descriptor.role == .access)
    let d = try decodeDeclared(Self.common, fixture: "apache-common.log")
    #expect(d.counts.malformed == 0 && d.counts.parsed == d.requests.count)
    let r = d.requests
    #expect(r[0].client == "127.0.0.1" && r[0].path == "/apache_pb.gif" && r[0].bytes == 2326)
    #expect(r[0].time == fixtureHour + 151 + 7 * 3600)
    #expect(r[1].status == 404 && r[1].bytes == nil)
  }

  @Test func wholeLogFormatLine() throws {
    let r = try oneRequest(
      #"LogFormat "%h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-agent}i\" %D" combinedD"#,
      #"203.0.113.7 - - [24/Nov/2026:14:02:31 +0000] "GET /api/orders/1842 HTTP/1.1" 200 512 "https://shop.example.com/" "Mozilla/5.0 \"quoted\"" 38211"#
    )
    #expect(r.time == fixtureHour + 151 && r.route == "/api/orders/:id")
    #expect(r.userAgent == #"Mozilla/5.0 "quoted""# && approx(r.durationMs, 38.211))
  }

  @Test func everyDirectiveOnOneLine() throws {
    let format =
      #"%a %h %l %u [%{%d/%b/%Y:%H:%M:%S %z}t] %m %U%q %H %s %B %T %{ms}T %{us}T %{s}T "#
      + #"%{X-Request-Id}i %{Content-Type}o %v %V %p %P %I %O %X %k %L %% \"%r\""#
    let line =
      #"10.0.0.2 10.0.0.2 - carol [24/Nov/2026:14:02:31 +0000] POST /api/orders?x=1 HTTP/1.1 "#
      + #"201 87 0 112 112000 0 5f1c application/json shop.example.com shop.example.com 443 "#
      + #"4021 512 700 + 2 Xk3 % "POST /api/orders?x=1 HTTP/1.1""#
    let r = try oneRequest(format, line)
    #expect(r.client == "10.0.0.2" && r.time == fixtureHour + 151)
    #expect(r.method == "POST" && r.path == "/api/orders" && r.status == 201 && r.bytes == 87)
    // The last duration written wins: %{s}T, whole seconds.
    #expect(approx(r.durationMs, 0))
  }

  @Test func moreDirectivesSitrepMatchesAndIgnores() throws {
    let format =
      #"%A %f %R %S %{UNIQUE_ID}e %{note}n %{session}C %{SSL_PROTOCOL}x %{trailer}^ti "#
      + #"[%{begin:%d/%b/%Y:%H:%M:%S}t.%{msec_frac}t] %{usec}t %<s"#
    let line =
      #"10.0.0.5 /srv/www/index.html handler 901 Xk3a note abc TLSv1.3 - "#
      + #"[24/Nov/2026:14:02:31.125] 1795528951125000 200"#
    let r = try oneRequest(format, line)
    // `%{usec}t` comes last and wins: microseconds since the epoch.
    #expect(r.status == 200 && r.time == fixtureHour + 151.125)
  }

  @Test func durationUnits() throws {
    #expect(approx(try oneRequest("%>s %D", "200 1500").durationMs, 1.5))
    #expect(approx(try oneRequest("%>s %T", "200 2").durationMs, 2000))
    #expect(approx(try oneRequest("%>s %{ms}T", "200 42").durationMs, 42))
    #expect(approx(try oneRequest("%>s %{us}T", "200 4200").durationMs, 4.2))
    #expect(approx(try oneRequest("%>s %{s}T", "200 3").durationMs, 3000))
  }

  @Test func epochAndStrftimeTimes() throws {
    #expect(try oneRequest("%{sec}t %>s", "1795708790 200").time == recorded1559)
    #expect(try oneRequest("%{msec}t %>s", "1795708790125 200").time == recorded1559 + 0.125)
    #expect(
      try oneRequest("[%{%Y-%m-%dT%H:%M:%S%z}t] %s", "[2026-11-26T16:59:50+0100] 200").time
        == recorded1559)
  }

  @Test func methodAndPathWithoutRequest() throws {
    let r = try oneRequest("%m %U %>s", "DELETE /api/carts/9 204")
    #expect(r.method == "DELETE" && r.route == "/api/carts/:id" && r.status == 204)
  }

  // MARK: - Errors

  @Test func unknownDirective() {
    let e = compileError("%h %Z %>s")
    #expect(e?.problem == "unknown Apache directive %Z")
  }

  @Test func anAccessFormatNeedsStatus() {
    #expect(
      compileError(#"%h %l %u %t \"%r\" %b"#)?.problem == "an access format needs %>s (or %s)")
  }

  @Test func unknownDurationUnit() {
    #expect(compileError("%>s %{min}T")?.problem == "%{min}T is not an Apache duration unit")
  }

  @Test func unbalancedLogFormatQuote() {
    #expect(
      compileError(#"LogFormat "%h %>s combined"#)?.problem
        == "unbalanced quote in the Apache LogFormat")
  }

  @Test func unknownStrftimeDirective() {
    #expect(compileError("%{%Q}t %>s")?.problem.hasPrefix("unknown strftime directive %Q") == true)
  }

  @Test func lonePercentAtTheEnd() {
    #expect(compileError("%>s %")?.problem == "the Apache LogFormat ends with a lone %")
  }

  @Test func logFormatWithoutAQuotedFormat() {
    #expect(compileError("LogFormat %h %>s")?.problem == "LogFormat without a quoted format")
  }

  @Test func unclosedArgument() {
    #expect(compileError("%>s %{Referer")?.problem.hasPrefix("unclosed %{Referer") == true)
  }
}
