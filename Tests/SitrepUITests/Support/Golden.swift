import Foundation
import SitrepUI
import Testing

/// Golden files: the expected text of a rendered canvas, checked in under `Golden/` and read by eye.
///
/// `SITREP_UPDATE_GOLDEN=1 swift test --filter GoldenViewTests` rewrites them in the source tree
/// (found through `#filePath`, since the bundle only holds a build-time copy) so a reviewer can
/// regenerate and read the diff.
enum Golden {
  static var updating: Bool { ProcessInfo.processInfo.environment["SITREP_UPDATE_GOLDEN"] == "1" }

  /// `Tests/SitrepUITests/Golden` in the source tree.
  static func sourceDirectory(filePath: String = #filePath) -> URL {
    URL(fileURLWithPath: filePath)
      .deletingLastPathComponent()  // Support
      .deletingLastPathComponent()  // SitrepUITests
      .appendingPathComponent("Golden")
  }

  static func check(
    _ canvas: Canvas, _ name: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let actual = canvas.text + "\n"
    if updating {
      let url = sourceDirectory().appendingPathComponent("\(name).txt")
      do {
        try actual.write(to: url, atomically: true, encoding: .utf8)
      } catch {
        Issue.record("could not write \(url.path): \(error)", sourceLocation: sourceLocation)
      }
      return
    }
    guard
      let url = Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Golden"),
      let expected = try? String(contentsOf: url, encoding: .utf8)
    else {
      Issue.record(
        "no golden \(name).txt: run with SITREP_UPDATE_GOLDEN=1 to create it, then read it",
        sourceLocation: sourceLocation)
      return
    }
    guard actual != expected else { return }
    Issue.record(
      """
      \(name) differs from its golden:
      \(firstDifference(expected, actual))
      (SITREP_UPDATE_GOLDEN=1 rewrites the goldens; read the diff)
      """,
      sourceLocation: sourceLocation)
  }

  /// The first differing line, both versions, so a failure is readable without a diff tool.
  static func firstDifference(_ expected: String, _ actual: String) -> String {
    let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
    for i in 0..<max(e.count, a.count) {
      let el = i < e.count ? String(e[i]) : "<none>"
      let al = i < a.count ? String(a[i]) : "<none>"
      if el != al { return "line \(i + 1)\n  golden: \(el)\n  actual: \(al)" }
    }
    return "(same lines, different line endings)"
  }
}
