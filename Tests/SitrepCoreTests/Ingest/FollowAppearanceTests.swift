import Glibc
import Testing

@testable import SitrepCore

@Suite struct FollowAppearanceTests {
  @Test func missingFileWaitsThenIsReadFromItsStart() {
    let directory = TemporaryDirectory()
    let path = directory.file("late.log")
    let harness = FollowHarness(path: path)
    harness.turn()
    #expect(harness.firstStatus.state == .waiting)
    FileOps.write(path, "first\nsecond\n")
    #expect(harness.run(until: { harness.first == ["first", "second"] }))
    #expect(harness.firstStatus.state == .following)
  }

  @Test func missingDirectoryIsPolledUntilItAppears() {
    let directory = TemporaryDirectory()
    let path = directory.file("sub/late.log")
    let harness = FollowHarness(path: path, options: FollowOptions(statPollSeconds: 0.05))
    harness.turn()
    #expect(harness.firstStatus.state == .waiting)
    #expect(harness.set.nextTimeoutMs(now: wallNow()) >= 0, "must poll: no directory to watch")
    FileOps.makeDirectory(directory.file("sub"))
    FileOps.write(path, "hello\n")
    #expect(harness.run(until: { harness.first == ["hello"] }))
  }

  @Test func unreadablePathIsAStateAndRetried() {
    // Tests run as root here, where chmod 000 changes nothing: a directory in the file's place
    // is unreadable for everyone.
    let directory = TemporaryDirectory()
    let path = directory.file("app.log")
    FileOps.makeDirectory(path)
    let harness = FollowHarness(path: path, options: FollowOptions(statPollSeconds: 0.05))
    harness.turn()
    #expect(harness.firstStatus.state == .unreadable("is a directory"))
    FileOps.remove(path)
    FileOps.write(path, "readable now\n")
    #expect(harness.run(until: { harness.first == ["readable now"] }))
    #expect(harness.firstStatus.state == .following)
  }

  @Test(.enabled(if: getuid() != 0, "root ignores file permissions"))
  func permissionDeniedIsAStateAndRetried() {
    let directory = TemporaryDirectory()
    let path = directory.file("secret.log")
    FileOps.write(path, "hidden\n")
    chmod(path, 0)
    let harness = FollowHarness(path: path, options: FollowOptions(statPollSeconds: 0.05))
    harness.turn()
    #expect(harness.firstStatus.state == .unreadable("permission denied"))
    chmod(path, 0o644)
    #expect(harness.run(until: { harness.first == ["hidden"] }))
  }

  @Test func globPicksUpFilesThatAppearLater() {
    let directory = TemporaryDirectory()
    FileOps.write(directory.file("a.log"), "from a\n")
    FileOps.write(directory.file("a.log.1"), "rotated, not read\n")
    let harness = FollowHarness(
      [SourceSpec(pattern: directory.file("*.log"))],
      options: FollowOptions(globRescanSeconds: 30))
    #expect(harness.run(until: { harness.first == ["from a"] }))
    #expect(harness.set.files.map(\.path) == [directory.file("a.log")])
    FileOps.write(directory.file("b.log"), "from b\n")
    // The directory watch triggers the rescan long before the 30 s period.
    #expect(harness.run(until: { harness.lines[FileID(rawValue: 1)] == ["from b"] }))
    #expect(harness.set.statuses.map(\.state) == [.following, .following])
  }

  @Test func periodicRescanFindsFilesWithoutInotify() {
    let directory = TemporaryDirectory()
    let harness = FollowHarness(
      [SourceSpec(pattern: directory.file("*.log"))],
      options: FollowOptions(statPollSeconds: 0.05, globRescanSeconds: 0.05, useInotify: false))
    harness.turn()
    let waiting = harness.set.statuses
    #expect(waiting.count == 1)
    #expect(waiting.first?.fileID == nil)
    #expect(waiting.first?.state == .waiting)
    #expect(waiting.first?.path == directory.file("*.log"))
    FileOps.write(directory.file("c.log"), "c\n")
    #expect(harness.run(until: { harness.first == ["c"] }))
  }
}
