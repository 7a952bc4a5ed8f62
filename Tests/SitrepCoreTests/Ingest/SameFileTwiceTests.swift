import Foundation
import Testing

@testable import SitrepCore

/// The same file named twice (config and command line, two globs, a symlink and its target) is
/// read once and listed once, with everything that named it. The second name used to be listed as
/// "waiting for file" forever.
@Suite struct SameFileTwiceTests {
  static let line =
    #"203.0.113.7 - - [24/Nov/2026:14:02:31 +0000] "GET /api/orders/1842 HTTP/1.1" 200 512 "-" "curl" 0.038"#

  static func folder() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "sitrep-twice-\(UUID().uuidString)"
    ).path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let text = Array(repeating: line, count: 10).joined(separator: "\n") + "\n"
    try text.write(toFile: dir + "/api.access.log", atomically: true, encoding: .utf8)
    return dir
  }

  static func read(_ patterns: [String]) -> (Snapshot, [SourceHealth]) {
    var options = FollowOptions()
    options.fromStart = true
    let pipeline = IngestPipeline(
      specs: patterns.map { SourceSpec(pattern: $0, role: .access) }, options: options,
      monitor: Monitor(), archive: nil, decoderOptions: DecoderOptions())
    pipeline.readOnce(now: fixtureReadAt)
    let health = pipeline.health()
    let snapshot = pipeline.monitor.snapshot(
      now: fixtureHour + 200, window: .fiveMinutes, sources: health)
    return (snapshot, health)
  }

  /// `namedBy`: what the listing should say named the file (a path written twice is said once).
  static func expectReadOnce(_ patterns: [String], namedBy: [String]? = nil) throws {
    let (snapshot, health) = read(patterns)
    #expect(health.count == 1, "\(health.map(\.path))")
    #expect(health.first?.state == .done)
    #expect(health.first?.lines == 10)
    #expect(health.first?.namedBy == namedBy ?? patterns)
    #expect(snapshot.services.first { $0.name == "api" }?.stats.requests == 10)
  }

  @Test func theSamePathTwice() throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try Self.expectReadOnce(
      [dir + "/api.access.log", dir + "/api.access.log"], namedBy: [dir + "/api.access.log"])
  }

  @Test func aSymlinkAndItsTarget() throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try FileManager.default.createSymbolicLink(
      atPath: dir + "/current.log", withDestinationPath: dir + "/api.access.log")
    try Self.expectReadOnce([dir + "/api.access.log", dir + "/current.log"])
  }

  @Test func twoGlobsMatchingOneFile() throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try Self.expectReadOnce([dir + "/*.log", dir + "/api.*"])
  }

  @Test func twoSpellingsOfAFileNotThereYet() throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let (_, health) = Self.read([dir + "/later.log", dir + "/./sub/../later.log"])
    #expect(health.count == 1)
    #expect(health.first?.state == .waiting)
    #expect(health.first?.namedBy.count == 2)
  }

  @Test func normalisedPaths() {
    #expect(FileIdentity.normalised("/var//log/./nginx/../api.log") == "/var/log/api.log")
    #expect(FileIdentity.normalised("logs/x.log", workingDirectory: "/srv") == "/srv/logs/x.log")
  }
}

/// Files that appear later under a second name, followed live.
@Suite struct SameFileRenamedTests {
  /// `mv a.log b.log` under a `*.log` glob: b.log is the file already read as a.log (its old
  /// descriptor is still drained), so its lines are not read a second time.
  @Test func aRenamedFileIsNotReadAgainUnderItsNewName() {
    let directory = TemporaryDirectory()
    FileOps.write(directory.file("a.log"), "one\n")
    let harness = FollowHarness(
      [SourceSpec(pattern: directory.file("*.log"))],
      options: FollowOptions(fromStart: true, globRescanSeconds: 0.05))
    #expect(harness.run(until: { harness.first == ["one"] }))
    FileOps.rename(directory.file("a.log"), directory.file("b.log"))
    FileOps.write(directory.file("a.log"), "two\n")
    #expect(harness.run(until: { harness.first == ["one", "two"] }))
    for _ in 0..<10 { harness.turn() }
    #expect(harness.set.files.count == 1)
    #expect(harness.lines.values.flatMap { $0 }.filter { $0 == "one" }.count == 1)
  }

  /// A file deleted and a new one created under another name (which may get the same inode) is a
  /// new file, followed from its start.
  @Test func aNewFileAfterADeletionIsFollowed() {
    let directory = TemporaryDirectory()
    FileOps.write(directory.file("a.log"), "one\n")
    let harness = FollowHarness(
      [SourceSpec(pattern: directory.file("*.log"))],
      options: FollowOptions(fromStart: true, globRescanSeconds: 0.05, rotatedDrainSeconds: 0.05))
    #expect(harness.run(until: { harness.first == ["one"] }))
    FileOps.remove(directory.file("a.log"))
    for _ in 0..<10 { harness.turn() }
    FileOps.write(directory.file("b.log"), "new\n")
    #expect(harness.run(until: { harness.lines.values.contains { $0 == ["new"] } }))
  }
}
