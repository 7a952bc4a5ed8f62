import Foundation
import Testing

@testable import SitrepCore

/// A path with `[` in it names that file when it exists; it is a glob only when no such file does.
@Suite struct BracketPathTests {
  @Test func anExistingBracketedNameIsThatFileNotAGlob() throws {
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("sitrep-bracket-\(UInt32.random(in: 0...UInt32.max))").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try "bracketed\n".write(toFile: dir + "/app[1].log", atomically: true, encoding: .utf8)
    // What `app[1].log` would match as a glob: another file, not to be read.
    try "other\n".write(toFile: dir + "/app1.log", atomically: true, encoding: .utf8)
    let literal = SourceSet(specs: [SourceSpec(pattern: dir + "/app[1].log")])
    #expect(literal.files.map(\.path) == [dir + "/app[1].log"])
    // With no file of that name, the brackets are a glob as the user may mean them.
    let glob = SourceSet(specs: [SourceSpec(pattern: dir + "/app[12].log")])
    #expect(glob.files.map(\.path) == [dir + "/app1.log"])
  }
}
