import Testing

@testable import SitrepCore

@Suite struct AppDecoderTests {
  let t1402 = fixtureHour + 151

  @Test func pythonLoggingFixtureWithTracebacks() throws {
    let d = try decode("python-logging", fixture: "app-python.log")
    #expect(d.counts.parsed == 24 && d.counts.malformed == 0)
    let r = d.records
    try #require(r.count == 5)
    #expect(approx(r[0].time, t1402 + 0.118))
    #expect(r[0].level == .info && r[0].logger == "app.orders")
    #expect(r[0].message == "order 1842 created for customer 311" && r[0].exception == nil)
    let e1 = try #require(r[1].exception)
    #expect(r[1].level == .error && r[1].message == "failed to load order 77")
    #expect(e1.type == "KeyError" && e1.message == "77" && e1.causes.isEmpty)
    #expect(e1.topFrame == StackFrame(file: "/srv/app/repo.py", line: 17, function: "fetch"))
    #expect(e1.traceback.count == 6)
    #expect(r[2].level == .warning && r[2].logger == "app.payments")
    let e3 = try #require(r[3].exception)
    #expect(e3.type == "app.payments.PaymentError" && e3.message == "charge 9912 failed")
    #expect(e3.causes == ["httpx.ReadTimeout: timed out"])
    #expect(e3.topFrame == StackFrame(file: "/srv/app/payments.py", line: 95, function: "charge"))
    #expect(approx(r[4].time, t1402 + 5.002))
  }

  @Test func pythonLoggingVariants() throws {
    let lines = [
      "2026-11-24 14:02:31,118 - app.orders - INFO - dashed format",
      "2026-11-24 14:02:31,118 [WARNING] app.db: bracketed level",
      "2026-11-24 14:02:31,118 [4100] [ERROR] app.db: pid then level",
      "ERROR:app.jobs:default basicConfig format",
      "2026-11-24T16:02:31.118+02:00 CRITICAL   app.x: padded level and zone",
      "2026-11-24 14:02:31,118 just a message",
    ]
    let r = try decode("python-logging", text: lines).records
    try #require(r.count == 6)
    #expect(r[0].logger == "app.orders" && r[0].level == .info && r[0].message == "dashed format")
    #expect(r[1].logger == "app.db" && r[1].level == .warning && r[1].message == "bracketed level")
    #expect(r[2].level == .error && r[2].logger == "app.db")
    #expect(r[3].level == .error && r[3].logger == "app.jobs" && r[3].time == fixtureReadAt)
    #expect(r[3].message == "default basicConfig format")
    #expect(approx(r[4].time, t1402 + 0.118) && r[4].level == .critical && r[4].logger == "app.x")
    #expect(r[5].level == .info && r[5].message == "just a message")
  }

  @Test func localOffsetAppliesToZonelessStamps() throws {
    let r = try decode(
      "python-logging", text: ["2026-11-24 07:02:31,000 INFO a: b"],
      options: DecoderOptions(naiveZone: .fixed(-7 * 3600))
    ).records
    #expect(r.first?.time == t1402)
  }

  @Test func hostileAppLinesAreSanitised() throws {
    let d = try decode("python-logging", fixture: "hostile.log")
    #expect(d.counts.malformed == 1)  // the nginx line
    let r = d.records
    try #require(r.count == 3)
    #expect(r[0].message == "bad bytes \u{FFFD}\u{FFFD} and a NUL")
    #expect(r[1].message == "carriagereturn overwrite")
    #expect(r[2].message.count > 1000)
  }

  @Test func strayLinesAreMalformedAndKept() throws {
    let d = try decode(
      "python-logging",
      text: ["2026-11-24 14:02:31,118 INFO a: b", "stray \u{1B}[31mline", "KeyError: 1"])
    #expect(d.counts.parsed == 1 && d.counts.malformed == 2)
    #expect(d.counts.recentMalformed == ["stray line", "KeyError: 1"])
  }

