import Foundation
import Testing

@testable import SitrepCore

/// Every other sample file: the decoder must survive it and the detector must not claim it.
@Suite struct PrometheusOtherFilesTests {
  static let otherFixtures = [
    ("apache-common", "log"), ("app-jsonlogger", "jsonl"), ("app-logfmt", "log"),
    ("app-python", "log"), ("app-structlog", "jsonl"), ("celery-worker", "log"),
    ("deploys-capistrano", "log"), ("deploys", "jsonl"), ("gunicorn-access", "log"),
    ("gunicorn-error", "log"), ("hostile", "log"), ("nginx-combined", "log"),
    ("nginx-upstream", "log"), ("rq-worker", "log"), ("syslog-cron", "log"), ("uvicorn", "log"),
  ]

  @Test(arguments: otherFixtures)
  func logFilesAreNotMetrics(name: String, ext: String) throws {
    let bytes = try promFixtureBytes(name, ext)
    let text = String(decoding: bytes, as: UTF8.self)
    let lines = text.split(whereSeparator: \.isNewline).map(String.init)
    let average = lines.map(PrometheusFormat.scoreLine).reduce(0, +) / Double(max(1, lines.count))
    #expect(average < 0.3, "\(name).\(ext) scored \(average)")

    let decoder = PrometheusDecoder()
    _ = decodePrometheus(bytes: bytes, decoder: decoder)
    #expect(decoder.counts.malformed > 0)
    #expect(decoder.counts.recentMalformed.count <= 5)
    #expect(
      decoder.counts.recentMalformed.allSatisfy { line in
        line.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F }
      })
  }

  @Test func prometheusFixtureScoresHigh() throws {
    let lines = try promFixtureText("app", "prom").split(whereSeparator: \.isNewline).map(
      String.init)
    let average = lines.map(PrometheusFormat.scoreLine).reduce(0, +) / Double(lines.count)
    #expect(average > 0.85)
  }

  @Test func sampleCountIsBounded() {
    let limit = 100
    let decoder = PrometheusDecoder(maxSamples: limit)
    var events: [Event] = []
    var line = Array("m 1".utf8)
    line.withUnsafeMutableBufferPointer { buffer in
      for _ in 0..<(limit + 3) {
        decoder.feed(UnsafeBufferPointer(buffer), readAt: 1, into: &events)
      }
    }
    decoder.flush(into: &events)
    #expect(decoder.counts.ignored == 3)
    #expect(onlySnapshot(events)?.samples.count == limit)
  }
}
