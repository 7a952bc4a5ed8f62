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
    pointLink(link, at: a)
    let harness = FollowHarness(
      path: link, options: FollowOptions(rotatedDrainSeconds: drainSeconds))
    #expect(harness.run(until: { harness.first == ["a1", "a2"] }))
    pointLink(link, at: b)
    #expect(harness.run(until: { harness.first.count == 3 }))
    if drainSeconds < 1 {
      // a.log's old descriptor is closed: only what was remembered can resume it.
      let file = harness.set.files[0]
      #expect(harness.run(until: { file.draining.isEmpty }))
    }
    FileOps.append(a, "a3\n")
    pointLink(link, at: a)
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
