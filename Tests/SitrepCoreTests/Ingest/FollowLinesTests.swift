import Glibc
import Testing

@testable import SitrepCore

@Suite struct FollowLinesTests {
  @Test func followsAppendedLines() {
    let directory = TemporaryDirectory()
    let path = directory.file("app.log")
    FileOps.write(path, "old 1\nold 2\n")
    let harness = FollowHarness(path: path)
    #expect(harness.run(until: { harness.first == ["old 1", "old 2"] }))
    FileOps.append(path, "new 3\nnew 4\n")
    #expect(harness.run(until: { harness.first.count == 4 }))
    #expect(harness.first == ["old 1", "old 2", "new 3", "new 4"])
    #expect(harness.firstStatus.state == .following)
    #expect(harness.firstStatus.lines == 4)
    #expect(harness.firstStatus.bytesRead == 24)
  }

  @Test func partialLineIsHeldThenFlushedAfterItsHoldTime() {
    let directory = TemporaryDirectory()
    let path = directory.file("app.log")
    FileOps.write(path, "")
    let harness = FollowHarness(
      path: path, options: FollowOptions(quietSeconds: 0.05, partialLineHoldSeconds: 0.2))
    harness.turn()
    FileOps.append(path, "whole\nhal")
    #expect(harness.run(until: { harness.first == ["whole"] }))
    FileOps.append(path, "f done\nnext-no-newline")
    #expect(harness.run(until: { harness.first.count == 3 }))
    #expect(harness.first == ["whole", "half done", "next-no-newline"])
    #expect(harness.flags[FileID(rawValue: 0)]?.last == .partial)
    #expect((harness.quiets[FileID(rawValue: 0)] ?? 0) >= 1)
  }

  @Test func quietIsReportedOncePerBurst() {
    let directory = TemporaryDirectory()
    let path = directory.file("app.log")
    FileOps.write(path, "a\n")
    let harness = FollowHarness(
      path: path, options: FollowOptions(quietSeconds: 0.05))
    #expect(harness.run(until: { harness.quiets[FileID(rawValue: 0)] == 1 }))
    // Nothing new: the loop may now block without a timeout.
    #expect(harness.set.nextTimeoutMs(now: wallNow()) == -1)
    FileOps.append(path, "b\n")
    #expect(harness.run(until: { harness.quiets[FileID(rawValue: 0)] == 2 }))
  }

  @Test func longLinesAreCutAndCounted() {
    let directory = TemporaryDirectory()
    let path = directory.file("app.log")
    FileOps.write(path, "short\n" + String(repeating: "y", count: 5000) + "\nafter\n")
    let harness = FollowHarness(path: path, options: FollowOptions(maxLineBytes: 100))
    #expect(harness.run(until: { harness.first.count == 3 }))
    #expect(harness.first[1] == String(repeating: "y", count: 100))
    #expect(harness.firstStatus.truncated == 1)
    #expect(harness.first[2] == "after")
  }

  @Test func crlfAndNulAndInvalidUTF8AreToleratedAndFlagged() {
    let directory = TemporaryDirectory()
    let path = directory.file("app.log")
    FileOps.writeBytes(
      path, Array("dos\r\n".utf8) + [0x6E, 0x00, 0x75, 0x6C, 0x0A] + [0xFE, 0x41, 0x0A])
    let harness = FollowHarness(path: path)
    #expect(harness.run(until: { harness.first.count == 3 }))
    #expect(harness.first[0] == "dos")
    #expect(harness.flags[FileID(rawValue: 0)] == [[], .nul, .invalidUTF8])
    #expect(harness.firstStatus.withNUL == 1)
    #expect(harness.firstStatus.invalidUTF8 == 1)
  }

  @Test func idleFollowerBlocksOnInotify() throws {
    let directory = TemporaryDirectory()
    let path = directory.file("app.log")
    FileOps.write(path, "x\n")
    let harness = FollowHarness(path: path, options: FollowOptions(quietSeconds: 0.01))
    try #require(harness.set.wakeDescriptor >= 0, "inotify unavailable here")
    #expect(harness.run(until: { harness.quiets[FileID(rawValue: 0)] == 1 }))
    #expect(harness.set.nextTimeoutMs(now: wallNow()) == -1)
    var descriptor = pollfd(fd: harness.set.wakeDescriptor, events: Int16(POLLIN), revents: 0)
    #expect(poll(&descriptor, 1, 0) == 0, "nothing to wake up for")
    FileOps.append(path, "y\n")
    #expect(poll(&descriptor, 1, 5000) == 1, "a write wakes the loop")
  }

  @Test func statPollingFallbackFollowsToo() {
    let directory = TemporaryDirectory()
    let path = directory.file("app.log")
    FileOps.write(path, "1\n")
    let options = FollowOptions(statPollSeconds: 0.05, useInotify: false)
    let harness = FollowHarness(path: path, options: options)
    #expect(harness.set.wakeDescriptor == -1)
    #expect(harness.run(until: { harness.first == ["1"] }))
    let timeout = harness.set.nextTimeoutMs(now: wallNow())
    #expect(timeout >= 0 && timeout <= 1000)
    FileOps.append(path, "2\n")
    FileOps.rename(path, path + ".1")
    FileOps.write(path, "3\n")
    #expect(harness.run(until: { harness.first == ["1", "2", "3"] }))
    #expect(harness.firstStatus.rotations == 1)
  }
}
