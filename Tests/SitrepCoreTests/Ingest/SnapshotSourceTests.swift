import Testing

@testable import SitrepCore

@Suite struct SnapshotSourceTests {
  @Test func metricsFileIsReadWholeOnEveryReplacement() {
    let directory = TemporaryDirectory()
    let path = directory.file("app.prom")
    FileOps.write(path, "# TYPE up gauge\nup 1\n")
    let harness = FollowHarness([SourceSpec(pattern: path, role: .metrics)])
    let id = FileID(rawValue: 0)
    #expect(harness.run(until: { harness.snapshots[id]?.count == 1 }))
    #expect(harness.snapshots[id]?.first == ["# TYPE up gauge", "up 1"])
    // node_exporter's textfile collector style: write a temporary file, rename over.
    FileOps.write(path + ".tmp", "# TYPE up gauge\nup 0")
    FileOps.rename(path + ".tmp", path)
    #expect(harness.run(until: { harness.snapshots[id]?.count == 2 }))
    #expect(harness.snapshots[id]?.last == ["# TYPE up gauge", "up 0"])
    #expect(harness.firstStatus.state == .following)
  }
}
