import Testing

@testable import SitrepCore

@Suite struct FollowRotationTests {
  @Test func renameRotationLosesNothingAndCountsOnce() {
    let directory = TemporaryDirectory()
    let path = directory.file("app.log")
    FileOps.write(path, "1\n")
    let harness = FollowHarness(path: path)
    #expect(harness.run(until: { harness.first == ["1"] }))
    FileOps.append(path, "2\n")
    FileOps.rename(path, path + ".1")  // logrotate: rename ...
    FileOps.append(path + ".1", "3\n")  // ... the server still writes to the old file ...
    FileOps.write(path, "4\n")  // ... `create` makes the new one ...
    FileOps.append(path + ".1", "5\n")  // ... late write before the server reopens.
    #expect(harness.run(until: { Set(harness.first) == ["1", "2", "3", "4", "5"] }))
    #expect(harness.first.count == 5)
    #expect(harness.firstStatus.rotations == 1)
    #expect(harness.resets[FileID(rawValue: 0)] == [.rotated])
    FileOps.append(path, "6\n")
    #expect(harness.run(until: { harness.first.last == "6" }))
    #expect(harness.first.count == 6)
  }

  @Test func partialLineAtRotationIsCompletedFromTheOldFile() {
    let directory = TemporaryDirectory()
    let path = directory.file("app.log")
    FileOps.write(path, "")
    let harness = FollowHarness(path: path)
    harness.turn()
    FileOps.append(path, "begin-")
    harness.turn()
    FileOps.rename(path, path + ".1")
    FileOps.write(path, "new\n")
    FileOps.append(path + ".1", "end\n")
    #expect(harness.run(until: { Set(harness.first) == ["begin-end", "new"] }))
  }

  @Test func copytruncateRestartsFromTheTop() {
    let directory = TemporaryDirectory()
    let path = directory.file("app.log")
    FileOps.write(path, "one\ntwo\nthree\n")
    let harness = FollowHarness(path: path)
    #expect(harness.run(until: { harness.first.count == 3 }))
    FileOps.truncate(path)
    FileOps.append(path, "four\n")
    #expect(harness.run(until: { harness.first.last == "four" }))
    #expect(harness.first == ["one", "two", "three", "four"])
    #expect(harness.firstStatus.truncations == 1)
    #expect(harness.resets[FileID(rawValue: 0)] == [.truncated])
  }

  @Test func copytruncateTailIsRecoveredFromTheCopy() {
    let directory = TemporaryDirectory()
    let path = directory.file("app.log")
    FileOps.write(path, "one\ntwo\n")
    let harness = FollowHarness(path: path)
    #expect(harness.run(until: { harness.first.count == 2 }))
    FileOps.append(path, "three\n")  // written after our last read ...
    FileOps.write(path + ".1", "one\ntwo\nthree\n")  // ... copied by logrotate ...
    FileOps.truncate(path)  // ... and truncated away before we looked.
    FileOps.append(path, "four\n")
    #expect(harness.run(until: { harness.first.last == "four" }))
    #expect(harness.first == ["one", "two", "three", "four"])
    #expect(harness.firstStatus.recoveredBytes == 6)
  }

  @Test func deletedThenRecreatedGoesWaitingThenFollowing() {
    let directory = TemporaryDirectory()
    let path = directory.file("app.log")
    FileOps.write(path, "a\n")
    let harness = FollowHarness(path: path)
    #expect(harness.run(until: { harness.first == ["a"] }))
    FileOps.remove(path)
    #expect(harness.run(until: { harness.firstStatus.state == .waiting }))
    FileOps.write(path, "b\n")
    #expect(harness.run(until: { harness.first == ["a", "b"] }))
    #expect(harness.firstStatus.state == .following)
    #expect(harness.resets[FileID(rawValue: 0)] == [.recreated])
    #expect(harness.firstStatus.rotations == 0)
  }
}
