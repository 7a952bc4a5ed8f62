import Foundation
import Testing

/// Issue 14 through the built binary: `sitrep report --json --from-start` on a server's recorded
/// log detects its format and counts the requests and status mix its `story.json` says the
/// client saw (the server's own 500 where the client saw the connection close).
@Suite struct ServerFormatsEndToEndTests {
  static let formats = SitrepBinary.repoRoot.appendingPathComponent(
    "Tests/SitrepCoreTests/Fixtures/formats")

  /// (folder, log file, format id, the moment to report at: just after the recording).
  static let cases: [(String, String, String, String)] = [
    ("uwsgi", "uwsgi.log", "uwsgi", "2026-11-26T16:16:40Z"),
    ("haproxy", "haproxy.log", "haproxy", "2026-11-26T16:16:20Z"),
    ("flask-werkzeug", "server.log", "werkzeug", "2026-11-26T16:16:00Z"),
    ("caddy", "access.log", "caddy", "2026-11-26T16:16:10Z"),
  ]

  @Test(arguments: cases)
  func reportCountsTheStory(folder: String, file: String, format: String, at: String) throws {
    let dir = Self.formats.appendingPathComponent(folder)
    let story =
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: dir.appendingPathComponent("story.json"))) as! [String: Any]
    let sent = try #require(story["requests"] as? [[String: Any]])
    var mix = ["2xx": 0, "3xx": 0, "4xx": 0, "5xx": 0]
    for request in sent {
      var status = try #require(request["status"] as? Int)
      if status == 0, (request["app"] as? [String: Any])?["raised"] != nil { status = 500 }
      mix["\(status / 100)xx", default: 0] += 1
    }
    // The recordings were made on a UTC host: the zoneless stamps are UTC.
    let result = try CommandRunner.sitrep(
      [
        "report", "--json", "--from-start", "--tz", "UTC", "--at", at,
        dir.appendingPathComponent(file).path,
      ])
    #expect(result.status == 0, "stderr: \(result.stderr)")
    let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
    let sources = try #require(report["sources"] as? [[String: Any]])
    #expect(sources.first?["format"] as? String == format)
    #expect(sources.first?["malformed"] as? Int == 0)
    let services = try #require(report["services"] as? [[String: Any]])
    #expect(services.count == 1)
    let service = try #require(services.first)
    #expect(service["requests"] as? Int == sent.count)
    let status = try #require(service["status"] as? [String: Int])
    for (bucket, count) in mix { #expect(status[bucket] == count, "\(bucket)") }
  }
}
