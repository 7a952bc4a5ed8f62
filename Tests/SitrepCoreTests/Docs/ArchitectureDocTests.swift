import Foundation
import Testing

/// docs/architecture.md names the file of every stop on a line's way to the screen: each name must
/// still be a file, so the page cannot silently fall behind a rename.
@Suite struct ArchitectureDocTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// Every `.swift` path under Sources, relative to the repository.
  static func sourceFiles() throws -> [String] {
    let sources = root.appendingPathComponent("Sources")
    let walker = try #require(FileManager.default.enumerator(atPath: sources.path))
    return walker.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
      .map { "Sources/" + $0 }
  }

  /// The backquoted names ending in `.swift` (or a folder with a slash) the page mentions.
  static func namedFiles() throws -> [String] {
    let page = try String(
      contentsOf: root.appendingPathComponent("docs/architecture.md"), encoding: .utf8)
    return page.split(separator: "`", omittingEmptySubsequences: false).enumerated()
      .filter { $0.offset % 2 == 1 }.map { String($0.element) }
      .filter { $0.hasSuffix(".swift") && !$0.contains(" ") }
  }

  @Test func everyFileThePageNamesExists() throws {
    let files = try Self.sourceFiles()
    let named = try Self.namedFiles()
    #expect(named.count > 40)
    for name in named {
      // Names are written from the nearest folder that makes them clear: match as a path suffix;
      // `FollowedFile*.swift` stands for a type's file and its extensions.
      let parts = name.split(separator: "*", maxSplits: 1).map(String.init)
      let found = files.contains { file in
        guard parts.count == 2 else {
          return file == "Sources/" + name || file.hasSuffix("/" + name)
        }
        guard file.hasSuffix(parts[1]) else { return false }
        let stem = String(file.dropLast(parts[1].count))
        return stem.contains("/" + parts[0]) || stem.hasPrefix("Sources/" + parts[0])
      }
      #expect(found, "docs/architecture.md names \(name), which is no file under Sources/")
    }
  }
}
