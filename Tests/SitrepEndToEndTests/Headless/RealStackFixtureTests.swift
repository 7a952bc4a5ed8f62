import Foundation
import Testing

/// Issue 13, on lines real programs wrote: nginx in front of gunicorn (uvicorn workers) running a
/// FastAPI app, and a Celery worker, around a deploy that made one route five times slower and
/// broke one task (recorded by `scripts/real-stack --record`; see the fixture's README). The
/// report must tell that story; `story.json` holds what the client and the worker counted.
@Suite struct RealStackFixtureTests {
  static let folder = SitrepBinary.repoRoot.appendingPathComponent(
    "Tests/SitrepCoreTests/Fixtures/real-stack")

  static func report() throws -> (report: [String: Any], story: [String: Any]) {
    let story =
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: folder.appendingPathComponent("story.json"))) as! [String: Any]
    let trim = try #require(story["fixture_trim"] as? [String: Any])
    let at = try #require(trim["report_at"] as? String)
    let files = [
      "api.access.log", "gunicorn.access.log", "gunicorn.error.log", "app.log",
      "worker.log", "deploys.jsonl",
    ].map { folder.appendingPathComponent($0).path }
    // The stack wrote its naive stamps (Celery) in UTC; a fresh clone gives the files a new
    // modification time, so the zone is said rather than inferred.
    let result = try CommandRunner.sitrep(
      ["report", "--json", "--from-start", "--tz", "UTC", "--at", at] + files)
    #expect(result.status == 0, "stderr: \(result.stderr)")
    let report =
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
    return (report, trim)
  }

  @Test func oneServiceCountedOnceWithItsAppLayer() throws {
    let (report, trim) = try Self.report()
    let services = try #require(report["services"] as? [[String: Any]])
    #expect(services.count == 1, "\(services.map { $0["name"] ?? "" })")
    let api = try #require(services.first)
    #expect(api["app_layer"] is [String: Any])
    let traffic = try #require(trim["traffic"] as? [String: Any])
    let sent = try #require(traffic["requests"] as? Int)
    let counted = try #require(api["requests"] as? Int)
    #expect(abs(counted - sent) <= sent / 50, "sitrep \(counted), client \(sent)")
  }

  @Test func theRouteThatGotFiveTimesSlowerIsNamed() throws {
    let (report, _) = try Self.report()
    let deploy = try #require(report["deploy"] as? [String: Any])
    #expect(deploy["version"] as? String == "v2.0.1")
    #expect(deploy["regression"] as? Bool == true)
    let routes = try #require(deploy["routes"] as? [[String: Any]])
    let top = try #require(routes.first)
    #expect(top["route"] as? String == "GET /api/orders/:id")
    #expect(top["regression"] as? Bool == true)
    #expect(((top["p95_ratio"] as? Double) ?? 0) >= 3)
    // The slow, steady admin route that owns the service-wide p95 is not blamed.
    let admin = routes.first { $0["route"] as? String == "GET /admin/report" }
    #expect(admin?["regression"] as? Bool == false)
    let services = try #require(report["services"] as? [[String: Any]])
    #expect(services.first?["verdict"] as? String == "SLOW")
    let reason = (services.first?["reason"] as? String) ?? ""
    #expect(reason.hasPrefix("GET /api/orders/:id p95"), "\(reason)")
  }

  @Test func theBrokenTaskIsFailingByItsShareAndTheOldErrorIsNotNew() throws {
    let (report, _) = try Self.report()
    let jobs = try #require(report["jobs"] as? [[String: Any]])
    let sync = try #require(jobs.first { $0["name"] as? String == "tasks.sync_sku" })
    #expect(sync["status"] as? String == "failing")
    #expect(((sync["failures_since_deploy"] as? Int) ?? 0) >= 3)
    let deploy = try #require(report["deploy"] as? [String: Any])
    let new = try #require(deploy["new_errors"] as? [String])
    #expect(new.contains { $0.hasPrefix("KeyError: 'sku'") })
    #expect(!new.contains { $0.hasPrefix("LookupError") })
    // One signature for every cart id, exceptions above the records that repeat a 500.
    let errors = try #require(report["errors"] as? [[String: Any]])
    #expect(
      errors.filter { (($0["signature"] as? String) ?? "").hasPrefix("LookupError") }.count == 1)
    #expect(errors.first?["kind"] as? String == "exception")
  }
}
