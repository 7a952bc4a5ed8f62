import Foundation
import Testing

@testable import SitrepCore

/// From a failed request to the exception behind it, on the real stack's recording (nginx in
/// front of gunicorn and FastAPI, whose JSON app log writes the exception and then its own
/// "request completed" line) and on lines built to single out each rule.
@Suite struct RequestCauseTests {
  /// The recording read through the real pipeline, as the dashboard reads it.
  static func realStack() throws -> (snapshot: Snapshot, archive: LineArchive) {
    let dir = try #require(Bundle.module.resourceURL).appendingPathComponent("Fixtures/real-stack")
    var options = FollowOptions()
    options.fromStart = true
    let archive = LineArchive()
    let monitor = Monitor()
    let pipeline = IngestPipeline(
      // The recording machine ran in UTC; the app log's asctime has no zone.
      specs: ["api.access.log", "app.log"].map {
        SourceSpec(
          pattern: dir.appendingPathComponent($0).path, service: "api",
          zone: ZoneAssumption(zone: .fixed(0), origin: .config))
      }, options: options, monitor: monitor, archive: archive, decoderOptions: DecoderOptions())
    // 14:11:50Z, just after the recording's last line.
    let at: EpochSeconds = 1_795_702_310
    pipeline.readOnce(now: at)
    return (monitor.snapshot(now: at, window: .fiveMinutes), archive)
  }

  @Test func everyCheckout500OnTheRealStackFindsItsLookupError() throws {
    let (snapshot, archive) = try Self.realStack()
    let api = try #require(snapshot.services.first { $0.name == "api" })
    let failed = api.recentErrors.filter { $0.path == "/api/checkout" && $0.status == 500 }
    #expect(failed.count >= 5)
    for request in failed {
      let lines = archive.lines(
        service: "api", roles: [.access, .app], mustContain: nil,
        within: RequestCause.window(for: request))
      let cause = try #require(RequestCause.find(for: request, in: lines), "\(request.time)")
      #expect(cause.evidence == .pathAndTime)
      #expect(abs(cause.offsetSeconds) < 1.5)
      let record = try #require(RecordText.json(cause.lines[0].text))
      #expect(record.fields.contains("message: unhandled exception"))
      #expect(record.traceback.first == "Traceback (most recent call last):")
      #expect(record.traceback.last?.hasPrefix("LookupError: cart ") == true)
    }
  }

  // MARK: the rules, one at a time

  static func line(
    _ t: EpochSeconds, _ text: String, role: SourceRole = .app, error: Bool = false,
    continues: Bool = false
  ) -> ArchivedLine {
    ArchivedLine(
      time: t, path: role == .access ? "/l/access.log" : "/l/app.log", role: role,
      service: "api", text: text, isError: error, continuesRecord: continues)
  }

  static func exception(_ t: EpochSeconds, _ type: String, message: String = "boom")
    -> [ArchivedLine]
  {
    [
      line(t, "ERROR app: \(message)", error: true),
      line(t, "Traceback (most recent call last):", error: true, continues: true),
      line(t, "  File \"/srv/app/x.py\", line 1, in f", error: true, continues: true),
      line(t, "\(type): \(message)", error: true, continues: true),
    ]
  }

  static let request = Request(
    time: 100, method: "GET", path: "/api/orders/7", route: "/api/orders/:id", status: 500,
    durationMs: 300)

  @Test func aRequestIDOnBothLinesWinsOverNearerRecords() throws {
    let id = "4f2a9c0e8b7d41a6b3c25e1f0d9a8b7c"
    let lines =
      [
        Self.line(
          100, "10.0.0.1 - - [..] \"GET /api/orders/7 HTTP/1.1\" 500 21 \"-\" \"x\" 0.300 \(id)",
          role: .access)
      ] + Self.exception(99.9, "KeyError")
      + Self.exception(98.5, "ValueError", message: "req \(id)")
    let cause = try #require(RequestCause.find(for: Self.request, in: lines))
    #expect(cause.evidence == .requestID(id))
    #expect(cause.lines.last?.text == "ValueError: req \(id)")
  }

  @Test func theAppsOwnLineNamingThePathPicksTheExceptionNearestIt() throws {
    let lines =
      Self.exception(99.0, "KeyError") + Self.exception(101.4, "TimeoutError")
      + [Self.line(101.5, "ERROR app: GET /api/orders/7 failed", error: true)]
    let cause = try #require(RequestCause.find(for: Self.request, in: lines))
    #expect(cause.evidence == .pathAndTime)
    #expect(cause.lines.last?.text == "TimeoutError: boom")
    #expect(cause.othersNearby == 1)
  }

  @Test func byTimeAloneTheNearestExceptionIsChosenAndTheOthersCounted() throws {
    let lines = Self.exception(98.9, "KeyError") + Self.exception(99.8, "TimeoutError")
    let cause = try #require(RequestCause.find(for: Self.request, in: lines))
    #expect(cause.evidence == .time)
    #expect(cause.lines.last?.text == "TimeoutError: boom")
    #expect(cause.othersNearby == 1)
    #expect(abs(cause.offsetSeconds + 0.2) < 1e-9)
  }

  @Test func nothingOutsideTheSlackIsTiedToTheRequest() {
    // The request took 0.3 s: it started at 99.7; 2 s of slack either side.
    let lines = Self.exception(97.6, "KeyError") + Self.exception(102.1, "TimeoutError")
    #expect(RequestCause.find(for: Self.request, in: lines) == nil)
  }

  @Test func aWarningOrAnAccessLineIsNeverTheCause() {
    let lines = [
      Self.line(100, "WARNING app: slow query"),
      Self.line(100, "\"GET /api/orders/7 HTTP/1.1\" 500", role: .access, error: true),
    ]
    #expect(RequestCause.find(for: Self.request, in: lines) == nil)
  }

  @Test(
    arguments: [
      ("1.2.3.4 - - [26/Nov/2026:14:00:00 +0000] \"GET / HTTP/1.1\" 500 21 0.300", [String]()),
      ("... 0.300 4f2a9c0e8b7d41a6b3c25e1f0d9a8b7c", ["4f2a9c0e8b7d41a6b3c25e1f0d9a8b7c"]),
      (
        "... rid=0f8fad5b-d9cb-469f-a165-70867728950e", ["0f8fad5b-d9cb-469f-a165-70867728950e"]
      ),
      ("... 20261126140000123456", [String]()),
      ("... deadbeefdeadbeefdeadbeef", [String]()),
    ] as [(String, [String])])
  func requestIDsOnAnAccessLine(_ text: String, _ expected: [String]) {
    #expect(RequestCause.requestIDs(on: Self.line(0, text, role: .access)) == expected)
  }
}
