import Foundation
import Testing

@testable import SitrepCore

/// JSON request records (a FastAPI middleware's, recorded) are a service's traffic when no access
/// log feeds it, and never add to an access log's count, whichever file is read first.
@Suite struct AppRecordRequestsTests {
  static let recorded = "Fixtures/formats/fastapi-jsonlog/app.jsonl"
  /// A minute after the recording.
  static let now: EpochSeconds = 1_795_709_795

  static func read(_ paths: [String]) throws -> Snapshot {
    var options = FollowOptions()
    options.fromStart = true
    let pipeline = IngestPipeline(
      specs: paths.map { SourceSpec(pattern: $0, service: "api") }, options: options,
      monitor: Monitor(), archive: nil, decoderOptions: DecoderOptions())
    pipeline.readOnce(now: now)
    return pipeline.monitor.snapshot(now: now, window: .oneHour)
  }

  static func recordedPath() throws -> String {
    try #require(Bundle.module.resourceURL).appendingPathComponent(recorded).path
  }

  @Test func recordsAreTheTrafficOfAServiceWithoutAnAccessLog() throws {
    let api = try #require(try Self.read([Self.recordedPath()]).services.first)
    #expect(api.name == "api")
    #expect(api.stats.requests == 12)
    #expect(api.routes.contains { $0.route == "GET /api/orders/{order_id}" })
  }

  @Test(arguments: [false, true])
  func anAccessLogsCountStandsAlone(accessLogFirst: Bool) throws {
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("sitrep-app-records-\(UInt32.random(in: 0...UInt32.max))")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let access = dir.appendingPathComponent("access.log").path
    // Five requests in the same minutes, as nginx in front of the app would log them.
    let lines = (0..<5).map { i in
      "127.0.0.1 - - [26/Nov/2026:16:15:3\(i) +0000] \"GET /api/orders/\(i) HTTP/1.1\" 200 30 "
        + "\"-\" \"curl/8.0\" 0.031"
    }
    try (lines.joined(separator: "\n") + "\n").write(
      toFile: access, atomically: true, encoding: .utf8)
    let app = try Self.recordedPath()
    let snapshot = try Self.read(accessLogFirst ? [access, app] : [app, access])
    let api = try #require(snapshot.services.first { $0.name == "api" })
    #expect(api.stats.requests == 5)
    #expect(snapshot.services.count == 1)
  }
}
