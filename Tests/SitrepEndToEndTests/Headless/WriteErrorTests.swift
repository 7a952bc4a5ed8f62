import Foundation
import Testing

/// An answer that could not be written is an error with a message, not exit 0 with nothing out.
@Suite struct WriteErrorTests {
  /// Runs sitrep with stdout on `/dev/full`, where every write fails with ENOSPC.
  static func runIntoFullDevice(_ arguments: [String]) throws -> (status: Int32, stderr: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: SitrepBinary.path)
    process.arguments = arguments
    process.environment = CommandRunner.baseEnvironment()
    let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
    let errURL = FileManager.default.temporaryDirectory.appendingPathComponent(
      "sitrep-e2e-err-\(UUID())")
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: errURL) }
    let err = try FileHandle(forWritingTo: errURL)
    process.standardOutput = full
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    try err.close()
    return (process.terminationStatus, (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
  }

  @Test(arguments: [["report", "--json"], ["report"], ["check"], ["init"]])
  func aFullDiskIsAnError(_ command: [String]) throws {
    let log = try ExtremeFlagTests.accessLog()
    let (status, stderr) = try Self.runIntoFullDevice(command + [log])
    #expect(status != 0, "\(command)")
    // check's UNKNOWN: exit 1 would read as WARNING to a monitoring system.
    if command == ["check"] { #expect(status == 3) }
    #expect(
      stderr.contains("could not write to standard output: no space left on device"), "\(stderr)")
  }
}
