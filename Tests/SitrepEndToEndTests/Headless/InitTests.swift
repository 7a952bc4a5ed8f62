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
