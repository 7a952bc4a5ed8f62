import Testing

@testable import SitrepCore

@Suite struct GunicornDeclaredTests {
  /// The `access_log_format` real gunicorn (sync worker) wrote `declared/gunicorn-sync.log` with.
  static let recorded =
    #"%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(D)s %(L)s"#

  @Test func recordedSyncWorker() throws {
    let descriptor = try FormatCatalog.resolve(Self.recorded)
    #expect(descriptor.id == "gunicorn-declared" && descriptor.role == .access)
    let d = try decodeDeclared(Self.recorded, fixture: "declared/gunicorn-sync.log")
    #expect(d.counts.parsed == 12 && d.counts.malformed == 0)
    let r = d.requests
    #expect(r[0].path == "/health" && r[0].status == 200 && r[0].bytes == 16)
    #expect(r[0].time == recorded1559 - 58 && r[0].client == "127.0.0.1")
    // %(D)s then %(L)s: the last duration written wins, and they agree.
    #expect(approx(r[1].durationMs, 31.199))
    #expect(r[1].userAgent == "sitrep-record-formats/1.0 (+loopback)")
    // gunicorn writes a quote as \" and a backslash bare.
    #expect(r[5].userAgent == #"curl/8.0 "quoted" back\slash"#)
  }

  @Test func realStackFixtureWithL() throws {
    let format = #"%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(L)s"#
    let d = try decodeDeclared(format, fixture: "real-stack/gunicorn.access.log")
    #expect(d.counts.malformed == 0 && d.counts.parsed > 100)
    #expect(approx(d.requests[0].durationMs, 61.9, tolerance: 1e-9))
  }

  @Test func everyAtom() throws {
    let format =
      #"%(h)s %(l)s %(u)s %(t)s "%(r)s" %(m)s %(U)s %(q)s %(H)s %(s)s %(B)s %(b)s "%(f)s" "%(a)s" "#
      + #"%(T)s %(D)s %(L)s %(M)s %(p)s %({x-request-id}i)s %({content-type}o)s %({REMOTE_PORT}e)s"#
    let line =
      #"10.0.0.3 - dave [24/Nov/2026:14:02:31 +0000] "GET /api/orders/5?a=b HTTP/1.1" GET "#
      + #"/api/orders/5 a=b HTTP/1.1 404 22 22 "https://shop.example.com/" "curl/8.5.0" "#
      + #"0 41277 0.041277 41 <4021> 5f1c application/json 51234"#
    let r = try oneRequest(format, line)
    #expect(r.client == "10.0.0.3" && r.time == fixtureHour + 151 && r.status == 404)
    #expect(r.method == "GET" && r.path == "/api/orders/5" && r.bytes == 22)
    #expect(r.userAgent == "curl/8.5.0" && approx(r.durationMs, 41))
  }

  @Test func durationUnits() throws {
    #expect(approx(try oneRequest("%(s)s %(D)s", "200 1500").durationMs, 1.5))
    #expect(approx(try oneRequest("%(s)s %(L)s", "200 0.041277").durationMs, 41.277))
    #expect(approx(try oneRequest("%(s)s %(M)s", "200 42").durationMs, 42))
    #expect(approx(try oneRequest("%(s)s %(T)s", "200 2").durationMs, 2000))
  }

  @Test func headerAtomsForRefererAndAgent() throws {
    let r = try oneRequest(#"%(s)s "%({user-agent}i)s""#, #"200 "kube-probe/1.29""#)
    #expect(r.userAgent == "kube-probe/1.29")
  }

  // MARK: - Errors

  @Test func unknownAtom() {
    let e = compileError("%(h)s %(s)s %(x)s")
    #expect(e?.problem == "unknown gunicorn atom %(x)s")
  }

  @Test func anAccessFormatNeedsStatus() {
    #expect(compileError(#"%(h)s "%(r)s""#)?.problem == "an access format needs %(s)s")
  }

  @Test func incompleteAtom() {
    #expect(compileError("%(h)s %(s)d")?.problem == "%(s is not a complete gunicorn atom")
  }
}
