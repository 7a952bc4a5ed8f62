import Foundation
import Testing

/// `sitrep report` on demo files written with a fixed seed and start, evaluated `--at` a fixed
/// moment: the output is a pure function of the files, so it is compared with checked-in goldens.
@Suite struct ReportGoldenTests {
  /// Three minutes after the deploy of v1.4.2 (start + 60 s).
  static let at = "2026-11-24T14:04:00Z"

  /// The temp folder differs on every run; goldens hold a placeholder instead.
  static func normalised(_ output: String, _ files: DemoFiles) -> String {
    output.replacingOccurrences(of: files.directory.path, with: "$DEMO")
  }

  @Test func jsonReportMatchesGolden() throws {
    let files = try DemoFiles.make()
    defer { files.remove() }
    let result = try CommandRunner.sitrep(["report", "--json", "--at", Self.at] + files.paths)
    #expect(result.status == 0, "stderr: \(result.stderr)")
    #expect(result.stderr.isEmpty)
    try Golden.expectMatches(Self.normalised(result.stdout, files), name: "report.json")
  }

  @Test func textReportMatchesGolden() throws {
    let files = try DemoFiles.make()
    defer { files.remove() }
    let result = try CommandRunner.sitrep(
      ["report", "--width", "100", "--at", Self.at] + files.paths)
    #expect(result.status == 0, "stderr: \(result.stderr)")
    try Golden.expectMatches(Self.normalised(result.stdout, files), name: "report.txt")
  }
}
