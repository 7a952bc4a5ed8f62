import Foundation

/// Where the built `sitrep` lives: `SITREP_BINARY` (set by scripts/test), else the debug build
/// next to this source tree.
enum SitrepBinary {
  static let repoRoot: URL = {
    // Tests/SitrepEndToEndTests/Support/SitrepBinary.swift -> four levels up is the repo.
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { url.deleteLastPathComponent() }
    return url
  }()

  static let path: String = {
    if let env = ProcessInfo.processInfo.environment["SITREP_BINARY"], !env.isEmpty { return env }
    return repoRoot.appendingPathComponent(".build/debug/sitrep").path
  }()

  /// The directory of this test target's sources, for goldens written back with
  /// `SITREP_UPDATE_GOLDEN=1`.
  static let testsDirectory: URL = repoRoot.appendingPathComponent("Tests/SitrepEndToEndTests")
}
