import Foundation
import Testing

@testable import SitrepCore

/// A headless read of a glob of many files holds only a bounded number of them open (issue 19: at
/// `ulimit -n 1024` a report over 1,200 files called 182 of them unreadable, "too many open files").
@Suite struct HeldDescriptorTests {
  @Test func aOneShotReadHoldsABoundedNumberOfFilesOpen() {
    let directory = TemporaryDirectory()
    let files = 30
    for i in 0..<files {
      FileOps.write(
        directory.file("app\(i).log"), (0..<50).map { "file \(i) line \($0)\n" }.joined())
    }
    var options = FollowOptions(fromStart: true)
    options.maxHeldFiles = 4
    let set = SourceSet(specs: [SourceSpec(pattern: directory.file("*.log"))], options: options)
    var lines = 0
    let count = { (item: IngestItem) in if case .line = item { lines += 1 } }
    set.readHeads(now: wallNow(), lines: 10, count)
    let open = set.files.filter { $0.current != nil || !$0.draining.isEmpty }
    #expect(set.pausedFiles.count == 4)
    #expect(open.count == 4)
    // The files past the budget were read whole and closed.
    #expect(set.files.filter { $0.status.state == .done }.count == files - 4)
    set.readOnce(now: wallNow(), count)
    #expect(lines == files * 50)
    #expect(set.files.allSatisfy { $0.current == nil && $0.status.state == .done })
    #expect(set.files.map(\.status.lines).reduce(0, +) == files * 50)
  }

  @Test func followingKeepsFilesOpenAtTheirEnd() {
    let directory = TemporaryDirectory()
    FileOps.write(directory.file("a.log"), "one\n")
    let harness = FollowHarness(path: directory.file("a.log"))
    #expect(harness.run(until: { harness.first == ["one"] }))
    #expect(harness.set.files[0].current != nil)
    #expect(harness.firstStatus.state == .following)
  }
}
