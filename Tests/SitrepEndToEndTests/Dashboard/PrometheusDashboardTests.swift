import Foundation
import SitrepTestSupport
import Testing

/// The dashboard over a Prometheus of the test's own: one service answers, one never answers in
/// time. Its numbers reach the Services panel, the slow one says it timed out, and keys are
/// answered all the while (the queries run on their own thread).
@Suite struct PrometheusDashboardTests {
  /// Canned answers with times taken from the query: a counter at 100 then 190 (2xx), a 5xx
  /// series born inside the range at 10, buckets, and `up`. `promslow` waits past the timeout.
  static func server() throws -> LoopbackHTTPServer {
    try LoopbackHTTPServer { head in
      if head.contains("promslow") {
        return LoopbackHTTPServer.Reply(
          pieces: ["HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}"], pauseBeforeEach: 4)
      }
      func param(_ name: String) -> String {
        guard let r = head.range(of: "&\(name)=") else { return "0" }
        return String(head[r.upperBound...].prefix { $0 != "&" && $0 != " " })
      }
      let (start, end) = (param("start"), param("end"))
      if head.contains("_bucket") {
        return .json(
          #"{"status":"success","data":{"resultType":"matrix","result":["#
            + #"{"metric":{"le":"0.25","handler":"/x","method":"GET"},"values":[[\#(start),"0"],[\#(end),"100"]]},"#
            + #"{"metric":{"le":"+Inf","handler":"/x","method":"GET"},"values":[[\#(start),"0"],[\#(end),"100"]]}]}}"#
        )
      }
      if head.contains("query_range") {
        return .json(
          #"{"status":"success","data":{"resultType":"matrix","result":["#
            + #"{"metric":{"handler":"/x","method":"GET","status":"200"},"values":[[\#(start),"100"],[\#(end),"190"]]},"#
            + #"{"metric":{"handler":"/x","method":"GET","status":"500"},"values":[[\#(end),"10"]]}]}}"#
        )
      }
      return .json(
        #"{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"1"]}]}}"#
      )
    }
  }

  @Test func numbersArriveAndASlowServerNeverHoldsTheKeys() throws {
    let server = try Self.server()
    defer { server.stop() }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "sitrep-prom-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let config = folder.appendingPathComponent("sitrep.toml").path
    try """
    [prometheus]
    url = "http://127.0.0.1:\(server.port)"
    timeout = "1s"
    interval = "2s"

    [[service]]
    name = "promapi"
    prometheus = 'job="promapi"'

    [[service]]
    name = "promslow"
    prometheus = 'job="promslow"'
    """.write(toFile: config, atomically: true, encoding: .utf8)
    let dashboard = try DashboardUnderTmux(width: 160, height: 40, arguments: ["-c", config])
    defer { dashboard.close() }
    let tmux = dashboard.tmux
    try dashboard.waitForPanels()
    // 100 requests, 10 of them 5xx: DEGRADED, from Prometheus's numbers.
    let screen = try tmux.waitFor("promapi's numbers") { screen in
      screen.split(separator: "\n").contains { $0.contains("promapi") && $0.contains("DEGRADED") }
    }
    #expect(screen.contains("err   10%") || screen.contains("err 10%"))
    try tmux.waitFor("promslow's timeout") { screen in
      screen.split(separator: "\n").contains {
        $0.contains("promslow") && $0.contains("UNKNOWN") && $0.contains("timed out after 1s")
      }
    }
    // Keys are answered while the slow queries wait on their own thread.
    try tmux.send("?")
    try tmux.waitFor(text: "next / previous panel", timeout: 3)
    try tmux.send("x")
    try tmux.waitFor("the overlay gone") { !$0.contains("next / previous panel") }
    try tmux.send("s")
    try tmux.waitFor("the sources view") {
      $0.contains("sitrep · sources") && $0.contains("prometheus-api")
    }
    // Quits at once from the sources view, even with a query waiting on the slow server.
    try tmux.send("Q")
    #expect(try dashboard.waitForExit() == 0)
  }
}
