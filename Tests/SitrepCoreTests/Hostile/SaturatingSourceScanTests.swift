import Foundation
import Testing

/// Keeps the class of "Double → integer conversion traps" closed: `Int(x.rounded())` traps when a
/// log line makes `x` NaN, infinite or past 2^63, so every such conversion in Sources goes
/// through `init(saturating:)` (`SaturatingConversion.swift`). A textual check, so it only sees
/// the way this code base writes those conversions (a `rounded` or a division inside the call),
/// which is every one there was.
@Suite struct SaturatingSourceScanTests {
  static let sources: URL = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { url.deleteLastPathComponent() }
    return url.appendingPathComponent("Sources")
  }()

  /// An integer type called on an expression holding `.rounded(` or a `/`, on one line.
  static let trapping =
    #"\b(U?Int(8|16|32|64)?)\((?!saturating:|clamping:|truncatingIfNeeded:|bitPattern:|exactly:)[^()]*(\([^()]*\)[^()]*)*(\.rounded\(| / )"#

  @Test func noUncheckedDoubleToIntegerConversions() throws {
    let trapping = try Regex(Self.trapping)
    let files = try #require(FileManager.default.enumerator(atPath: Self.sources.path))
    var offenders: [String] = []
    var scanned = 0
    for case let file as String in files where file.hasSuffix(".swift") {
      scanned += 1
      let text = try String(
        contentsOf: Self.sources.appendingPathComponent(file), encoding: .utf8)
      for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
      where line.contains(trapping) {
        offenders.append("\(file):\(n + 1): \(line.trimmingCharacters(in: .whitespaces))")
      }
    }
    #expect(scanned > 100)
    #expect(offenders.isEmpty, "use Int(saturating:) for:\n\(offenders.joined(separator: "\n"))")
  }
}
