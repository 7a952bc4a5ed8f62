import Glibc
import Testing

@testable import SitrepCore

/// A path that is a symlink switched between files (log -> a.log, -> b.log, -> a.log) reads each
/// file once: a file already read resumes where it was.
@Suite struct FollowSymlinkFlipTests {
  /// Points `link` at `target` in one step, as `ln -sfn` through a rename does.
  static func pointLink(_ link: String, at target: String) {
    let temporary = link + ".new"
    unlink(temporary)
    precondition(symlink(target, temporary) == 0)
    FileOps.rename(temporary, link)
  }

  static func flipBack(drainSeconds: Double) {
    let directory = TemporaryDirectory()
    let (a, b, link) = (directory.file("a.log"), directory.file("b.log"), directory.file("log"))
    FileOps.write(a, "a1\na2\n")
    FileOps.write(b, "b1\n")
    Self.pointLink(link, at: a)
    let harness = FollowHarness(
      path: link, options: FollowOptions(rotatedDrainSeconds: drainSeconds))
    #expect(harness.run(until: { harness.first == ["a1", "a2"] }))
    Self.pointLink(link, at: b)
    #expect(harness.run(until: { harness.first.count == 3 }))
    if drainSeconds < 1 {
      // a.log's old descriptor is closed: only what was remembered can resume it.
      let file = harness.set.files[0]
      #expect(harness.run(until: { file.draining.isEmpty }))
    }
    FileOps.append(a, "a3\n")
    Self.pointLink(link, at: a)
    FileOps.append(a, "a4\n")
    #expect(harness.run(until: { harness.first.count >= 5 }))
    // Nothing more comes: a re-read of a.log would bring a1 and a2 again.
    harness.run(until: { harness.first.count > 5 }, seconds: 0.5)
    #expect(harness.first == ["a1", "a2", "b1", "a3", "a4"])
  }

  @Test func aFlipBackWhileTheOldFileIsStillDrainedReadsItOnce() {
    Self.flipBack(drainSeconds: 60)
  }

  @Test func aFlipBackAfterTheOldFileWasClosedResumesWhereItWas() {
    Self.flipBack(drainSeconds: 0.05)
  }

  /// The soak's over-count: the old target was still being written (here by a process that kept
  /// it open; in the soak, the link had flipped back while we still read the other target) and
  /// ended mid-line when its drain time was over. The line's start must wait for its end, not be
  /// emitted alone and then met again as the rest of a line when the link comes back to it.
  @Test func aDrainedFileEndingMidLineIsKeptUntilTheLineEnds() {
    let pair = LinkedPair(options: FollowOptions(rotatedDrainSeconds: 0.05))
    let (harness, a, link) = (pair.harness, pair.a, pair.link)
    Self.pointLink(link, at: pair.b)
    #expect(harness.run(until: { harness.first.count == 2 }))
    FileOps.append(a, "a2 sta")
    let file = harness.set.files[0]
    // Well past the drain time: the old file is still held, its partial line not emitted.
    harness.run(until: { harness.first.count > 2 }, seconds: 0.3)
    #expect(file.draining.count == 1)
    FileOps.append(a, "rt\n")
    Self.pointLink(link, at: a)
    FileOps.append(a, "a3\n")
    #expect(harness.run(until: { harness.first.count >= 4 }))
    harness.run(until: { harness.first.count > 4 }, seconds: 0.3)
    #expect(harness.first == ["a1", "b1", "a2 start", "a3"])
  }

  /// A drained file whose last line never ends is closed once it has been still for the hold
  /// time, and that start of a line is emitted then, marked partial: nothing is held for ever.
  @Test func aDrainedFileWhoseLineNeverEndsIsClosedAfterTheHoldTime() {
    let pair = LinkedPair(
      options: FollowOptions(partialLineHoldSeconds: 0.2, rotatedDrainSeconds: 0.05))
    let harness = pair.harness
    FileOps.append(pair.a, "cut off")
    Self.pointLink(pair.link, at: pair.b)
    #expect(harness.run(until: { harness.first.count == 3 }))
    #expect(Set(harness.first) == ["a1", "cut off", "b1"])
    let cut = harness.first.firstIndex(of: "cut off")
    #expect(cut.map { harness.flags[FileID(rawValue: 0)]?[$0].contains(.partial) } == true)
    let file = harness.set.files[0]
    #expect(harness.run(until: { file.draining.isEmpty }))
  }

  @Test func aReusedInodeWithOtherBytesIsReadFromItsStart() throws {
    let directory = TemporaryDirectory()
    let path = directory.file("app.log")
    FileOps.write(path, "first generation line\n")
    let harness = FollowHarness(path: path)
    #expect(harness.run(until: { harness.first.count == 1 }))
    let file = harness.set.files[0]
    let open = try #require(file.current)
    file.rememberResumePoint(open)
    // Same inode, other bytes: as if the file were deleted and its inode reused.
    FileOps.truncate(path)
    FileOps.append(path, "second generation, longer line\n")
    let descriptor = open.descriptor
    let info = try #require(FileSystem.info(descriptor: descriptor))
    #expect(file.resumeOffset(descriptor, info) == 0)
  }
}

/// a.log holding "a1" and b.log holding "b1", `log` pointing at a.log, followed until a1 is read.
struct LinkedPair {
  let directory = TemporaryDirectory()
  let a: String
  let b: String
  let link: String
  let harness: FollowHarness

  init(options: FollowOptions) {
    (a, b, link) = (directory.file("a.log"), directory.file("b.log"), directory.file("log"))
    FileOps.write(a, "a1\n")
    FileOps.write(b, "b1\n")
    FollowSymlinkFlipTests.pointLink(link, at: a)
    let harness = FollowHarness(path: link, options: options)
    self.harness = harness
    #expect(harness.run(until: { harness.first == ["a1"] }))
  }
}
