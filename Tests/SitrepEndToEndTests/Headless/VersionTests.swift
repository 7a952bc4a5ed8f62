import Foundation
import Testing

/// `sitrep --version` names the release (VERSION) and the commit the binary was built from.
@Suite struct VersionTests {
  /// `0.2.0 (commit 1a2b3c4d5e6f)`, with `-dirty` after the commit when built from changed files.
  static func expectedPrefix() throws -> String {
    let version = try String(
      contentsOf: SitrepBinary.repoRoot.appendingPathComponent("VERSION"), encoding: .utf8
    ).trimmingCharacters(in: .whitespacesAndNewlines)
    let commit = try CommandRunner.run(
      "/usr/bin/env", ["git", "-C", SitrepBinary.repoRoot.path, "rev-parse", "--short=12", "HEAD"]
    ).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    #expect(commit.count == 12, "git rev-parse gave '\(commit)'")
    return "\(version) (commit \(commit)"
  }

  @Test func versionNamesTheReleaseAndTheCommit() throws {
    let result = try CommandRunner.sitrep(["--version"])
    #expect(result.status == 0, "stderr: \(result.stderr)")
    #expect(result.stdout.hasPrefix(try Self.expectedPrefix()), "\(result.stdout)")
  }
}
