import Foundation
import Testing

@testable import SitrepCore

/// Reads `t=<seconds>` at the start of a line, as a decoder's time probe would.
private func probeTime(_ line: LineBytes) -> EpochSeconds? {
  let text = String(decoding: line, as: UTF8.self)
  guard text.hasPrefix("t=") else { return nil }
  return Double(text.dropFirst(2).prefix { $0.isNumber })
}

@Suite struct BackfillTests {
  @Test func backfillsOnlyTheLastBytesFromALineStart() {
    let directory = TemporaryDirectory()
    let path = directory.file("big.log")
    FileOps.write(path, (0..<1000).map { String(format: "line %04d\n", $0) }.joined())
    let harness = FollowHarness(path: path, options: FollowOptions(backfillBytes: 35))
    #expect(harness.run(until: { !harness.first.isEmpty }))
    // 35 bytes back lands inside line 996; reading starts at the next whole line.
    #expect(harness.first == ["line 0997", "line 0998", "line 0999"])
  }

  @Test func fromStartReadsEverything() {
    let directory = TemporaryDirectory()
    let path = directory.file("big.log")
    FileOps.write(path, (0..<500).map { "n\($0)\n" }.joined())
    let harness = FollowHarness(
      path: path, options: FollowOptions(backfillBytes: 10, fromStart: true))
    #expect(harness.run(until: { harness.first.count == 500 }))
    #expect(harness.first.first == "n0")
  }

  @Test func backfillByTimeFindsTheFirstLineInTheWindow() {
    let directory = TemporaryDirectory()
    let path = directory.file("timed.log")
    let now = wallNow().rounded(.down)
    var text = ""
    for second in stride(from: 5000, through: 0, by: -1) {
      text += "t=\(Int(now) - second) request\n"
      if second % 7 == 0 { text += "  continuation without a time\n" }
    }
    FileOps.write(path, text)
    let harness = FollowHarness(
      [SourceSpec(pattern: path)], options: FollowOptions(backfillBytes: 0, backfillSeconds: 60),
      timeProbe: probeTime)
    harness.set.readOnce(now: now) { harness.record($0) }
    #expect(harness.first.first == "t=\(Int(now) - 60) request")
    #expect(harness.first.filter { $0.hasPrefix("t=") }.count == 61)
    #expect(harness.first.last == "  continuation without a time")
  }

  @Test func timeBackfillWithoutUnderstoodLinesFallsBackToBytes() {
    let directory = TemporaryDirectory()
    let path = directory.file("untimed.log")
    FileOps.write(path, (0..<100).map { "plain \($0)\n" }.joined())
    let harness = FollowHarness(
      [SourceSpec(pattern: path)],
      options: FollowOptions(backfillBytes: 9, backfillSeconds: 60), timeProbe: probeTime)
    #expect(harness.run(until: { !harness.first.isEmpty }))
    #expect(harness.first == ["plain 99"])
  }

  @Test func readOnceReadsTheBackfillAndMarksDone() {
    let directory = TemporaryDirectory()
    let path = directory.file("app.log")
    FileOps.write(path, "a\nb\ntail-without-newline")
    let harness = FollowHarness(path: path)
    harness.set.readOnce(now: wallNow()) { harness.record($0) }
    #expect(harness.first == ["a", "b", "tail-without-newline"])
    #expect(harness.firstStatus.state == .done)
    #expect(harness.quiets[FileID(rawValue: 0)] == 1)
    #expect(harness.set.nextTimeoutMs(now: wallNow()) == -1)
  }
}
