import Foundation
import Testing

/// `sitrep report x.log ./x.log link-to-x.log`: one source, its lines counted once, listed with
/// the three names; none of them "waiting".
@Suite struct SameFileTwiceEndToEndTests {
  @Test func oneFileUnderThreeNamesIsReadOnce() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "sitrep-twice-\(UUID().uuidString)"
    ).path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let line =
      #"203.0.113.7 - - [24/Nov/2026:14:02:31 +0000] "GET /api/orders/1842 HTTP/1.1" 200 512 "-" "curl" 0.038"#
    try (Array(repeating: line, count: 10).joined(separator: "\n") + "\n").write(
      toFile: dir + "/api.access.log", atomically: true, encoding: .utf8)
    try FileManager.default.createSymbolicLink(
      atPath: dir + "/current.log", withDestinationPath: dir + "/api.access.log")
    let names = [dir + "/api.access.log", dir + "/./api.access.log", dir + "/current.log"]
    let result = try CommandRunner.sitrep(
      ["report", "--json", "--at", "2026-11-24T14:03:00Z"] + names)
    #expect(result.status == 0, "stderr: \(result.stderr)")
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let sources = report["sources"] as? [[String: Any]] ?? []
    #expect(sources.count == 1)
    #expect(sources.first?["lines"] as? Int == 10)
    #expect(sources.first?["named_by"] as? [String] == names)
    let api = (report["services"] as? [[String: Any]])?.first { $0["name"] as? String == "api" }
    #expect(api?["requests"] as? Int == 10)
  }
}
