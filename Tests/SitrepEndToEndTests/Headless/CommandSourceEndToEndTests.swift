import Foundation
import Testing

/// The real binary with command sources: `[[source]] command` counted like a file, a failing
/// command reported (exit 2, `failing`, its stderr), and `docker:NAME` through a stand-in docker
/// CLI on PATH (there is no engine here; `scripts/remote-stack` covers ssh and journald).
@Suite struct CommandSourceEndToEndTests {
  static func folder() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "sitrep-command-\(UUID().uuidString)"
    ).path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
  }

  static let line =
    #"203.0.113.7 - - [24/Nov/2026:14:02:31 +0000] "GET /api/orders/1842 HTTP/1.1" 200 512 "-" "curl" 0.038"#

  static func report(_ result: CommandResult) throws -> [String: Any] {
    try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
  }

  @Test func aCommandsOutputIsCountedLikeAFileAndAFailingOneSaysWhy() throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try (Array(repeating: Self.line, count: 25).joined(separator: "\n") + "\n").write(
      toFile: dir + "/access.log", atomically: true, encoding: .utf8)
    try """
    [[source]]
    command = ["cat", "\(dir)/access.log"]
    service = "api"
    role = "access"

    [[source]]
    path = "web9"
    command = ["sh", "-c", "echo 'ssh: connect to host web9 port 22: Connection refused' >&2; exit 255"]
    """.write(toFile: dir + "/sitrep.toml", atomically: true, encoding: .utf8)
    let result = try CommandRunner.sitrep(
      ["report", "--json", "--config", dir + "/sitrep.toml", "--at", "2026-11-24T14:03:00Z"])
    #expect(result.status == 2, "stderr: \(result.stderr)")
    #expect(
      result.stderr.contains(
        "web9: sh exited with status 255: ssh: connect to host web9 port 22: Connection refused"))
    let sources = try Self.report(result)["sources"] as? [[String: Any]] ?? []
    #expect(sources.count == 2)
    #expect(sources.first?["lines"] as? Int == 25)
    #expect(sources.first?["command"] as? [String] == ["cat", dir + "/access.log"])
    #expect(sources.first?["state"] as? String == "done")
    #expect(sources.last?["state"] as? String == "failing")
    #expect(sources.last?["last_exit"] as? String == "sh exited with status 255")
    #expect(
      sources.last?["stderr"] as? [String]
        == ["ssh: connect to host web9 port 22: Connection refused"])
    let services = try Self.report(result)["services"] as? [[String: Any]] ?? []
    #expect(services.first { $0["name"] as? String == "api" }?["requests"] as? Int == 25)
  }

  @Test func dockerNameReadsDockerLogsTimestampsBothStreams() throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try FileManager.default.createDirectory(
      atPath: dir + "/bin", withIntermediateDirectories: true)
    // What `docker logs --timestamps` prints: the container's stdout on stdout, its stderr on
    // stderr, each line stamped. The argv is kept for the test.
    let standin = """
      #!/bin/sh
      printf '%s\\n' "$@" > "\(dir)/argv"
      echo '2026-11-24T14:02:30.000000001Z {"level": "info", "message": "ready", "logger": "api"}'
      echo '2026-11-24T14:02:31.000000002Z {"level": "error", "message": "payment failed", "logger": "api"}' >&2
      echo '2026-11-24T14:02:32.000000003Z {"level": "info", "message": "done", "logger": "api"}'
      """
    try standin.write(toFile: dir + "/bin/docker", atomically: true, encoding: .utf8)
    chmod(dir + "/bin/docker", 0o755)
    var env = CommandRunner.baseEnvironment()
    env["PATH"] = dir + "/bin:" + (env["PATH"] ?? "/usr/bin:/bin")
    let result = try CommandRunner.sitrep(
      ["report", "--json", "--at", "2026-11-24T14:03:00Z", "docker:api"], environment: env)
    #expect(result.status == 0, "stderr: \(result.stderr)")
    let argv = try String(contentsOfFile: dir + "/argv", encoding: .utf8)
    #expect(argv.hasPrefix("logs\n--timestamps\n") && argv.hasSuffix("--\napi\n"), "\(argv)")
    let report = try Self.report(result)
    let source = (report["sources"] as? [[String: Any]])?.first
    #expect(source?["path"] as? String == "docker:api")
    #expect(source?["lines"] as? Int == 3)
    #expect(source?["wrapper"] as? String == "docker-timestamps")
    #expect(source?["host"] is NSNull)
    let errors = report["errors"] as? [[String: Any]] ?? []
    #expect(errors.map { $0["count"] as? Int } == [1])
  }
}
