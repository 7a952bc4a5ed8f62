import Foundation
import Testing

@testable import SitrepCore

@Suite struct RotatedBackfillTests {
  @Test func includeRotatedReadsSiblingsOldestFirstThenLive() throws {
    let directory = TemporaryDirectory()
    let live = directory.file("app.log")
    FileOps.write(live + ".3", "ignored: .3 written below as gzip\n")
    FileOps.remove(live + ".3")
    FileOps.write(live + ".2", "from 2\n")
    let gzip = Process()
    gzip.executableURL = URL(fileURLWithPath: "/usr/bin/gzip")
    gzip.arguments = [live + ".2"]
    try gzip.run()
    gzip.waitUntilExit()
    try #require(gzip.terminationStatus == 0)
    FileOps.write(live + ".1", "from 1\n")
    FileOps.write(live, "live\n")
    let harness = FollowHarness(
      [SourceSpec(pattern: live, includeRotated: true)], options: FollowOptions())
    #expect(harness.run(until: { harness.lines.values.map(\.count).reduce(0, +) == 3 }))
    let files = harness.set.files
    #expect(files.map(\.path) == [live + ".2.gz", live + ".1", live])
    let ordered = files.flatMap { harness.lines[$0.id] ?? [] }
    #expect(ordered == ["from 2", "from 1", "live"])
    let states = harness.set.statuses.map(\.state)
    #expect(states == [.done, .done, .following])
  }

  @Test func rotatedSiblingsAreSkippedWithoutTheFlag() {
    let directory = TemporaryDirectory()
    let live = directory.file("app.log")
    FileOps.write(live + ".1", "old\n")
    FileOps.write(live, "live\n")
    let harness = FollowHarness(path: live)
    #expect(harness.run(until: { harness.first == ["live"] }))
    #expect(harness.set.files.count == 1)
  }
}
