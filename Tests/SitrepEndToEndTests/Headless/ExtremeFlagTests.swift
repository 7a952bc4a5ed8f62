import Foundation
import Testing

/// `--at` and `--width` values no clock or screen can use are refused with a message naming the
/// flag and what to write, never a trap (exit 132) or a verdict computed from `inf`.
@Suite struct ExtremeFlagTests {
  /// A short access log stamped now, so every refusal below is about the flag alone.
  static func accessLog() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-e2e-\(UUID())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let f = DateFormatter()
    f.locale = Locale(identifier: "en_US_POSIX")
    f.timeZone = TimeZone(identifier: "UTC")
    f.dateFormat = "dd/MMM/yyyy:HH:mm:ss"
    let stamp = f.string(from: Date())
    let line = "10.0.0.1 - - [\(stamp) +0000] \"GET /api/x HTTP/1.1\" 200 12 \"-\" \"curl\" 0.010\n"
    let path = dir.appendingPathComponent("api.access.log").path
    try String(repeating: line, count: 20).write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test(arguments: [
    ["report", "--at=1e20"], ["report", "--at=inf"], ["report", "--at=-inf"],
    ["report", "--at=nan"],
    ["report", "--at=0"], ["check", "--at=inf"], ["check", "--at=1e20"], ["check", "--at=nan"],
  ])
  func impossibleAtIsRefused(_ arguments: [String]) throws {
    let result = try CommandRunner.sitrep(arguments + [try Self.accessLog()])
    #expect(result.status == 64, "\(arguments): \(result.stdout) \(result.stderr)")
    #expect(result.stderr.contains("--at takes an ISO 8601 time such as 2026-11-24T14:05:00Z"))
    #expect(!result.stdout.contains("SITREP OK"))
    ErrorMessageTests.expectNoStackTrace(result)
  }

  @Test(arguments: ["9223372036854775807", "100000000", "1001", "0", "-5"])
  func unusableWidthIsRefused(_ width: String) throws {
    let result = try CommandRunner.sitrep(["report", "--width=\(width)", try Self.accessLog()])
    #expect(result.status == 64, "\(width): \(result.stderr)")
    #expect(
      result.stderr.contains("--width takes a number of columns up to 1000, e.g. --width 120"))
    ErrorMessageTests.expectNoStackTrace(result)
  }

  @Test func widestAcceptedWidthIsDrawnAtThatWidth() throws {
    let result = try CommandRunner.sitrep(["report", "--width", "1000", try Self.accessLog()])
    #expect(result.status == 0, "\(result.stderr)")
    let widest = result.stdout.split(separator: "\n").map(\.count).max() ?? 0
    #expect(widest == 1000)
  }
}
