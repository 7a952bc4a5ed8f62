import Foundation
import Testing

/// `sitrep check` follows the monitoring-plugin convention: 0 OK, 1 WARNING, 2 CRITICAL,
/// 3 UNKNOWN, with one line starting `SITREP <STATUS>`.
@Suite struct CheckExitCodeTests {
  static func expectOneLine(
    _ result: CommandResult, _ status: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let lines = result.stdout.split(separator: "\n")
    #expect(lines.count == 1, "stdout: \(result.stdout)", sourceLocation: sourceLocation)
    #expect(
      result.stdout.hasPrefix("SITREP \(status)"), "stdout: \(result.stdout)",
      sourceLocation: sourceLocation)
  }

  @Test func okBeforeTheDeploy() throws {
    let files = try DemoFiles.make()
    defer { files.remove() }
    let result = try CommandRunner.sitrep(
      ["check", "--at", "2026-11-24T14:00:30Z", "--fail-on", "down,errors"] + files.paths)
    #expect(result.status == 0)
    Self.expectOneLine(result, "OK")
  }

  @Test func criticalAfterTheDeploy() throws {
    let files = try DemoFiles.make()
    defer { files.remove() }
    let result = try CommandRunner.sitrep(["check", "--at", ReportGoldenTests.at] + files.paths)
    #expect(result.status == 2)
    Self.expectOneLine(result, "CRITICAL")
    #expect(result.stdout.contains("tasks.sync_sku"))
  }

  @Test func warningWhenOnlySlow() throws {
    let files = try DemoFiles.make()
    defer { files.remove() }
    // The api's p95 is around 180 ms before the deploy: a 50 ms threshold makes it SLOW.
    let config = files.path("slow.toml")
    try """
    [[service]]
    name = "api"
    access = ["\(files.path("api.access.log"))"]
    p95_ms = 50
    """.write(toFile: config, atomically: true, encoding: .utf8)
    let result = try CommandRunner.sitrep([
      "check", "--config", config, "--fail-on", "slow", "--at", "2026-11-24T14:00:30Z",
    ])
    #expect(result.status == 1)
    Self.expectOneLine(result, "WARNING")
    #expect(result.stdout.contains("api SLOW"))
  }

  @Test func unknownForAMissingFile() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-e2e-\(UUID())")
    let result = try CommandRunner.sitrep(["check", dir.appendingPathComponent("nope.log").path])
    #expect(result.status == 3)
    Self.expectOneLine(result, "UNKNOWN")
    #expect(result.stdout.contains("nope.log"))
  }

  /// Issue 7: unknown formats give "a clear message and a non-zero exit (3 for check)". Today
  /// check says `SITREP OK - 0/0 services up, 0/0 jobs in trouble; x.txt: format not recognised`
  /// and exits 0.
  @Test
  func unknownForAFileInNoKnownFormat() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-e2e-\(UUID())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("notes.txt").path
    try "hello world\njust some text\nnothing a log parser knows\n"
      .write(toFile: path, atomically: true, encoding: .utf8)
    let result = try CommandRunner.sitrep(["check", path])
    #expect(result.status == 3)
    Self.expectOneLine(result, "UNKNOWN")
  }
}
