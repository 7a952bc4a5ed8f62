import Foundation
import Testing

@testable import SitrepCore

/// The log view reads lines older than the ones it keeps from the file itself (issue 15): they
/// carry the marks a live read gave them, a page never starts inside a traceback, it is bounded,
/// and a file that changed since is said to have, not read as if it had not.
@Suite struct LineBackReaderTests {
  /// `count` records of a Python app log; every seventh is an error with a four-line traceback.
  static func appLog(records count: Int) -> String {
    (0..<count).map { i in
      let second = String(format: "%02d", i % 60)
      let minute = String(format: "%02d", (i / 60) % 60)
      guard i % 7 == 3 else {
        return "2026-11-24 14:\(minute):\(second),000 INFO app.orders: listing orders \(i)\n"
      }
      return "2026-11-24 14:\(minute):\(second),000 ERROR app.orders: sync failed \(i)\n"
        + "Traceback (most recent call last):\n"
        + "  File \"/srv/app/tasks.py\", line 88, in sync_sku\n"
        + "    sku = payload[\"sku\"]\n"
        + "KeyError: 'sku'\n"
    }
    .joined()
  }

  /// Reads the whole file live into an archive keeping `capacity` lines.
  static func readLive(_ path: String, capacity: Int) -> (IngestPipeline, [ArchivedLine]) {
    let archive = LineArchive(perSourceCapacity: capacity)
    let pipeline = IngestPipeline(
      specs: [SourceSpec(pattern: path)],
      options: FollowOptions(fromStart: true, useInotify: false), monitor: Monitor(),
      archive: archive, decoderOptions: DecoderOptions())
    let now = wallNow()
    while pipeline.pump(now: now) {}
    pipeline.pump(now: now + 5)  // quiet: held records flushed
    return (pipeline, archive.lines(service: nil, roles: [], mustContain: nil, limit: .max))
  }

  /// What a line is for the view, without when it was read.
  static func shown(_ line: ArchivedLine) -> [String] {
    [
      line.text, "\(line.isError)", "\(line.continuesRecord)", "\(line.stamped ?? -1)",
      "\(line.position?.offset ?? -1)",
    ]
  }

  @Test func linesReadBackCarryTheMarksOfALiveReadAndStartAtARecord() throws {
    let directory = TemporaryDirectory()
    let path = directory.file("app.log")
    FileOps.write(path, Self.appLog(records: 1500))
    let (_, everything) = Self.readLive(path, capacity: 100_000)
    let (pipeline, kept) = Self.readLive(path, capacity: 500)
    #expect(kept.count == 500)
    #expect(everything.count > 2000)
    let oldest = try #require(kept.first)
    let anchor = try #require(oldest.position)
    let page = pipeline.readBack(
      BackReadRequest(
        id: 1, direction: .older,
        anchors: [.init(path: path, position: anchor, readAt: oldest.time)], pageLines: 1000))
    #expect(page.outcomes == [.init(path: path, linesRead: page.lines.count)])
    // At least the page asked for, plus the lines back to the first one's record.
    #expect(page.lines.count >= 1000 && page.lines.count < 1005)
    #expect(page.lines.first?.continuesRecord == false)
    let keptFrom = try #require(everything.firstIndex { $0.position == anchor })
    let live = everything[(keptFrom - page.lines.count)..<keptFrom]
    #expect(page.lines.map(Self.shown) == live.map(Self.shown))
    #expect(page.lines.contains { $0.isError && $0.continuesRecord })
    // Reading on reaches the first line of the file and says so.
    var edge = try #require(page.lines.first)
    var reachedStart = false
    for id in 2..<10 where !reachedStart {
      let next = pipeline.readBack(
        BackReadRequest(
          id: id, direction: .older,
          anchors: [.init(path: path, position: edge.position!, readAt: edge.time)],
          pageLines: 1000))
      reachedStart = next.outcomes[0].reachedEnd
      edge = try #require(next.lines.first)
    }
    #expect(reachedStart)
    #expect(edge.position?.offset == 0)
    #expect(Self.shown(edge) == Self.shown(everything[0]))
  }

  @Test func aPageStartingInsideATracebackBacksOffToItsRecord() throws {
    let directory = TemporaryDirectory()
    let path = directory.file("app.log")
    FileOps.write(path, Self.appLog(records: 40))
    let (pipeline, everything) = Self.readLive(path, capacity: 100_000)
    let reader = try #require(pipeline.backReader(for: path))
    // Two lines above a traceback's third line are inside the same traceback.
    let inside = try #require(everything.firstIndex { $0.text.hasPrefix("    sku") })
    let anchor = everything[inside + 3]
    let result = reader.older(than: anchor.position!, count: 2, readAt: 0)
    #expect(result.lines.first?.text.contains("ERROR app.orders: sync failed") == true)
    #expect(result.lines.count == 6)
    #expect(result.lines.map(Self.shown) == everything[(inside - 3)..<(inside + 3)].map(Self.shown))
  }

  @Test func aPageIsBoundedByItsLineCount() throws {
    let directory = TemporaryDirectory()
    let path = directory.file("app.log")
    FileOps.write(path, Self.appLog(records: 3000))
    let (pipeline, kept) = Self.readLive(path, capacity: 100)
    let oldest = try #require(kept.first)
    let reader = try #require(pipeline.backReader(for: path))
    let result = reader.older(than: oldest.position!, count: 250, readAt: oldest.time)
    #expect(result.lines.count >= 250 && result.lines.count <= 255)
    #expect(!result.reachedEnd && !result.changed)
  }

