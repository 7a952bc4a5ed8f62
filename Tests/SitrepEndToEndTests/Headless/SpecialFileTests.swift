import Foundation
import Testing

/// Files that are not logs (devices, `/proc` files, a FIFO no one writes to) never hang a
/// command: devices are refused with a reason on the source, `/proc` files are read once, FIFOs are
/// opened without blocking.
@Suite struct SpecialFileTests {
  /// Long enough for a slow CI box, far shorter than "for ever".
  static let deadline: TimeInterval = 20

  @Test(arguments: ["/dev/zero", "/dev/urandom"])
  func aDeviceIsRefusedWithAReason(_ path: String) throws {
    let reason = "\(path): unreadable: a character device, not a log file"
    let report = try CommandRunner.sitrep(["report", path], timeout: Self.deadline)
    #expect(report.status == 2)
    #expect(report.stderr.contains(reason), "\(report.stderr)")
    ErrorMessageTests.expectNoStackTrace(report)
    let check = try CommandRunner.sitrep(["check", path], timeout: Self.deadline)
    #expect(check.status == 3)
    #expect(check.stdout == "SITREP UNKNOWN - \(reason)\n", "\(check.stdout)")
    let json = try CommandRunner.sitrep(["report", "--json", path], timeout: Self.deadline)
    #expect(json.stdout.contains(#""state_reason": "a character device, not a log file""#))
  }

  @Test func aProcFileIsReadOnce() throws {
    let result = try CommandRunner.sitrep(
      ["report", "--json", "/proc/self/status"], timeout: Self.deadline)
    #expect(result.stdout.contains(#""state": "done""#), "\(result.stdout)")
    ErrorMessageTests.expectNoStackTrace(result)
    let check = try CommandRunner.sitrep(["check", "/proc/self/status"], timeout: Self.deadline)
    #expect(check.stdout.hasPrefix("SITREP"))
  }

  @Test func aFIFOWithNoWriterDoesNotBlock() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-e2e-\(UUID())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let fifo = dir.appendingPathComponent("app.log").path
    #expect(mkfifo(fifo, 0o600) == 0)
    let initResult = try CommandRunner.sitrep(["init", fifo], timeout: Self.deadline)
    #expect(initResult.status == 0, "\(initResult.stderr)")
    #expect(initResult.stdout.contains(fifo))
    for command in ["report", "check"] {
      let result = try CommandRunner.sitrep([command, fifo], timeout: Self.deadline)
      ErrorMessageTests.expectNoStackTrace(result)
    }
  }
}
