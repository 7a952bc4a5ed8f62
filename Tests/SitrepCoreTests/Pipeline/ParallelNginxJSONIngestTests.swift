import Foundation
import Testing

@testable import SitrepCore

/// nginx's JSON access log is read on every core in a headless read, as text access logs are:
/// chunked and line by line must give the same model, counts and last malformed lines.
@Suite struct ParallelNginxJSONIngestTests {
  typealias Records = ParallelRecordIngestTests

  /// nginx `escape=json` lines a quarter second apart: a 5xx every 37th, an escaped path now and
  /// then, garbage, a line without a time, and lines stamped a day ahead of the read.
  static func lines(_ count: Int) -> [String] {
    (1...count).map { n in
      let t = Records.start + Double(n) * 0.25
      let status = n % 37 == 0 ? 502 : (n % 11 == 0 ? 404 : 200)
      let path = n % 17 == 0 ? #"/api/search?q=\"x\"&n=\#(n)"# : "/api/orders/\(n % 50)"
      switch n % 53 {
      case 5: return "garbage \(n) {not json"
      case 9:
        return
          #"{"status":200,"request_method":"GET","request_uri":"/health","request_time":0.001}"#
      case 21:
        return
          #"{"time_iso8601":"\#(Records.stamp(t + 86_400))","remote_addr":"10.0.0.1","#
          + #""request":"GET /late HTTP/1.1","status":200,"request_time":0.010}"#
      default:
        return
          #"{"time_iso8601":"\#(Records.stamp(t))","remote_addr":"10.0.0.\#(n % 9)","#
          + #""request_method":"GET","request_uri":"\#(path)","status":\#(status),"#
          + #""body_bytes_sent":\#(n % 900),"request_time":\#(Double(n % 300) / 1000),"#
          + #""upstream_response_time":"\#(Double(n % 250) / 1000)","#
          + #""http_user_agent":"curl/8.0"}"#
      }
    }
  }

  @Test(arguments: [(4_096, 2), (1_024, 3), (2_097_152, 2), (4_096, 1)])
  func chunkedReadEqualsLineByLine(chunkBytes: Int, lanes: Int) throws {
    let (dir, path) = try Records.write(Self.lines(3_000))
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let now = Records.start + 3_000 * 0.25 + 60
    let headless = Records.pipeline(path, chunkBytes: chunkBytes, lanes: lanes)
    headless.readOnce(now: now)
    let live = Records.pipeline(path)
    while live.pump(now: now, budgetBytes: 64 << 10) {}
    live.readOnce(now: now)
    #expect(headless.health().first?.detection?.format == "nginx-json")
    #expect(headless.linesDecodedInParallel > 0, "the chunked read was not taken")
    for window in [TimeWindow.fiveMinutes, .oneHour] {
      #expect(
        headless.monitor.snapshot(now: now, window: window)
          == live.monitor.snapshot(now: now, window: window))
    }
    #expect(headless.health() == live.health())
    let source = try #require(headless.health().first)
    #expect(source.malformed == 3_000 / 53 + (3_000 % 53 >= 5 ? 1 : 0))
    #expect(source.lines == 3_000)
  }
}
