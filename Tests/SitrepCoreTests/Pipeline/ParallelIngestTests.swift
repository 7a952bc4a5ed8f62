import Foundation
import SitrepBench
import Testing

@testable import SitrepCore

/// Headless reads decode access logs in chunks on several threads and merge; live reads record
/// each request directly; the reference path builds a `Request` per line through the general
/// parser. All three must agree exactly.
@Suite struct ParallelIngestTests {
  static let start: EpochSeconds = 1_795_000_000

  /// 40k requests every 0.15 s (100 minutes: past the 75-minute service ring, so slots are
  /// reused), with a garbage line every 997 lines and `/health` checks among them.
  static func writeLog() throws -> (dir: String, path: String, end: EpochSeconds) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "sitrep-parallel-\(UUID().uuidString)"
    ).path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let path = dir + "/access.log"
    try BenchData.writeAccessLog(lines: 40_000, to: path, seed: 7, start: start, spacing: 0.15)
    var lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
    for i in stride(from: 500, to: lines.count, by: 997) { lines[i] = "garbage line \(i)" }
    try (lines.joined(separator: "\n") + "\n").write(
      toFile: path, atomically: true, encoding: .utf8)
    return (dir, path, start + 40_000 * 0.15)
  }

  static func pipeline(_ path: String, chunkBytes: Int = 2 << 20, lanes: Int = 2) -> IngestPipeline
  {
    var options = FollowOptions()
    options.fromStart = true
    options.bulkChunkBytes = chunkBytes
    options.bulkLanes = lanes
    return IngestPipeline(
      specs: [SourceSpec(pattern: path, service: "api")], options: options, monitor: Monitor(),
      archive: nil, decoderOptions: DecoderOptions())
  }

  /// Chunks of 2 MB (two of them here), of 64 kB (many edges, the rings' slots reused between
  /// one lane's chunks), and three lanes on 64 kB chunks.
  @Test(arguments: [(2 << 20, 2), (64 << 10, 2), (64 << 10, 3), (64 << 10, 1)])
  func parallelLiveAndOneByOneGiveTheSameModel(chunkBytes: Int, lanes: Int) throws {
    let (dir, path, end) = try Self.writeLog()
    defer { try? FileManager.default.removeItem(atPath: dir) }

    let headless = Self.pipeline(path, chunkBytes: chunkBytes, lanes: lanes)
    headless.readOnce(now: end)

    let live = Self.pipeline(path)
    while live.pump(now: end, budgetBytes: 64 << 10) {}

    // The reference: every line's `Request` built in full, then fed one by one, route as written.
    let reference = Monitor()
    let requests = RequestSink.collecting()
    let decoder = AccessLogDecoder(
      formatID: "nginx-combined", flavor: .nginx, options: DecoderOptions(), requests: requests)
    var events: [Event] = []
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
    where !line.isEmpty {
      Array(line).withUnsafeBufferPointer { decoder.feed($0, readAt: end, into: &events) }
    }
    #expect(events.isEmpty)
    for r in requests.collected { reference.ingest(r, service: "api") }

    for window in [TimeWindow.fiveMinutes, .oneHour] {
      let expected = reference.snapshot(now: end, window: window)
      #expect(live.monitor.snapshot(now: end, window: window) == expected)
      // Everything, the slowest list included: it keeps each ten-minute slot's slowest, which
      // merges exactly.
      #expect(headless.monitor.snapshot(now: end, window: window) == expected)
    }
    let a = headless.monitor.trackers[0]
    let b = reference.trackers[0]
    #expect(a.totalRequests == b.totalRequests)
    #expect(a.recentHealth == b.recentHealth)
    #expect(a.recentErrors.items == b.recentErrors.items)
    let order = { (x: Request, y: Request) in SlowestRequests.ranksBelow(x, y) }
    #expect(a.slowest.items.sorted(by: order) == b.slowest.items.sorted(by: order))
    #expect(headless.monitor.eventsIngested == reference.eventsIngested)

    let health = try #require(headless.health().first)
    #expect(health.malformed == decoder.counts.malformed)
    #expect(health.malformed == 40)
    #expect(health.recentMalformed == decoder.counts.recentMalformed)
    #expect(health.lines == 40_000)
  }
}

/// A read on several threads does not keep the order routes were first seen in, so the snapshot
/// lists them in an order of their own: busiest first, then by name.
@Suite struct RouteOrderTests {
  @Test func routesWithEqualCountsAreListedByName() throws {
    let monitor = Monitor()
    let t: EpochSeconds = 1_795_000_000
    for (i, path) in ["/zeta", "/alpha", "/mid", "/alpha"].enumerated() {
      monitor.ingest(
        (Request(
          time: t + Double(i), method: "GET", path: path, route: path, status: 200,
          durationMs: 5)),
        service: "api")
    }
    let service = try #require(
      monitor.snapshot(now: t + 10, window: .fiveMinutes).services.first { $0.name == "api" })
    #expect(service.routes.map(\.route) == ["GET /alpha", "GET /mid", "GET /zeta"])
  }
}
