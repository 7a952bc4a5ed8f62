import Foundation
import Testing

@testable import SitrepCore

/// Opt-in throughput check (`SITREP_BENCH=1 swift test -c release -Xswiftc -enable-testing
/// --filter DecoderThroughputBenchmark`). It asserts nothing about time, it only reports, so it
/// cannot flake; debug builds are far too slow for the numbers to mean anything.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["SITREP_BENCH"] == "1"))
struct DecoderThroughputBenchmark {
  @Test(arguments: [
    ("nginx-combined", "nginx-combined.log"), ("gunicorn", "gunicorn-access.log"),
    ("python-logging", "app-python.log"), ("json", "app-structlog.jsonl"),
    ("celery", "celery-worker.log"),
  ])
  func linesPerSecond(format: String, fixture: String) throws {
    let seeds = try fixtureLines(fixture)
    // Vary the ids in paths so the route memo sees realistic traffic, not nine paths.
    var lines: [[UInt8]] = []
    for i in 0..<200_000 {
      var line = seeds[i % seeds.count]
      if let slash = line.firstIndex(of: UInt8(ascii: "7")) {
        line[slash] = UInt8(ascii: "0") + UInt8(i % 10)
      }
      lines.append(line)
    }
    let decoder = try #require(FormatCatalog.descriptor(id: format)).makeDecoder(
      DecoderOptions(), RequestSink.collecting())
    var events: [Event] = []
    events.reserveCapacity(lines.count)
    let clock = ContinuousClock()
    let elapsed = clock.measure {
      for line in lines {
        line.withUnsafeBufferPointer { decoder.feed($0, readAt: fixtureReadAt, into: &events) }
      }
      decoder.flush(into: &events)
    }
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    print("BENCH \(format): \(Int(Double(lines.count) / seconds)) lines/s (\(events.count) events)")
    #expect(total(decoder.counts) == lines.count)
  }
}
