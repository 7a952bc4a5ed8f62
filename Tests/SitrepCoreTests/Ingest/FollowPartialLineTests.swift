import Testing

@testable import SitrepCore

/// A line written in two parts (Python's block-buffered stdout on a quiet service) is one line:
/// its first part waits for the newline well past the quiet period, and only rotation,
/// truncation, the end of a one-shot read or a long hold emit it early.
@Suite struct FollowPartialLineTests {
  @Test func aLineWrittenInTwoPartsAfterTheQuietPeriodIsOneLine() {
    let directory = TemporaryDirectory()
    let path = directory.file("app.log")
    FileOps.write(path, "")
    let harness = FollowHarness(path: path, options: FollowOptions(quietSeconds: 0.05))
    harness.turn()
    FileOps.append(path, "2026-11-24 14:02:31,118 INFO app: first part")
    // The file went quiet (records held back were flushed) with the line still unfinished.
    #expect(harness.run(until: { harness.quiets[FileID(rawValue: 0)] == 1 }))
    #expect(harness.first.isEmpty)
    FileOps.append(path, ", second part\n")
    #expect(harness.run(until: { !harness.first.isEmpty }))
    #expect(harness.first == ["2026-11-24 14:02:31,118 INFO app: first part, second part"])
    #expect(harness.flags[FileID(rawValue: 0)] == [[]])
  }

  @Test func aHeldPartLineIsEmittedAtOnceWhenTheFileIsTruncated() {
    let directory = TemporaryDirectory()
    let path = directory.file("app.log")
    FileOps.write(path, "")
    let harness = FollowHarness(path: path, options: FollowOptions(quietSeconds: 0.05))
    harness.turn()
    FileOps.append(path, "unfinished")
    #expect(harness.run(until: { harness.quiets[FileID(rawValue: 0)] == 1 }))
    FileOps.truncate(path)
    FileOps.append(path, "next\n")
    #expect(harness.run(until: { harness.first.count == 2 }))
    #expect(harness.first == ["unfinished", "next"])
  }

  @Test func theLastLineWithoutNewlineOfAOneShotReadCountsOnce() {
    let directory = TemporaryDirectory()
    let path = directory.file("app.log")
    FileOps.write(path, "a\nb\nlast")
    let harness = FollowHarness(path: path)
    harness.set.readOnce(now: wallNow()) { harness.record($0) }
    #expect(harness.first == ["a", "b", "last"])
    #expect(harness.firstStatus.lines == 3)
  }
}
