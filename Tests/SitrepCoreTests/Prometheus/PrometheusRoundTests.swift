import Foundation
import SitrepTestSupport
import Testing

@testable import SitrepCore

/// Whole rounds against a loopback server answering as Prometheus does.
@Suite struct PrometheusRoundTests {
  static let counters =
    #"{"status":"success","data":{"resultType":"matrix","result":["#
    + #"{"metric":{"handler":"/a","method":"GET","status":"2xx"},"values":[[700,"100"],[1000,"190"]]},"#
    + #"{"metric":{"handler":"/a","method":"GET","status":"5xx"},"values":[[900,"10"]]}]}}"#
  static let buckets =
    #"{"status":"success","data":{"resultType":"matrix","result":["#
    + #"{"metric":{"le":"0.1","handler":"/a","method":"GET"},"values":[[700,"0"],[1000,"100"]]},"#
    + #"{"metric":{"le":"+Inf","handler":"/a","method":"GET"},"values":[[700,"0"],[1000,"100"]]}]}}"#
  static let up =
    #"{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1000,"1"]}]}}"#

  /// Answers by query: the request counter as a chunked matrix, the buckets, `up`, and a bad
  /// selector (`job="bad"`) with Prometheus's own 400.
  static func prometheus() throws -> LoopbackHTTPServer {
    try LoopbackHTTPServer { head in
      if head.contains("%22bad%22") {
        return .json(
          #"{"status":"error","errorType":"bad_data","error":"1:5: parse error: unexpected \"bad\""}"#,
          status: 400)
      }
      if head.contains("_bucket") { return .json(buckets) }
      if head.contains("query_range") {
        let half = counters.utf8.count / 2
        let a = String(counters.prefix(half))
        let b = String(counters.dropFirst(half))
        return LoopbackHTTPServer.Reply(
          pieces: [
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
            String(a.utf8.count, radix: 16) + "\r\n" + a + "\r\n",
            String(b.utf8.count, radix: 16) + "\r\n" + b + "\r\n0\r\n\r\n",
          ])
      }
      return .json(up)
    }
  }

  @Test func aRoundReadsEachServiceAndKeepsAnErrorToItsOwn() throws {
    let server = try Self.prometheus()
    defer { server.stop() }
    let plan = PrometheusPlan(
      settings: PrometheusSettings(url: HTTPURL(host: "127.0.0.1", port: server.port)),
      services: [
        ("api", PrometheusServiceQueries(selector: #"job="api""#)),
        ("bad", PrometheusServiceQueries(selector: #"job="bad""#)),
      ])
    let readings = plan.read(now: 1000, windowSeconds: 300)
    #expect(readings.count == 2)
    let api = readings[0]
    #expect(api.error == nil)
    #expect(api.stats?.requests == 100)
    #expect(api.stats?.statusClasses == ["2xx": 90, "5xx": 10])
    #expect(api.stats?.up == true)
    #expect(api.stats?.p95Ms == 95)
    #expect(api.queries == 3)
    let bad = readings[1]
    #expect(
      bad.error?.description == #"prometheus 400 bad_data: 1:5: parse error: unexpected "bad""#)
    // The queries sent: the raw counter over the window, the raw buckets at its two ends, `up`.
    let heads = server.requests.filter { $0.contains("%22api%22") }
    #expect(
      heads.contains {
        $0.hasPrefix(
          "GET /api/v1/query_range?query=http_requests_total%7Bjob%3D%22api%22%7D&start=700.000&end=1000.000&step=5.000 "
        )
      })
    #expect(
      heads.contains {
        $0.contains(
          "query=http_request_duration_seconds_bucket%7Bjob%3D%22api%22%7D&start=700.000&end=1000.000&step=300.000 "
        )
      })
    #expect(
      heads.contains {
        $0.hasPrefix("GET /api/v1/query?query=up%7Bjob%3D%22api%22%7D&time=1000.000 ")
      })
  }

  /// With a deploy in view, each service is also read step by step around it.
  @Test func aDeployAddsTheStepsAroundIt() throws {
    let server = try Self.prometheus()
    defer { server.stop() }
    let plan = PrometheusPlan(
      settings: PrometheusSettings(url: HTTPURL(host: "127.0.0.1", port: server.port)),
      services: [("api", PrometheusServiceQueries(selector: #"job="api""#))])
    let r = try #require(plan.read(now: 1000, windowSeconds: 300, deployAt: 900).first)
    #expect(r.queries == 5)
    let slices = try #require(r.slices)
    // 10 s steps from 10 minutes before the deploy to now.
    #expect(slices.start == 300 && slices.step == 10 && slices.classes.count == 70)
    // Both series first appear after 300: born inside the range, they count from 0 (190 + 10).
    #expect(slices.bucket(from: 300, to: 1000).requests == 200)
    #expect(server.requests.contains { $0.contains("&start=300.000&end=1000.000&step=10.000 ") })
  }

  /// An unreachable server costs one connect per round, not one per query: the rest of the round
  /// takes the same error at once.
  @Test func anUnreachableServerFailsTheRoundOnce() throws {
    let gone = try LoopbackHTTPServer { _ in .json("{}") }
    let port = gone.port
    gone.stop()
    let plan = PrometheusPlan(
      settings: PrometheusSettings(url: HTTPURL(host: "127.0.0.1", port: port), timeoutSeconds: 1),
      services: (0..<20).map { ("s\($0)", PrometheusServiceQueries(selector: "job=\"s\($0)\"")) })
    let readings = plan.read(now: 1000, windowSeconds: 300)
    #expect(readings.count == 20)
    #expect(readings.allSatisfy { $0.error?.isUnreachable == true && $0.stats == nil })
    #expect(readings.filter { $0.queries > 0 }.count == 1)
  }

  /// Twenty services in one round against a loopback server: measured and printed (the figure
  /// goes in the README), bounded loosely so a hang fails.
  @Test func twentyServicesInARound() throws {
    let server = try Self.prometheus()
    defer { server.stop() }
    let plan = PrometheusPlan(
      settings: PrometheusSettings(url: HTTPURL(host: "127.0.0.1", port: server.port)),
      services: (0..<20).map { ("s\($0)", PrometheusServiceQueries(selector: "job=\"s\($0)\"")) })
    let started = Date()
    let readings = plan.read(now: 1000, windowSeconds: 300)
    let seconds = Date().timeIntervalSince(started)
    print("prometheus round: 20 services, 60 queries in \(Int(seconds * 1000)) ms")
    #expect(readings.allSatisfy { $0.error == nil && $0.stats?.requests == 100 })
    #expect(seconds < 10)
  }
}
