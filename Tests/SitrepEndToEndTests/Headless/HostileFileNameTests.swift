import Foundation
import Testing

/// A log file's name is untrusted text too: one named with OSC/CSI sequences or a bidi override
/// must not retitle the terminal pane or reorder text through any output (`check`, report text,
/// report stderr, config errors), and a `|` in it must not add fake perfdata to `check`.
@Suite struct HostileFileNameTests {
  static let hostile = "api\u{1B}]0;pwned\u{07}\u{1B}[2J\u{9B}6n\u{202E}gol|x=1"

  /// Anything a terminal would act on, or that reorders text.
  static func unsafeScalars(_ text: String) -> [UInt32] {
    text.unicodeScalars.map(\.value).filter {
      ($0 < 0x20 && $0 != 0x0A) || (0x7F...0x9F).contains($0) || (0x202A...0x202E).contains($0)
        || (0x2066...0x2069).contains($0)
    }
  }

  static func directory() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-e2e-\(UUID())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
  }

  @Test func checkAndReportPrintNoSequenceFromAFileName() throws {
    let dir = try Self.directory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent(Self.hostile + ".log").path
    // Unrecognisable content: the name shows up in check's line and report's stderr.
    try String(repeating: "no format here\n", count: 40).write(
      toFile: path, atomically: true, encoding: .utf8)
    let missing = dir.appendingPathComponent(Self.hostile + "-missing.log").path

    for arguments in [
      ["check", path], ["check", missing], ["report", path], ["report", missing],
    ] {
      let result = try CommandRunner.sitrep(arguments)
      #expect(Self.unsafeScalars(result.stdout).isEmpty, "\(arguments[0]) stdout: \(result.stdout)")
      #expect(Self.unsafeScalars(result.stderr).isEmpty, "\(arguments[0]) stderr: \(result.stderr)")
      if arguments[0] == "check" {
        #expect(result.stdout.filter { $0 == "|" }.isEmpty, "\(result.stdout)")
        #expect(result.stdout.contains("apigol/x=1"), "\(result.stdout)")
      } else {
        #expect(result.stderr.contains("apigol|x=1"), "\(result.stderr)")
      }
    }
  }

  @Test func aConfigErrorPrintsNoSequenceFromItsFileName() throws {
    let dir = try Self.directory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let config = dir.appendingPathComponent(Self.hostile + ".toml").path
    try """
    [[service]]
    name = "api"
    access = ["/var/log/nginx/api.access.log"]
    p95_ms = "fast"
    """.write(toFile: config, atomically: true, encoding: .utf8)
    let result = try CommandRunner.sitrep(["report", "--config", config])
    #expect(result.status != 0)
    #expect(Self.unsafeScalars(result.stderr).isEmpty, "\(result.stderr)")
    #expect(result.stderr.contains("apigol|x=1.toml:4"), "\(result.stderr)")
  }
}
