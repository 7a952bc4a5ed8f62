import Foundation
import Testing

@testable import SitrepCore

/// A rotated gzip is read to a bound of its compressed size, and the source says so when the bound
/// cut it short (issue 19: a 4.6 MB gzip of 1 GiB of newlines took 105 s).
@Suite struct GzipBombTests {
  /// Small bounds, so the bomb is small too: 64 KiB always, 40x the compressed size, 1 MiB at most.
  static var options: FollowOptions {
    var o = FollowOptions()
    o.gzipFloorBytes = 64 << 10
    o.gzipMaxBytes = 1 << 20
    return o
  }

  static func gzip(_ path: String) throws {
    let gzip = Process()
    gzip.executableURL = URL(fileURLWithPath: "/usr/bin/gzip")
    gzip.arguments = ["-9", path]
    try gzip.run()
    gzip.waitUntilExit()
    try #require(gzip.terminationStatus == 0)
  }

  @Test func aBombIsCutAtItsBoundAndTheSourceSaysSo() throws {
    let directory = TemporaryDirectory()
    let live = directory.file("app.log")
    // 8 MiB of identical lines: a few KiB compressed, far past 40 times that.
    FileOps.write(live + ".1", String(repeating: "x\n", count: 4 << 20))
    try Self.gzip(live + ".1")
    FileOps.write(live, "live\n")
    let harness = FollowHarness(
      [SourceSpec(pattern: live, includeRotated: true)], options: Self.options)
    #expect(harness.run(until: { harness.set.statuses.first?.state == .done }))
    let rotated = try #require(harness.set.statuses.first)
    guard case .found(let gz) = FileSystem.info(path: live + ".1.gz") else {
      Issue.record("no gzip written")
      return
    }
    let compressed = gz.size
    let limit = Self.options.gzipLimit(compressed: compressed)
    #expect(limit < 4 << 20)
    #expect(rotated.bytesRead == limit)
    #expect(rotated.lines == limit / 2)
    let why = try #require(rotated.stoppedEarly)
    #expect(why.contains("gzip read stopped at"))
    #expect(rotated.trouble == why)
    let json = ReportJSON.source(rotated, windowStart: 0, now: 0).rendered()
    #expect(json.contains("\"state_reason\": \"gzip read stopped at"))
  }

  @Test func aGzipWithinItsBoundIsReadWholeWithoutANote() throws {
    let directory = TemporaryDirectory()
    let live = directory.file("app.log")
    let text = (0..<20_000).map { "line \($0 &* 2_654_435_761 % 1_000_003)\n" }.joined()
    FileOps.write(live + ".1", text)
    try Self.gzip(live + ".1")
    FileOps.write(live, "live\n")
    let harness = FollowHarness(
      [SourceSpec(pattern: live, includeRotated: true)], options: Self.options)
    #expect(harness.run(until: { harness.set.statuses.first?.state == .done }))
    let rotated = try #require(harness.set.statuses.first)
    #expect(rotated.lines == 20_000)
    #expect(rotated.stoppedEarly == nil)
  }
}
