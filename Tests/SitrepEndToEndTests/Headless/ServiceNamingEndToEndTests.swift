import Foundation
import Testing

/// `sitrep report service/access.log service/app.log service/deploys.jsonl`: the service is the
/// `api` its app and deploy logs name, not the folder "service".
@Suite struct ServiceNamingEndToEndTests {
  @Test func theServiceIsCalledWhatItsLogsSay() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent(
      "tmp.\(UUID().uuidString.prefix(8))"
    ).path
    let dir = root + "/service"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: root) }
    let files = [
      (
        "access.log",
        #"203.0.113.7 - - [24/Nov/2026:14:02:31 +0000] "GET /api/orders/1842 HTTP/1.1" 200 512 "-" "curl" 0.038"#
      ),
      (
        "app.log",
        #"{"asctime": "2026-11-24 14:02:31,118", "levelname": "INFO", "name": "app", "service": "api", "message": "order created"}"#
      ),
      ("deploys.jsonl", #"{"ts": "2026-11-24T13:20:00Z", "service": "api", "version": "v1.4.1"}"#),
    ]
    for (name, line) in files {
      try (line + "\n").write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
    }
    let result = try CommandRunner.sitrep(
      ["report", "--json", "--at", "2026-11-24T14:03:00Z"] + files.map { dir + "/" + $0.0 })
    #expect(result.status == 0, "stderr: \(result.stderr)")
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let names = (report["services"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
    #expect(names == ["api"])
  }
}
