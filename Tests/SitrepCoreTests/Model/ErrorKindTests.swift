import Testing

@testable import SitrepCore

/// ERROR records without an exception: grouped by logger and message template, and ranked below
/// exceptions when they only repeat a failed request.
@Suite struct ErrorKindTests {
  func jsonRecord(_ line: String) throws -> LogRecord {
    try #require(JSONLogRules.record(line: line, readAt: 0, options: DecoderOptions()))
  }

  func logfmtRecord(_ line: String) throws -> LogRecord {
    let pairs = try #require(line.withLineBytes { Logfmt.parse($0) })
    return try #require(LogfmtRules.record(pairs, readAt: 0, options: DecoderOptions()))
  }

  @Test func errorRecordsGroupByLoggerAndTemplate() {
    let m = Monitor()
    for (t, cart) in [(10.0, "ceca77caa"), (20.0, "c7354ea6f")] {
      m.ingest(
        .log(
          LogRecord(
            time: t, level: .error, logger: "app.orders",
            message: "payment declined for cart \(cart)")),
        service: "api")
    }
    m.ingest(
      .log(
        LogRecord(
          time: 30, level: .error, logger: "app.payments", message: "payment declined for cart 77")),
      service: "api")
    let active = m.signatures.active(since: 0)
    #expect(active.count == 2)
    let orders = active.first { $0.type == "app.orders" }
    #expect(orders?.count == 2)
    #expect(orders?.kind == .log)
    #expect(orders?.display == "app.orders: payment declined for cart ceca77caa (ERROR)")
  }

  /// A logger that happens to be called like an exception type is still a log line.
  @Test func errorRecordsNeverMergeWithExceptions() {
    let m = Monitor()
    m.ingest(
      .log(LogRecord(time: 1, level: .error, logger: "ValueError", message: "bad")), service: nil)
    m.ingest(
      .log(
        LogRecord(
          time: 2, level: .error, logger: "app", message: "bad",
          exception: ExceptionInfo(type: "ValueError", message: "bad"))), service: nil)
    let kinds = m.signatures.active(since: 0).map(\.kind)
    #expect(kinds.count == 2)
    #expect(Set(kinds) == [.exception, .log])
  }

  @Test func requestEchoesAreRecognised() throws {
    let echoes = [
      try jsonRecord(
        #"{"levelname": "ERROR", "name": "app.access", "message": "request completed", "status": 500, "path": "/api/checkout"}"#
      ),
      try jsonRecord(#"{"level": "error", "event": "handled", "status_code": "502"}"#),
      try logfmtRecord(#"level=error logger=app msg="done" http_status=503"#),
      LogRecord(time: 0, level: .error, message: "Internal Server Error: /api/checkout"),
      LogRecord(time: 0, level: .error, message: "request finished in 31ms"),
      LogRecord(time: 0, level: .error, message: #""POST /api/checkout HTTP/1.1" 500 12"#),
      LogRecord(time: 0, level: .error, message: "upstream answered HTTP 504"),
    ]
    for r in echoes { #expect(RequestEcho.isEcho(r), "\(r.message)") }
    let notEchoes = [
      try jsonRecord(#"{"levelname": "ERROR", "message": "card declined", "status": 402}"#),
      LogRecord(time: 0, level: .error, message: "retried 500 times, giving up"),
      LogRecord(time: 0, level: .error, message: "request to stripe failed"),
      LogRecord(
        time: 0, level: .error, message: "Internal Server Error: /api/checkout",
        exception: ExceptionInfo(type: "KeyError", message: "'sku'")),
    ]
    for r in notEchoes { #expect(!RequestEcho.isEcho(r), "\(r.message)") }
  }

  /// The 500 the middleware logged fifty times ranks below the exception that caused it, seen
  /// five times: the cause is what the engineer needs first.
  @Test func exceptionsRankAboveRequestEchoes() throws {
    let m = Monitor()
    let echo = try jsonRecord(
      #"{"levelname": "ERROR", "name": "app.access", "message": "request completed", "status": 500, "path": "/api/checkout"}"#
    )
    for i in 0..<50 {
      var r = echo
      r.time = 100 + Double(i)
      m.ingest(.log(r), service: "api")
    }
    for i in 0..<5 {
      m.ingest(
        .log(
          LogRecord(
            time: 100 + Double(i), level: .error, logger: "app.orders", message: "checkout failed",
            exception: ExceptionInfo(type: "KeyError", message: "'sku'"))), service: "api")
    }
    let active = m.signatures.active(since: 0)
    #expect(active.map(\.kind) == [.exception, .request])
    #expect(active.map(\.count) == [5, 50])

    let report = ReportJSON.document(m.snapshot(now: 160, window: .fiveMinutes)).rendered()
    let exception = try #require(report.range(of: #""kind": "exception""#))
    let request = try #require(report.range(of: #""kind": "request""#))
    #expect(exception.lowerBound < request.lowerBound)
  }
}
