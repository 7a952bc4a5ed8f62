import Foundation
import Testing

/// Issue 14, end to end: `sitrep report --json --from-start` on job runners' recorded logs
/// (`Fixtures/formats/<runner>/`) detects the runner and shows the job that failed, with the
/// exception its traceback ended with, beside the job that kept succeeding.
@Suite struct JobRunnerFixtureTests {
  static let folder = SitrepBinary.repoRoot.appendingPathComponent(
    "Tests/SitrepCoreTests/Fixtures/formats")

  @Test(arguments: [
    ("dramatiq/worker.log", "dramatiq", "sync_sku", "charge", "C-3"),
    ("huey/consumer.log", "huey", "huey_tasks.sync_sku", "huey_tasks.charge", "D-4"),
  ])
  func reportShowsTheFailingJob(
    file: String, format: String, failing: String, healthy: String, sku: String
  ) throws {
    // The recordings stamped UTC wall-clock times without a zone; a few minutes after them.
    let result = try CommandRunner.sitrep([
      "report", "--json", "--from-start", "--tz", "UTC", "--at", "2026-11-26T16:20:00Z",
      Self.folder.appendingPathComponent(file).path,
    ])
    #expect(result.status == 0, "stderr: \(result.stderr)")
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let sources = try #require(report["sources"] as? [[String: Any]])
    #expect(sources.first?["format"] as? String == format)
    #expect(sources.first?["malformed"] as? Int == 0)
    let jobs = try #require(report["jobs"] as? [[String: Any]])
    let bad = try #require(jobs.first { $0["name"] as? String == failing }, "\(jobs)")
    #expect(bad["status"] as? String == "failing")
    #expect(bad["failures"] as? Int == 1 && bad["runs"] as? Int == 1)
    #expect(bad["last_success_at"] is NSNull)
    #expect(
      bad["last_exception"] as? String == "jobs.PaymentDeclinedError: card declined for sku \(sku)")
    let good = try #require(jobs.first { $0["name"] as? String == healthy })
    #expect(good["status"] as? String == "ok")
    #expect(good["runs"] as? Int == 2 && good["failures"] as? Int == 0)
    #expect(good["last_success_at"] is String)
  }
}
