import Foundation
import Testing

/// `--at` over files with a deploy in the middle: before it the previous version is current and
/// sync_sku is fine; after it v1.4.2 is current and sync_sku fails.
@Suite struct ReportAtTests {
  struct Answers {
    var version: String?
    var syncSKU: [String: Any]?
  }

  static func answers(at: String, _ files: DemoFiles) throws -> Answers {
    let result = try CommandRunner.sitrep(["report", "--json", "--at", at] + files.paths)
    #expect(result.status == 0, "stderr: \(result.stderr)")
    let root = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let deploy = root["deploy"] as? [String: Any]
    let jobs = root["jobs"] as? [[String: Any]] ?? []
    return Answers(
      version: deploy?["version"] as? String,
      syncSKU: jobs.first { $0["name"] as? String == "tasks.sync_sku" })
  }

  @Test func beforeTheDeployThePreviousVersionAndAHealthyJob() throws {
    let files = try DemoFiles.make()
    defer { files.remove() }
    // 30 s before v1.4.2 goes out.
    let before = try Self.answers(at: "2026-11-24T14:00:30Z", files)
    #expect(before.version == "v1.4.1")
    let job = try #require(before.syncSKU)
    #expect(job["failures"] as? Int == 0)
    #expect(job["last_outcome"] as? String == "success")
    #expect(job["status"] as? String != "failing")
  }

  @Test func afterTheDeployTheNewVersionAndAFailingJob() throws {
    let files = try DemoFiles.make()
    defer { files.remove() }
    let after = try Self.answers(at: ReportGoldenTests.at, files)
    #expect(after.version == "v1.4.2")
    let job = try #require(after.syncSKU)
    #expect((job["failures"] as? Int ?? 0) > 0)
    #expect(job["last_outcome"] as? String == "failure")
    #expect((job["last_exception"] as? String ?? "").contains("KeyError"))
  }
}
