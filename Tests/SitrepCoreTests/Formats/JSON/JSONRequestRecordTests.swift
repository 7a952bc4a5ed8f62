import Foundation
import Testing

@testable import SitrepCore

/// JSON records written by request-logging middleware become requests; the record itself is kept
/// only when it reports something wrong.
@Suite struct JSONRequestRecordTests {
  /// Recorded from uvicorn + FastAPI + python-json-logger (see Fixtures/formats/README).
  @Test func fastAPIMiddlewareLinesAreRequests() throws {
    let d = try decode("json", recorded: "fastapi-jsonlog/app.jsonl")
    let story = try Story.load("fastapi-jsonlog/story.json")
    #expect(total(d.counts) == 14 && d.counts.malformed == 0)
    let requests = d.requests
    #expect(requests.count == story.requests.count)
    for (r, sent) in zip(requests, story.requests) {
      #expect(r.method == sent.method && r.status == sent.status)
      // The path without its query string, as the access-log formats keep it.
      #expect(r.path == String(sent.path.split(separator: "?")[0]))
      #expect((r.durationMs ?? -1) > 0)
    }
    // The route template as the framework wrote it; a 404 (route null) derives one from the path.
    #expect(requests[1].route == "/api/orders/{order_id}")
    let missing = try #require(requests.first { $0.status == 404 })
    #expect(missing.route == "/api/missing")
    #expect(approx(requests[1].durationMs, 31.39))  // the recording's second line
    // Info request lines leave no record; the warning (404), the 500 and the traceback remain.
    #expect(d.records.allSatisfy { $0.level >= .warning || $0.exception != nil })
    #expect(d.records.contains { $0.exception != nil })
    #expect(!d.records.contains { $0.level == .info && $0.message == "request" })
  }

  func request(_ line: String) throws -> Request? {
    try decode("json", text: [line]).requests.first
  }

  @Test func keySpellingsAndUnits() throws {
    let nested = try #require(
      try request(
        #"{"msg": "done", "http": {"method": "PUT", "status_code": 502, "route": "/r/{id}"}, "url": "https://h.example/r/9?x=1", "latency_ms": 12}"#
      ))
    #expect(nested.method == "PUT" && nested.status == 502 && nested.route == "/r/{id}")
    #expect(nested.path == "/r/9" && nested.durationMs == 12)
    let seconds = try #require(
      try request(#"{"event": "req", "status": 200, "duration": 0.25, "path": "/a/17"}"#))
    #expect(seconds.durationMs == 250 && seconds.route == "/a/:id" && seconds.method == "-")
    let micro = try #require(try request(#"{"event": "r", "status": "204", "duration_us": 1500}"#))
    #expect(micro.durationMs == 1.5 && micro.path == "-")
    let unit = try #require(try request(#"{"event": "r", "status": 200, "elapsed": "38ms"}"#))
    #expect(unit.durationMs == 38)
  }

  @Test func withoutStatusOrDurationItIsALogRecord() throws {
    for line in [
      #"{"event": "order created", "status": 200}"#,
      #"{"event": "slow query", "duration_ms": 812.5}"#,
      #"{"event": "weird", "status": 99, "duration_ms": 1}"#,
      #"{"event": "weird", "status": 200.5, "duration_ms": 1}"#,
      #"{"event": "weird", "status": 200, "duration_ms": -1}"#,
    ] {
      let d = try decode("json", text: [line])
      #expect(d.requests.isEmpty && d.records.count == 1, "\(line)")
    }
  }

  @Test func anErrorRequestKeepsItsRecordToo() throws {
    let d = try decode(
      "json",
      text: [
        #"{"levelname": "ERROR", "message": "request failed", "status_code": 500, "duration_ms": 3, "path": "/x"}"#
      ])
    try #require(d.requests.count == 1 && d.records.count == 1)
    #expect(d.records[0].fields["status_code"] == "500")
    #expect(RequestEcho.isEcho(d.records[0]))
  }
}

/// The parts of a recording's story.json these tests read.
struct Story: Decodable {
  struct Request: Decodable {
    var method: String
    var path: String
    var status: Int
  }
  var requests: [Request]

  static func load(_ name: String) throws -> Story {
    let bytes = try recordedLines(name).joined(separator: [0x0A])
    return try JSONDecoder().decode(Story.self, from: Data(bytes))
  }
}