  @Test func newerLinesStopBeforeTheLinesHeldBelowWithTheirMarks() throws {
    let directory = TemporaryDirectory()
    let path = directory.file("app.log")
    FileOps.write(path, Self.appLog(records: 200))
    let (pipeline, everything) = Self.readLive(path, capacity: 100_000)
    let reader = try #require(pipeline.backReader(for: path))
    // From just above a traceback: its lines read on are still marked as continuing it.
    let header = try #require(everything.firstIndex { $0.text.contains("sync failed 59") })
    let until = try #require(everything[header + 30].position?.offset)
    let result = reader.newer(
      than: everything[header + 1].position!, until: until, count: 1000, readAt: 0)
    #expect(result.reachedEnd)
    #expect(
      result.lines.map(Self.shown) == everything[(header + 2)..<(header + 30)].map(Self.shown))
    #expect(result.lines.first?.continuesRecord == true)
    let short = reader.newer(than: everything[header].position!, until: until, count: 5, readAt: 0)
    #expect(short.lines.count == 5 && !short.reachedEnd)
  }

  @Test func aTruncatedFileIsSaidToHaveChanged() throws {
    let directory = TemporaryDirectory()
    let path = directory.file("app.log")
    FileOps.write(path, Self.appLog(records: 300))
    let (pipeline, kept) = Self.readLive(path, capacity: 50)
    let oldest = try #require(kept.first)
    FileOps.truncate(path)
    FileOps.append(path, Self.appLog(records: 10))
    let reader = try #require(pipeline.backReader(for: path))
    let result = reader.older(than: oldest.position!, count: 100, readAt: 0)
    #expect(result.changed && result.lines.isEmpty)
    // Written again past the old offset: the line there is not the one that was kept.
    FileOps.append(path, Self.appLog(records: 400))
    #expect(reader.older(than: oldest.position!, count: 100, readAt: 0).changed)
  }

  @Test func aFileWrittenAgainWithALineStartingAtTheSameOffsetIsSaidToHaveChanged() throws {
    let directory = TemporaryDirectory()
    let path = directory.file("app.log")
    FileOps.write(path, Self.appLog(records: 300))
    let (pipeline, kept) = Self.readLive(path, capacity: 50)
    let oldest = try #require(kept.first)
    let reader = try #require(pipeline.backReader(for: path))
    #expect(
      !reader.older(than: oldest.position!, count: 10, readAt: 0, expecting: oldest.text).changed)
    // Truncated, then lines of the very same length written again: a line starts where the kept
    // one did, but it is another line.
    let again = Self.appLog(records: 300).uppercased()
    FileOps.truncate(path)
    FileOps.append(path, again)
    #expect(
      reader.older(than: oldest.position!, count: 10, readAt: 0, expecting: oldest.text).changed)
  }

  @Test func aRotatedFileIsSaidToHaveChanged() throws {
    let directory = TemporaryDirectory()
    let path = directory.file("app.log")
    FileOps.write(path, Self.appLog(records: 300))
    let (pipeline, kept) = Self.readLive(path, capacity: 50)
    let oldest = try #require(kept.first)
    FileOps.rename(path, path + ".1")
    FileOps.write(path, Self.appLog(records: 300))
    let page = pipeline.readBack(
      BackReadRequest(
        id: 7, direction: .older,
        anchors: [.init(path: path, position: oldest.position!, readAt: 0)], pageLines: 100))
    #expect(page.requestID == 7)
    #expect(page.outcomes == [.init(path: path, changed: true)])
    #expect(page.lines.isEmpty)
  }

  @Test func aSearchReadsOnPageAfterPageToTheFirstThatMatches() throws {
    let directory = TemporaryDirectory()
    let path = directory.file("app.log")
    FileOps.write(path, Self.appLog(records: 3000))
    let (pipeline, kept) = Self.readLive(path, capacity: 100)
    let oldest = try #require(kept.first)
    let request = BackReadRequest(
      id: 3, direction: .older,
      anchors: [.init(path: path, position: oldest.position!, readAt: oldest.time)],
      pageLines: 200, search: "orders 12$")
    let page = pipeline.readBack(request, until: { $0.hasSuffix("orders 12") })
    #expect(page.lines.contains { $0.text.hasSuffix("listing orders 12") })
    #expect(page.passedOver > 2000)
    #expect(page.lines.count < 210)
    // Nothing matches: it stops at the file's first line, every line read passed over but the last page's.
    let none = pipeline.readBack(request, until: { _ in false })
    #expect(none.outcomes.first?.reachedEnd == true)
    #expect(none.lines.first?.position?.offset == 0)
    #expect(none.passedOver + none.lines.count + kept.count > 3000)
  }

  @Test func aSourceWithoutAFormatCannotBeReadBack() {
    let pipeline = IngestPipeline(
      specs: [], options: FollowOptions(useInotify: false), monitor: Monitor(),
      archive: LineArchive(), decoderOptions: DecoderOptions())
    let page = pipeline.readBack(
      BackReadRequest(
        id: 1, direction: .older,
        anchors: [
          .init(path: "/nope", position: LinePosition(offset: 9, device: 1, inode: 2), readAt: 0)
        ], pageLines: 10))
    #expect(page.outcomes == [.init(path: "/nope", unreadable: true)])
  }

  @Test func pagesOfSeveralFilesMergeByTheTimeTheyStateStablyWithinAFile() {
    func line(_ path: String, _ text: String, _ stamped: EpochSeconds?) -> ArchivedLine {
      ArchivedLine(
        time: 0, path: path, role: nil, service: nil, text: text, isError: false,
        stamped: stamped)
    }
    let a = [line("a", "a1", 10), line("a", "a1 tb", nil), line("a", "a2", 30)]
    let b = [line("b", "b1", 20), line("b", "b2", 30)]
    #expect(BackReadPage.merged([a, b]).map(\.text) == ["a1", "a1 tb", "b1", "a2", "b2"])
  }
}
