import Testing

@testable import SitrepCore

@Suite struct PrometheusDecoderTests {
  @Test func parsesTheFixtureExactly() throws {
    let decoder = PrometheusDecoder()
    let text = try promFixtureText("app", "prom")
    let snapshot = try #require(onlySnapshot(decodePrometheus(text, readAt: 500, decoder: decoder)))

    #expect(snapshot.time == 500)
    #expect(snapshot.types["http_requests_total"] == .counter)
    #expect(snapshot.types["http_request_duration_seconds"] == .histogram)
    #expect(snapshot.types["up"] == .gauge)
    #expect(snapshot.samples.count == 13)

    #expect(
      snapshot.samples[0]
        == MetricSample(
          name: "http_requests_total",
          labels: [
            .init("handler", "/api/orders"), .init("method", "GET"), .init("status", "2xx"),
          ],
          value: 10271))
    let inf = try #require(snapshot.samples.first { $0.label("le") == "+Inf" })
    #expect(inf.value == 10283)
    let sum = try #require(snapshot.samples.first { $0.name.hasSuffix("_sum") })
    #expect(sum.value == 612.5)

    let build = try #require(snapshot.samples.first { $0.name == "app_build_info" })
    #expect(build.labels == [.init("commit", "3f2a1c9"), .init("version", "v1.4.2")])

    let nightly = try #require(
      snapshot.samples.first { $0.label("queue") != "default" && $0.name == "queue_depth" })
    #expect(nightly.label("queue") == #"reports "nightly"\slow"#)
    #expect(nightly.value.isNaN)

    let up = try #require(snapshot.samples.last)
    #expect(up.name == "up")
    #expect(up.timestamp == 1_795_528_951)

    #expect(decoder.counts.parsed == 18)
    #expect(decoder.counts.malformed == 0)
  }

  @Test func readsSpecialValuesAndExponents() throws {
    let text = """
      a 1.5e3
      b +Inf
      c -Inf
      d 2E-3
      e -0.25 -1000
      """
    let snapshot = try #require(onlySnapshot(decodePrometheus(text)))
    let values = snapshot.samples.map(\.value)
    #expect(values == [1500, .infinity, -.infinity, 0.002, -0.25])
    #expect(snapshot.samples[4].timestamp == -1)
  }

  @Test func acceptsTrailingCommaEmptyLabelSetsAndNewlineEscape() throws {
    let text = #"""
      x{a="1",b="2",} 1
      y{} 2
      z{ msg = "line\nnext" , } 3
      w{path="C:\temp"} 4
      """#
    let snapshot = try #require(onlySnapshot(decodePrometheus(text)))
    #expect(snapshot.samples[0].labels == [.init("a", "1"), .init("b", "2")])
    #expect(snapshot.samples[1].labels.isEmpty)
    #expect(snapshot.samples[1].value == 2)
    #expect(snapshot.samples[2].label("msg") == "line\nnext")
    // Unknown escapes are kept as written rather than losing the sample.
    #expect(snapshot.samples[3].label("path") == #"C:\temp"#)
  }

  @Test func toleratesCarriageReturns() throws {
    let snapshot = try #require(
      onlySnapshot(decodePrometheus("# TYPE m gauge\r\nm{a=\"1\"} 2\r\n")))
    #expect(snapshot.types["m"] == .gauge)
    #expect(snapshot.samples.map(\.value) == [2])
  }

  @Test func sortsLabelsByName() throws {
    let snapshot = try #require(onlySnapshot(decodePrometheus(#"m{z="1",a="2"} 1"#)))
    #expect(snapshot.samples[0].labels.map(\.name) == ["a", "z"])
  }

  @Test func countsMalformedLinesAndKeepsTheLastFiveSanitised() {
    let decoder = PrometheusDecoder()
    let bad = [
      "no_value", #"m{a="1" 2"#, "m{a=1} 2", "m 1 2 3", "m abc", "m 0x10", "1metric 2",
      "m{a=\"unterminated} 1", "m 1 99999999999999999999999", "# TYPE m flavour",
      "evil\u{1B}[31m 1x\u{07}",
    ]
    let events = decodePrometheus((["ok 1"] + bad).joined(separator: "\n"), decoder: decoder)
    #expect(decoder.counts.malformed == bad.count)
    #expect(decoder.counts.parsed == 1)
    #expect(decoder.counts.recentMalformed.count == 5)
    #expect(decoder.counts.recentMalformed.last == "evil[31m 1x")
    #expect(onlySnapshot(events)?.samples.map(\.name) == ["ok"])
  }

  @Test func commentsAndBlankLinesAreIgnoredNotMalformed() {
    let decoder = PrometheusDecoder()
    _ = decodePrometheus("# HELP m help text\n# just a comment\n\nm 1", decoder: decoder)
    #expect(decoder.counts.ignored == 3)
    #expect(decoder.counts.malformed == 0)
  }

  @Test func eachFlushIsOneSnapshotAndResets() throws {
    let decoder = PrometheusDecoder()
    let first = try #require(onlySnapshot(decodePrometheus("m 1", readAt: 10, decoder: decoder)))
    let second = try #require(onlySnapshot(decodePrometheus("m 2", readAt: 20, decoder: decoder)))
    #expect(first.samples.map(\.value) == [1])
    #expect(second.samples.map(\.value) == [2])
    #expect(second.time == 20)

    var events: [Event] = []
    decoder.flush(into: &events)
    #expect(events.isEmpty)
  }

  @Test func scoresExpositionLinesAboveOtherText() {
    let score = PrometheusFormat.descriptor.scoreLine
    #expect(score("# TYPE up gauge") == 1)
    #expect(score(#"up{job="api"} 1"#) > 0.8)
    #expect(score(#"127.0.0.1 - - [24/Nov/2026:14:02:31 +0000] "GET / HTTP/1.1" 200 5"#) == 0)
    #expect(score("2026-11-24 14:02:31,123 INFO app: started") == 0)
    #expect(PrometheusFormat.descriptor.role == .metrics)
    #expect(
      PrometheusFormat.descriptor.makeDecoder(DecoderOptions(), RequestSink.collecting())
        .formatID == "prometheus")
  }
}
