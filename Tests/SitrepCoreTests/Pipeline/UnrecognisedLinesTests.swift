import Foundation
import Testing

@testable import SitrepCore

/// Lines no parser reads are counted malformed, however few: detection waits for a sample of 30,
/// and a file that never reaches it must not show its lines as read and none as malformed.
@Suite struct UnrecognisedLinesTests {
  static let garbage = (1...5).map { "zq\($0) ~~ qz \($0 * 7)\n" }.joined()

  @Test func aShortUnrecognisedFileCountsEveryLineMalformedInAHeadlessRead() throws {
    let directory = TemporaryDirectory()
    let path = directory.file("odd.log")
    FileOps.write(path, Self.garbage)
    let pipeline = IngestPipeline(
      specs: [SourceSpec(pattern: path)], options: FollowOptions(), monitor: Monitor(),
      archive: nil, decoderOptions: DecoderOptions())
    pipeline.readOnce(now: wallNow())
    let source = try #require(pipeline.health().first)
    #expect(source.detection == nil)
    #expect(source.lines == 5)
    #expect(source.malformed == 5)
    #expect(source.recentMalformed.count == 5)
  }

  @Test func aShortUnrecognisedFileCountsMalformedOnceItGoesQuietWhileFollowed() throws {
    let directory = TemporaryDirectory()
    let path = directory.file("odd.log")
    FileOps.write(path, Self.garbage)
    let pipeline = IngestPipeline(
      specs: [SourceSpec(pattern: path)], options: FollowOptions(quietSeconds: 0.05),
      monitor: Monitor(), archive: nil, decoderOptions: DecoderOptions())
    let deadline = wallNow() + 10
    while wallNow() < deadline && pipeline.health().first?.malformed != 5 {
      pipeline.pump(now: wallNow())
      var descriptor = pollfd(
        fd: pipeline.sources.wakeDescriptor, events: Int16(POLLIN), revents: 0)
      _ = poll(&descriptor, descriptor.fd >= 0 ? 1 : 0, 20)
    }
    #expect(pipeline.health().first?.malformed == 5)
    // More lines of a known format later still let detection succeed on the whole sample.
    FileOps.append(
      path,
      (0..<40).map { "2026-11-24 14:02:\(10 + $0 % 40),000 INFO app.web: request \($0) done\n" }
        .joined())
    let later = wallNow() + 10
    while wallNow() < later && pipeline.health().first?.detection == nil {
      pipeline.pump(now: wallNow())
      var descriptor = pollfd(
        fd: pipeline.sources.wakeDescriptor, events: Int16(POLLIN), revents: 0)
      _ = poll(&descriptor, descriptor.fd >= 0 ? 1 : 0, 20)
    }
    let source = try #require(pipeline.health().first)
    #expect(source.detection != nil)
    #expect(source.lines == 45)
  }
}
