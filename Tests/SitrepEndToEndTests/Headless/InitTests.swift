import Foundation
import Testing

/// `sitrep init` writes a starter config that `sitrep report --config` reads back.
@Suite struct InitTests {
  @Test func starterConfigIsAcceptedByReport() throws {
    let files = try DemoFiles.make()
    defer { files.remove() }
    let initResult = try CommandRunner.sitrep(["init"] + files.paths)
    #expect(initResult.status == 0, "stderr: \(initResult.stderr)")
    #expect(initResult.stdout.contains("[[service]]"))
    #expect(initResult.stdout.contains("name = \"api\""))
    #expect(initResult.stdout.contains("format = \"celery\""))
    let config = files.directory.deletingLastPathComponent().appendingPathComponent("sitrep.toml")
    try initResult.stdout.write(to: config, atomically: true, encoding: .utf8)

    let report = try CommandRunner.sitrep([
      "report", "--json", "--config", config.path, "--at", ReportGoldenTests.at,
    ])
    #expect(report.status == 0, "stderr: \(report.stderr)")
    let root = try #require(
      try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
    let services = (root["services"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
    #expect(Set(services) == ["admin", "api"])
    let jobs = (root["jobs"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
    #expect(jobs.contains("tasks.sync_sku"))
    #expect((root["deploy"] as? [String: Any])?["version"] as? String == "v1.4.2")
  }
}

/// nginx's JSON `log_format` (recorded), with the server's config beside it: detection reads the
/// file by itself now (`nginx-json`), so `init` writes no definition for it and `report` reads it.
/// (A file detection is unsure of still gets the server's own format: `DefinitionFinderTests`.)
@Suite struct InitProposalTests {
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  @Test func aDetectedFileNeedsNoProposal() throws {
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("sitrep-init-\(UInt32.random(in: 0...UInt32.max))")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let log = dir.appendingPathComponent("api.access.log")
    try FileManager.default.copyItem(
      at: Self.repository.appendingPathComponent(
        "Tests/SitrepCoreTests/Fixtures/declared/nginx-json.log"),
      to: log)
    // The directive as nginx.conf has it, with another format before it and a comment.
    let nginxConf = dir.appendingPathComponent("nginx.conf")
    try """
    http {
        # log_format old '$remote_addr';
        log_format main '$remote_addr - $remote_user [$time_local] "$request" '
                        '$status $body_bytes_sent';
        log_format jsonlog escape=json '{"time":"$time_iso8601","remote_addr":"$remote_addr",'
          '"request_method":"$request_method","request_uri":"$request_uri","status":$status,'
          '"body_bytes_sent":$body_bytes_sent,"request_time":$request_time,'
          '"upstream_response_time":"$upstream_response_time","upstream_status":"$upstream_status",'
          '"http_user_agent":"$http_user_agent"}';
    }
    """.write(to: nginxConf, atomically: true, encoding: .utf8)

    let initResult = try CommandRunner.sitrep([
      "init", "--server-config", nginxConf.path, log.path,
    ])
    #expect(initResult.status == 0, "stderr: \(initResult.stderr)")
    #expect(!initResult.stdout.contains("log_format jsonlog"))
    let config = dir.appendingPathComponent("sitrep.toml")
    try initResult.stdout.write(to: config, atomically: true, encoding: .utf8)

    let report = try CommandRunner.sitrep([
      "report", "--json", "--from-start", "--config", config.path, "--at",
      "2026-11-26T16:05:00Z", "--window", "1h",
    ])
    #expect(report.status == 0 || report.status == 1, "stderr: \(report.stderr)")
    let root = try #require(
      try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
    let source = try #require((root["sources"] as? [[String: Any]])?.first)
    #expect(source["format"] as? String == "nginx-json")
    #expect(source["malformed"] as? Int == 0)
    let api = try #require((root["services"] as? [[String: Any]])?.first)
    #expect((api["requests"] as? Int ?? 0) > 0)
  }
}
