import Foundation
import SitrepBench
import Testing

@testable import SitrepCore

/// The pipeline reads a file back by the lines' own times (nginx, app logs), not only by bytes.
@Suite struct ReadByTimeTests {
  @Test func theRealPipelineReadsBackToTheMomentByTheLinesOwnTimes() throws {
    let directory = TemporaryDirectory()
    let path = directory.file("access.log")
    let start: EpochSeconds = 1_795_000_000
    // One request a second for 5000 s; reading back 600 s must find 601 of them.
    try BenchData.writeAccessLog(lines: 5000, to: path, start: start, spacing: 1)
    let now = start + 4999
    let options = FollowOptions(backfillBytes: 1000, backfillSeconds: 600)
    let pipeline = IngestPipeline(
      specs: [SourceSpec(pattern: path, service: "api")], options: options, monitor: Monitor(),
      archive: nil, decoderOptions: DecoderOptions())
    pipeline.readOnce(now: now)
    let source = try #require(pipeline.health().first)
    #expect(source.lines == 601)
    #expect(!source.leftOlderUnread)
  }
}
