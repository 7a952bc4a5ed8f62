import Foundation
import SitrepTestSupport
import Testing

/// `check --watch` over a service Prometheus counts: each look asks Prometheus around the watched
/// deploy, so a regression it shows is caught at the first look, not at the watch's end.
@Suite struct PrometheusWatchTests {
  /// Counters generated at the query's own steps: 2 requests a second, none failing before the
  /// deploy at `deployAt`, half failing after it; every request under 100 ms.
  static func server(deployAt: Double) throws -> LoopbackHTTPServer {
    try LoopbackHTTPServer { head in
      func param(_ name: String) -> Double {
        guard let r = head.range(of: "\(name)=") else { return 0 }
        return Double(head[r.upperBound...].prefix { $0 != "&" && $0 != " " }) ?? 0
      }
      guard head.contains("query_range") else {
        return .json(
          #"{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"1"]}]}}"#
        )
      }
      let (start, end, step) = (param("start"), param("end"), Swift.max(param("step"), 1))
      let origin = deployAt - 3600
      func ok(_ t: Double) -> Int {
        Int(2 * (Swift.min(t, deployAt) - origin) + Swift.max(0, t - deployAt))
      }
      func failed(_ t: Double) -> Int { Int(Swift.max(0, t - deployAt)) }
      func values(_ f: (Double) -> Int) -> String {
        var out: [String] = []
        var t = start
        while t <= end + 1e-6 {
          out.append(#"[\#(t),"\#(f(t))"]"#)
          t += step
        }
        return out.joined(separator: ",")
      }
      let series: [String]
      if head.contains("_bucket") {
        series = ["0.1", "+Inf"].map { le in
          #"{"metric":{"le":"\#(le)"},"values":[\#(values { ok($0) + failed($0) })]}"#
        }
      } else {
        series = [
          #"{"metric":{"status":"200"},"values":[\#(values(ok))]}"#,
          #"{"metric":{"status":"500"},"values":[\#(values(failed))]}"#,
        ]
      }
      return .json(
        #"{"status":"success","data":{"resultType":"matrix","result":["#
          + series.joined(separator: ",") + "]}}")
    }
  }

  @Test func aRegressionPrometheusShowsIsCaughtAtTheFirstLook() throws {
    let now = Date().timeIntervalSince1970
    let deployAt = (now - 180).rounded(.down)
    let server = try Self.server(deployAt: deployAt)
    defer { server.stop() }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "sitrep-prom-watch-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let deploys = folder.appendingPathComponent("deploys.jsonl").path
    try #"{"ts": \#(deployAt), "version": "v2", "service": "api"}"#.appending("\n")
      .write(toFile: deploys, atomically: true, encoding: .utf8)
    let config = folder.appendingPathComponent("sitrep.toml").path
    try """
    [prometheus]
    url = "http://127.0.0.1:\(server.port)"
    timeout = "2s"

    [[service]]
    name = "api"
    prometheus = 'job="api"'

    [[source]]
    path = "\(deploys)"
    role = "deploys"
    """.write(toFile: config, atomically: true, encoding: .utf8)
    // Without Prometheus in the looks this would watch to the deploy's 5 minutes (2 from now).
    let started = Date()
    let r = try CommandRunner.sitrep(
      ["check", "-c", config, "--watch", "5m", "--look-every", "1s"], timeout: 60)
    #expect(r.status == 2, "\(r.stdout)\n\(r.stderr)")
    #expect(r.stdout.contains("SITREP CRITICAL - deploy v2: error_rate 0% → 50%"), "\(r.stdout)")
    #expect(Date().timeIntervalSince(started) < 45)
  }
}
