import Testing

@testable import SitrepCore

@Suite struct RegexDeclaredTests {
  @Test func accessRegexOnTheCombinedFixture() throws {
    let regex =
      #"^(?<client>\S+) \S+ \S+ \[(?<time>[^\]]+)\] "(?<request>[^"]*)" (?<status>\d{3}) (?<bytes>\d+|-) "[^"]*" "(?<user_agent>[^"]*)" (?<duration>[\d.]+)$"#
    let descriptor = try FormatCatalog.resolve(regex)
    #expect(descriptor.id == "regex-declared" && descriptor.role == .access)
    let d = try decodeDeclared(regex, fixture: "nginx-combined.log")
    // Line 4's user agent holds escaped quotes, which `[^"]*` cannot cross.
    #expect(d.counts.parsed == 8 && d.counts.malformed == 1)
    let r = d.requests
    #expect(r[0].time == fixtureHour + 151 && r[0].route == "/api/orders/:id")
    #expect(approx(r[0].durationMs, 38) && r[0].bytes == 512 && r[0].client == "203.0.113.7")
  }

  @Test func everyGroupName() throws {
    let regex =
      #"(?<timestamp>\S+) (?<remote_addr>\S+) (?<method>[A-Z]+) (?<url>\S+) (?<status>\d+) "#
      + #"(?<duration_ms>\S+) (?<duration_s>\S+) (?<duration_us>\S+) (?<user_agent>.*)"#
    let r = try oneRequest(
      regex, "2026-11-26T15:59:50Z 10.0.0.9 PUT /api/carts/3?x=1 200 7 0.007 7000 curl/8")
    #expect(r.time == recorded1559 && r.client == "10.0.0.9" && r.method == "PUT")
    #expect(r.path == "/api/carts/3" && r.status == 200 && approx(r.durationMs, 7))
    #expect(r.userAgent == "curl/8")
  }

  @Test func refererUpstreamAndPathGroups() throws {
    let r = try oneRequest(
      #"(?<path>\S+) (?<status>\d+) "(?<referer>[^"]*)" (?<upstream>.+)"#,
      #"/api/x?y=1 200 "https://shop.example.com/" 0.5, 0.25"#)
    #expect(r.path == "/api/x" && approx(r.upstreamMs, 750))
  }

  @Test func pythonNamedGroupsForAnAppLog() throws {
    let regex = #"(?P<time>\S+ \S+) (?P<level>[A-Z]+) (?P<logger>[\w.]+): (?P<msg>.*)"#
    let d = try decodeDeclared(regex, fixture: "app-python.log")
    #expect(d.counts.malformed == 0)
    #expect(d.records[0].level == .info && d.records[0].logger == "app.orders")
    #expect(d.records[1].exception?.type == "KeyError")
    let descriptor = try FormatCatalog.resolve(regex)
    #expect(descriptor.role == .app)
  }

  @Test func messageGroupAlone() throws {
    let d = try decodeDeclared(#"app: (?<message>.*)"#, text: ["app: hello"])
    #expect(d.records.first?.message == "hello" && d.records.first?.level == .info)
  }

  // MARK: - Errors

  @Test func noNamedGroup() {
    #expect(compileError(#"regex:^(\S+) (\d+)$"#)?.problem == "regex: no named group")
  }

  @Test func invalidRegex() {
    #expect(compileError(#"(?<status>\d+"#)?.problem.hasPrefix("regex: ") == true)
  }

  @Test func misspeltGroup() {
    #expect(compileError(#"(?<stauts>\d+)"#)?.fix == "did you mean (?<status>...)?")
  }

  @Test func noGroupSitrepReads() {
    #expect(
      compileError(#"(?<who>\S+) (?<what>.*)"#)?.problem
        == "regex: no status, level or message group")
  }
}
