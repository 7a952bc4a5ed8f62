import Testing

@testable import SitrepCore

/// Prometheus's API answers, as the server writes them: vectors, matrices, its error bodies, a
/// proxy's page instead, and sample values at the edges of what a Double holds.
@Suite struct PrometheusAPITests {
  func response(_ body: String, status: Int = 200) -> HTTPResponse {
    HTTPResponse(status: status, reason: "", headers: [], body: Array(body.utf8))
  }

  @Test func vectorAndMatrix() throws {
    let vector = try PrometheusAPI.decode(
      response(
        #"{"status":"success","data":{"resultType":"vector","result":[{"metric":{"job":"api","status":"5xx"},"value":[1700000000.5,"12"]}]}}"#
      )
    ).get()
    #expect(
      vector == [
        PromSeries(
          labels: ["job": "api", "status": "5xx"],
          samples: [PromSample(time: 1_700_000_000.5, value: 12)])
      ])
    let matrix = try PrometheusAPI.decode(
      response(
        #"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1,"1"],[2,"3"]]}]}}"#
      )
    ).get()
    #expect(matrix.first?.samples.map(\.value) == [1, 3])
  }

  @Test func theServersErrorIsKeptInItsOwnWords() {
    let r = PrometheusAPI.decode(
      response(
        #"{"status":"error","errorType":"bad_data","error":"1:9: parse error: unexpected \",\" in label matching"}"#,
        status: 400))
    #expect(
      r
        == .failure(
          .server(
            status: 400, type: "bad_data",
            message: #"1:9: parse error: unexpected "," in label matching"#)))
    if case .failure(let e) = r {
      #expect(e.description.hasPrefix("prometheus 400 bad_data: 1:9: parse error"))
      #expect(!e.isUnreachable)
    }
  }

  @Test func aProxyPageIsNotAnAnswer() {
    let r = PrometheusAPI.decode(
      response("<html><body>502 Bad Gateway</body></html>\n<p>nginx</p>", status: 502))
    #expect(
      r == .failure(.unexpected(status: 502, text: "<html><body>502 Bad Gateway</body></html>")))
    let cut = PrometheusAPI.decode(response(#"{"status":"success","data":{"resu"#))
    guard case .failure(.unexpected(200, let why)) = cut else {
      Issue.record("\(cut)")
      return
    }
    #expect(why.hasPrefix("not JSON at byte"))
  }

  /// NaN, infinities, a value past Double's range and a wrapped uint64 counter are read, never a
  /// trap; the numbers built from them stay finite and within bounds.
  @Test func extremeSampleValues() throws {
    let body =
      #"{"status":"success","data":{"resultType":"matrix","result":["#
      + #"{"metric":{"status":"200"},"values":[[100,"NaN"],[110,"+Inf"],[120,"-Inf"],[130,"1e999"]]},"#
      + #"{"metric":{"status":"500"},"values":[[100,"0"],[130,"18446744073709551615"]]}]}}"#
    let series = try PrometheusAPI.decode(response(body)).get()
    let values = series[0].samples.map(\.value)
    #expect(values[0].isNaN)
    #expect(values[1] == .infinity && values[2] == -.infinity && values[3] == .infinity)
    let (stats, spark, _) = PrometheusNumbers.stats(
      counters: series, buckets: [], up: nil, queries: PrometheusServiceQueries(selector: ""),
      start: 100, end: 130, step: 10)
    let converted = try #require(RequestStats(metrics: stats, now: 130, window: 30))
    #expect(converted.requests == RequestStats.largestMetricsCount)
    #expect(converted.statusClasses[5] == RequestStats.largestMetricsCount)
    #expect(spark.allSatisfy { $0.isFinite })
  }

  @Test func hostileJSONIsRefusedNotCrashed() throws {
    let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
    guard case .failure(let e) = JSONTree.parse(Array(deep.utf8)) else {
      Issue.record("parsed")
      return
    }
    #expect(e.why.contains("deeper"))
    for bad in [#"{"a":"#, #"{"a":"\u12"}"#, "[1,]", "nul", #""\"#, "1 2", "{\"a\" 1}"] {
      guard case .failure = JSONTree.parse(Array(bad.utf8)) else {
        Issue.record("accepted \(bad)")
        continue
      }
    }
    #expect(
      try JSONTree.parse(Array(#"{"k":"\ud83d\ude00 \u00e9\n","n":-1.5e3}"#.utf8)).get()
        == .object([("k", .string("😀 é\n")), ("n", .number("-1.5e3"))]))
  }
}
