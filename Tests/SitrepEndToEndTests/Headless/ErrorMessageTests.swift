import Foundation
import Testing

/// Mistakes get a message that names the problem and a non-zero exit, never a stack trace.
@Suite struct ErrorMessageTests {
  static func expectNoStackTrace(
    _ result: CommandResult, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    for marker in ["Fatal error", "Stack dump", "backtrace", "Thread 0"] {
      #expect(
        !result.stderr.contains(marker), "stderr: \(result.stderr)", sourceLocation: sourceLocation)
    }
  }

  @Test func missingFileNamesItAndExits2() throws {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("sitrep-e2e-\(UUID())/missing.log").path
    let result = try CommandRunner.sitrep(["report", path])
    #expect(result.status == 2)
    #expect(result.stderr.contains(path), "stderr: \(result.stderr)")
    Self.expectNoStackTrace(result)
  }

  @Test func badConfigValueNamesFileLineAndFix() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-e2e-\(UUID())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let config = dir.appendingPathComponent("sitrep.toml").path
    try """
    [[service]]
    name = "api"
    access = ["/var/log/nginx/api.access.log"]
    p95_ms = "fast"
    """.write(toFile: config, atomically: true, encoding: .utf8)
    let result = try CommandRunner.sitrep(["report", "--config", config])
    #expect(result.status != 0)
    #expect(result.stderr.contains("\(config):4"), "stderr: \(result.stderr)")
    #expect(result.stderr.contains("p95_ms = 500"), "no fix suggested: \(result.stderr)")
    #expect(result.stdout.isEmpty)
    Self.expectNoStackTrace(result)
  }

  @Test func unsupportedWindowIsAUsageError() throws {
    let result = try CommandRunner.sitrep(["report", "--window", "7m", "/dev/null"])
    // ArgumentParser's usage error status (EX_USAGE).
    #expect(result.status == 64)
    #expect(result.stderr.contains("--window must be one of 1m, 5m, 15m, 1h (got 7m)"))
    #expect(result.stderr.contains("Usage: sitrep report"))
    Self.expectNoStackTrace(result)
  }

  /// Issue 7: "unknown formats give a clear message and a non-zero exit". report prints an
  /// empty report, says nothing on stderr and exits 0.
  @Test
  func fileInNoKnownFormatIsAnError() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-e2e-\(UUID())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("notes.txt").path
    try "hello world\njust some text\n".write(toFile: path, atomically: true, encoding: .utf8)
    let result = try CommandRunner.sitrep(["report", path])
    #expect(result.status != 0)
    #expect(result.stderr.contains("notes.txt"))
  }
}
