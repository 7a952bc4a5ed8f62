import Foundation
import Testing

@testable import SitrepCore

/// A service read from an access log is named after what the logs next to it say, never after a
/// generic folder: `service/access.log` next to an app log and a deploy log that say `api` used to
/// be the service "service".
@Suite struct ServiceNamerTests {
  static let access =
    #"203.0.113.7 - - [24/Nov/2026:14:02:31 +0000] "GET /api/orders/1842 HTTP/1.1" 200 512 "-" "curl" 0.038"#
  static let app =
    #"{"asctime": "2026-11-24 14:02:31,118", "levelname": "INFO", "name": "app", "service": "api", "message": "order created"}"#
  static let deploy = #"{"ts": "2026-11-24T13:20:00Z", "service": "api", "version": "v1.4.1"}"#

  static func folder(_ sub: String, _ files: [(String, String)]) throws -> (
    root: String, dir: String
  ) {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent(
      "tmp.\(UUID().uuidString.prefix(8))"
    ).path
    let dir = root + "/" + sub
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    for (name, line) in files {
      try (line + "\n").write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
    }
    return (root, dir)
  }

  static func services(_ paths: [String]) -> [String: String?] {
    var options = FollowOptions()
    options.fromStart = true
    let pipeline = IngestPipeline(
      specs: paths.map { SourceSpec(pattern: $0) }, options: options, monitor: Monitor(),
      archive: nil, decoderOptions: DecoderOptions())
    pipeline.readOnce(now: fixtureReadAt)
    return Dictionary(
      uniqueKeysWithValues: pipeline.health().map {
        (($0.path as NSString).lastPathComponent, $0.service)
      })
  }

  @Test func anAccessLogTakesTheNameItsNeighboursSay() throws {
    let (root, dir) = try Self.folder(
      "service",
      [("access.log", Self.access), ("app.log", Self.app), ("deploys.jsonl", Self.deploy)])
    defer { try? FileManager.default.removeItem(atPath: root) }
    let service = Self.services(["access.log", "app.log", "deploys.jsonl"].map { dir + "/" + $0 })
    #expect(service["access.log"] == "api")
    #expect(service["app.log"] == "api")
  }

  @Test func aGenericOrTemporaryFolderNamesNothing() throws {
    let (root, dir) = try Self.folder("logs", [("access.log", Self.access)])
    defer { try? FileManager.default.removeItem(atPath: root) }
    #expect(Self.services([dir + "/access.log"])["access.log"] == "web")
  }

  @Test func aFileNameBeatsItsNeighbours() throws {
    let (root, dir) = try Self.folder(
      "logs",
      [
        ("api.access.log", Self.access), ("admin-access.log", Self.access),
        ("deploys.jsonl", Self.deploy),
      ])
    defer { try? FileManager.default.removeItem(atPath: root) }
    let service = Self.services(
      ["api.access.log", "admin-access.log", "deploys.jsonl"].map { dir + "/" + $0 })
    #expect(service["api.access.log"] == "api")
    #expect(service["admin-access.log"] == "admin")
  }

  @Test func aMetricsFileIsNamedByItsBuildInfo() throws {
    let (root, dir) = try Self.folder(
      "textfile",
      [
        (
          "metrics.prom",
          "# TYPE billing_build_info gauge\nbilling_build_info{service=\"billing\",version=\"1\"} 1"
        )
      ])
    defer { try? FileManager.default.removeItem(atPath: root) }
    #expect(Self.services([dir + "/metrics.prom"])["metrics.prom"] == "billing")
  }
}
