import Foundation
import Testing

@testable import SitrepCore

/// Lines of a recording under `Fixtures/formats/` (bytes, split on `\n`, trailing empty line
/// dropped), for paths with folders that `fixtureLines` cannot name.
func recordedLines(_ path: String) throws -> [[UInt8]] {
  let base = try #require(Bundle.module.resourceURL)
  let data = try Data(contentsOf: base.appendingPathComponent("Fixtures/formats/" + path))
  var lines = [UInt8](data).split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
  if lines.last?.isEmpty == true { lines.removeLast() }
  return lines
}

func decode(_ format: String, recorded path: String) throws -> Decoded {
  try decode(format, lines: try recordedLines(path))
}