  @Test func gunicornErrorRestartsOncePerBurst() throws {
    let d = try decode(
      "gunicorn-error", fixture: "gunicorn-error.log", options: DecoderOptions(service: "api"))
    #expect(d.counts.parsed == 9 && d.counts.malformed == 0)
    #expect(d.records.count == 9)
    #expect(
      d.deploys == [
        DeployEvent(time: fixtureHour, kind: .restart, service: "api"),
        DeployEvent(time: fixtureHour + 332, kind: .restart, service: "api"),
      ])
    let timeout = d.records[6]
    #expect(timeout.level == .critical && timeout.message == "WORKER TIMEOUT (pid:4122)")
    #expect(d.records[7].level == .error)
  }

  @Test func structlogFixture() throws {
    let d = try decode("json", fixture: "app-structlog.jsonl")
    let r = d.records
    try #require(r.count == 3)
    #expect(approx(r[0].time, t1402 + 0.118402, tolerance: 1e-5))
    #expect(r[0].message == "order created" && r[0].level == .info && r[0].logger == "app.orders")
    // Fields are kept for WARNING or worse (or an exception) only: the model drops lesser records.
    #expect(r[0].fields.isEmpty)
    #expect(r[1].fields == ["order_id": "77"])
    let e = try #require(r[1].exception)
    #expect(e.type == "KeyError" && e.message == "77")
    #expect(e.topFrame == StackFrame(file: "/srv/app/repo.py", line: 17, function: "fetch"))
    #expect(r[2].level == .warning && r[2].logger == nil)
    #expect(r[2].fields["duration_ms"] == "812.5")
    #expect(r[2].fields["sql"] == "SELECT * FROM orders WHERE id = $1")
  }

  @Test func jsonLoggerFixture() throws {
    let d = try decode("json", fixture: "app-jsonlogger.jsonl")
    #expect(d.counts.parsed == 3 && d.counts.malformed == 1)
    let r = d.records
    try #require(r.count == 3)
    #expect(approx(r[0].time, t1402 + 0.118) && r[0].logger == "app.orders")
    #expect(r[1].exception?.type == "KeyError")
    #expect(r[1].exception?.topFrame?.function == "get_order")
    #expect(r[2].level == .critical && r[2].fields == ["pool_size": "20"])
  }

  @Test func jsonVariantsAndNestedKeys() throws {
    let lines = [
      #"{"@timestamp": 1795528951000, "log": {"level": "warn", "logger": "x"}, "msg": "nested \u001b[31m"}"#,
      #"{"ts": 1795528951.5, "severity": "ERROR", "event": "e", "error": {"type": "ValueError", "message": "bad"}}"#,
      #"{"unrelated": true}"#,
      #"{"truncated": "#,
      #"{"level": "info", "message": 12345678901234567890123}"#,
    ]
    let d = try decode("json", text: lines)
    #expect(total(d.counts) == lines.count)
    #expect(d.counts.parsed == 3 && d.counts.ignored == 1 && d.counts.malformed == 1)
    let r = d.records
    #expect(r[0].time == t1402 && r[0].level == .warning && r[0].logger == "x")
    #expect(r[0].message == "nested ")
    #expect(
      approx(r[1].time, t1402 + 0.5)
        && r[1].exception == ExceptionInfo(type: "ValueError", message: "bad"))
    #expect(r[2].message == "12345678901234567890123")
  }

  @Test func logfmtFixture() throws {
    let d = try decode("logfmt", fixture: "app-logfmt.log")
    let r = d.records
    try #require(r.count == 3)
    #expect(approx(r[0].time, t1402 + 0.118) && r[0].logger == "app.orders")
    #expect(r[0].fields == ["order_id": "1842", "duration": "38ms"])
    #expect(
      r[1].level == .error && r[1].exception == ExceptionInfo(type: "KeyError", message: "77"))
    #expect(r[2].level == .warning && r[2].message == "slow \"quoted\" query")
    #expect(r[2].fields["path"] == "/api/search")
  }
}
