import Foundation
import Testing

/// Golden files under Tests/SitrepEndToEndTests/Golden, read from the source tree (not a bundle
/// resource: this target has none). `SITREP_UPDATE_GOLDEN=1` rewrites them from the actual output.
enum Golden {
  static let directory = SitrepBinary.testsDirectory.appendingPathComponent("Golden")

  static var updating: Bool {
    ProcessInfo.processInfo.environment["SITREP_UPDATE_GOLDEN"] == "1"
  }

  /// Compares `actual` with the golden `name`, or rewrites it when updating. A mismatch reports
  /// the first differing line, which is easier to read than two whole documents.
  static func expectMatches(
    _ actual: String, name: String, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let url = directory.appendingPathComponent(name)
    if updating {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      try actual.write(to: url, atomically: true, encoding: .utf8)
      return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
      Issue.record(
        "missing golden \(name); run with SITREP_UPDATE_GOLDEN=1", sourceLocation: sourceLocation)
      return
    }
    if expected == actual { return }
    let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let line =
      zip(e, a).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(e.count, a.count)
    let want = line < e.count ? String(e[line]) : "<end>"
    let got = line < a.count ? String(a[line]) : "<end>"
    Issue.record(
      "\(name) differs at line \(line + 1):\n  expected: \(want)\n  actual:   \(got)",
      sourceLocation: sourceLocation)
  }
}
