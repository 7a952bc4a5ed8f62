import Foundation
import Testing

@testable import SitrepCore

/// Which service a source is listed under in the sources view and the report.
@Suite struct SourceServiceTests {
  @Test func jobAndDeployLogsNameNoServiceUnlessConfigured() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "sitrep-naming-\(UUID().uuidString)/demo"
    ).path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir + "/..") }
    let files = [
      ("api.access.log", "nginx-combined.log"), ("worker.log", "celery-worker.log"),
      ("deploys.jsonl", "deploys.jsonl"), ("cron.log", "syslog-cron.log"),
    ]
    for (name, fixture) in files {
      let lines = try fixtureLines(fixture).map { $0 + [0x0A] }.joined()
      try Data(lines).write(to: URL(fileURLWithPath: "\(dir)/\(name)"))
    }
    var options = FollowOptions()
    options.fromStart = true
    let specs =
      files.dropLast().map { SourceSpec(pattern: "\(dir)/\($0.0)") }
      + [SourceSpec(pattern: "\(dir)/cron.log", service: "billing")]
    let pipeline = IngestPipeline(
      specs: specs, options: options, monitor: Monitor(), archive: nil,
      decoderOptions: DecoderOptions())
    pipeline.readOnce(now: fixtureReadAt)
    let service = Dictionary(
      uniqueKeysWithValues: pipeline.health().map {
        (($0.path as NSString).lastPathComponent, $0.service)
      })
    #expect(service["api.access.log"] == "api")
    #expect(service["worker.log"] == .some(nil))
    #expect(service["deploys.jsonl"] == .some(nil))
    #expect(service["cron.log"] == "billing")
  }

  /// Issue 18: `/logs/web1/access.log` and `/logs/web2/access.log` read as hosts web1 and web2 are
  /// one service over two hosts, not services named after the hosts; each counts on its host's row.
  @Test func aFolderNamedAfterItsHostNamesNoService() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent(
      "sitrep-hostnaming-\(UUID().uuidString)"
    ).path
    defer { try? FileManager.default.removeItem(atPath: root) }
    let lines = try fixtureLines("nginx-combined.log").map { $0 + [0x0A] }.joined()
    for host in ["web1", "web2"] {
      try FileManager.default.createDirectory(
        atPath: "\(root)/shop/\(host)", withIntermediateDirectories: true)
      try Data(lines).write(to: URL(fileURLWithPath: "\(root)/shop/\(host)/access.log"))
    }
    var options = FollowOptions()
    options.fromStart = true
    let monitor = Monitor()
    let pipeline = IngestPipeline(
      specs: ["web1", "web2"].map { (host: String) in
        SourceSpec(pattern: "\(root)/shop/\(host)/access.log", host: host)
      }, options: options, monitor: monitor, archive: nil, decoderOptions: DecoderOptions())
    pipeline.readOnce(now: fixtureReadAt)
    #expect(pipeline.health().map(\.service) == ["shop", "shop"], "\(pipeline.health())")
    #expect(pipeline.health().map(\.host) == ["web1", "web2"])
    let shop = try #require(monitor.trackers.first { $0.name == "shop" })
    #expect(shop.hostNames.sorted() == ["web1", "web2"])
    #expect(monitor.trackers.count == 1)
  }
}
