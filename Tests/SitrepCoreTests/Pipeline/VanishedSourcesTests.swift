import Foundation
import Testing

@testable import SitrepCore

/// Glob matches that are deleted retire (issue 19): a box that writes a log per job run or per
/// worker pid must not grow a source row, a decoder and a ring of raw lines for every file it ever
/// had. Their counts stay, summed on one `vanished` row per glob.
@Suite struct VanishedSourcesTests {
  static func lines(_ file: Int, count: Int) -> String {
    (0..<count).map {
      "2026-11-24 14:02:\(10 + $0 % 40),000 INFO app.job\(file): step \($0) done\n"
    }
    .joined()
  }

  /// A pipeline over `specs` polled by stat (no inotify), driven by a clock of the test's own so
  /// a minute passes at once.
  static func pipeline(_ specs: [SourceSpec], archive: LineArchive? = nil) -> IngestPipeline {
    IngestPipeline(
      specs: specs,
      options: FollowOptions(
        quietSeconds: 0.5, statPollSeconds: 1, globRescanSeconds: 1, useInotify: false),
      monitor: Monitor(), archive: archive, decoderOptions: DecoderOptions())
  }

  @Test func deletedGlobMatchesRetireOntoOneRowWithTheirCountsKept() throws {
    let directory = TemporaryDirectory()
    for file in 0..<3 {
      FileOps.write(directory.file("job-\(file).log"), Self.lines(file, count: 40))
    }
    let pipeline = Self.pipeline([SourceSpec(pattern: directory.file("job-*.log"), role: .app)])
    let start = wallNow()
    pipeline.pump(now: start)
    pipeline.pump(now: start + 2)
    #expect(pipeline.health().map(\.lines) == [40, 40, 40])
    FileOps.remove(directory.file("job-0.log"))
    FileOps.remove(directory.file("job-2.log"))
    pipeline.pump(now: start + 4)
    // Gone, but not for long enough: a file recreated soon after is the same source.
    #expect(pipeline.sources.files.count == 3)
    #expect(pipeline.health().map(\.state) == [.waiting, .following, .waiting])
    pipeline.pump(now: start + 70)
    let health = pipeline.health()
    #expect(pipeline.sources.files.count == 1)
    #expect(health.map(\.state) == [.following, .vanished])
    let vanished = try #require(health.last)
    #expect(vanished.path == directory.file("job-*.log"))
    #expect(vanished.vanishedFiles == 2)
    #expect(vanished.lines == 80)
    #expect(vanished.detection?.format == health[0].detection?.format)
    #expect(vanished.trouble == nil)
    // One number: the rows still add up to every line read.
    #expect(health.map(\.lines).reduce(0, +) == 120)
  }

  @Test func aPathTheUserNamedNeverRetires() {
    let directory = TemporaryDirectory()
    let path = directory.file("api.log")
    FileOps.write(path, Self.lines(0, count: 5))
    let pipeline = Self.pipeline([SourceSpec(pattern: path, role: .app)])
    let start = wallNow()
    pipeline.pump(now: start)
    FileOps.remove(path)
    pipeline.pump(now: start + 2)
    pipeline.pump(now: start + 600)
    #expect(pipeline.health().map(\.state) == [.waiting])
    #expect(pipeline.health().map(\.lines) == [5])
  }

  @Test func aRetiredPathThatComesBackIsFollowedAgainFromItsStart() {
    let directory = TemporaryDirectory()
    let path = directory.file("job-1.log")
    FileOps.write(path, Self.lines(1, count: 40))
    let pipeline = Self.pipeline([SourceSpec(pattern: directory.file("job-*.log"), role: .app)])
    let start = wallNow()
    pipeline.pump(now: start)
    FileOps.remove(path)
    pipeline.pump(now: start + 2)
    pipeline.pump(now: start + 70)
    #expect(pipeline.health().map(\.state) == [.waiting, .vanished])
    FileOps.write(path, Self.lines(1, count: 7))
    pipeline.pump(now: start + 72)
    pipeline.pump(now: start + 74)
    #expect(pipeline.health().map(\.state) == [.following, .vanished])
    #expect(pipeline.health().map(\.lines) == [7, 40])
  }

  /// A churn of 300 files, each written, read and deleted: what is kept stays bounded by the
  /// files alive now, and every line is still counted.
  @Test func aChurnOfFilesKeepsOnlyTheLiveOnes() {
    let directory = TemporaryDirectory()
    let archive = LineArchive(perSourceCapacity: 10)
    let pipeline = Self.pipeline(
      [SourceSpec(pattern: directory.file("w-*.log"), role: .app)], archive: archive)
    var now = wallNow()
    for file in 0..<300 {
      FileOps.write(directory.file("w-\(file).log"), Self.lines(file, count: 3))
      pipeline.pump(now: now)
      now += 2
      pipeline.pump(now: now)
      FileOps.remove(directory.file("w-\(file).log"))
      now += 2
      pipeline.pump(now: now)
    }
    pipeline.pump(now: now + 120)
    #expect(pipeline.sources.files.count < 40)
    #expect(archive.sourceCount <= LineArchive.retiredCapacity + 40)
    let health = pipeline.health()
    #expect(health.map(\.lines).reduce(0, +) == 900)
    #expect(health.last?.vanishedFiles == 300)
  }

  @Test func theArchiveKeepsTheLinesOfTheNewestRetiredFilesOnly() {
    let archive = LineArchive(perSourceCapacity: 4)
    let total = LineArchive.retiredCapacity + 5
    for file in 0..<total {
      archive.append(
        ArchivedLine(
          time: Double(file), path: "/w/\(file).log", role: .app, service: "w", text: "x",
          isError: false))
    }
    for file in 0..<total { archive.retire(path: "/w/\(file).log") }
    #expect(archive.sourceCount == LineArchive.retiredCapacity)
    let kept = Set(archive.lines(service: nil, roles: [], mustContain: nil).map(\.path))
    #expect(!kept.contains("/w/0.log"))
    #expect(kept.contains("/w/\(total - 1).log"))
  }

  @Test func aRetiredPathWrittenAgainIsLiveAndNeverPushedOut() {
    let archive = LineArchive(perSourceCapacity: 4)
    archive.append(
      ArchivedLine(
        time: 0, path: "/w/back.log", role: .app, service: "w", text: "x", isError: false))
    archive.retire(path: "/w/back.log")
    archive.append(
      ArchivedLine(
        time: 1, path: "/w/back.log", role: .app, service: "w", text: "y", isError: false))
    for file in 0..<(LineArchive.retiredCapacity + 5) {
      archive.append(
        ArchivedLine(
          time: 2, path: "/w/\(file).log", role: .app, service: "w", text: "x", isError: false))
      archive.retire(path: "/w/\(file).log")
    }
    let kept = Set(archive.lines(service: nil, roles: [], mustContain: nil).map(\.path))
    #expect(kept.contains("/w/back.log"))
  }
}
