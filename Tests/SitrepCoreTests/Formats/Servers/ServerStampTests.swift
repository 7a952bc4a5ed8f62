import Testing

@testable import SitrepCore

/// The stamp shapes the servers write that the access-log parsers did not read.
@Suite struct ServerStampTests {
  /// 2026-11-26 16:15:42 UTC.
  static let moment: EpochSeconds = 1_795_709_742

  func read(_ text: String, _ parse: (inout ByteCursor) -> EpochSeconds?) -> EpochSeconds? {
    text.withLineBytes { bytes in
      var c = ByteCursor(bytes)
      return parse(&c)
    }
  }

  @Test func spacedCLFIsLocalTime() {
    #expect(
      read("26/Nov/2026 16:15:42") { TimestampParser.clfSpaced(&$0, naiveZone: .utc) }
        == Self.moment)
    #expect(
      read("26/Nov/2026 10:15:42") { TimestampParser.clfSpaced(&$0, naiveZone: .fixed(-6 * 3600)) }
        == Self.moment)
    #expect(read("26/Nov/2026:16:15:42") { TimestampParser.clfSpaced(&$0, naiveZone: .utc) } == nil)
    #expect(read("31/Feb/2026 16:15:42") { TimestampParser.clfSpaced(&$0, naiveZone: .utc) } == nil)
  }

  @Test func ctimeWithAndWithoutPadding() {
    #expect(
      read("Thu Nov 26 16:15:42 2026") { TimestampParser.ctime(&$0, naiveZone: .utc) }
        == Self.moment)
    #expect(
      read("Sun Nov  1 00:00:00 2026") { TimestampParser.ctime(&$0, naiveZone: .utc) }
        == 1_793_491_200)
    #expect(read("Thu Nov 26 16:15:42") { TimestampParser.ctime(&$0, naiveZone: .utc) } == nil)
  }

  /// Reads by time (`--backfill-time`) find the servers' lines.
  @Test func theProbeReadsTheServersStamps() {
    let lines = [
      #"127.0.0.1 - - [26/Nov/2026 16:15:42] "GET / HTTP/1.1" 200 -"#,
      #"[26/Nov/2026 16:15:42] "GET /health HTTP/1.1" 200 16"#,
      "[pid: 1|app: 0|req: 1/1] 127.0.0.1 () {26 vars in 322 bytes} [Thu Nov 26 16:15:42 2026] GET /",
      #"127.0.0.1:38268 [26/Nov/2026:16:15:42.313] web api/app1 0/0/0/3/4 200 139 - - ---- 1/1/0/0/0 0/0 "GET / HTTP/1.1""#,
    ]
    for line in lines {
      let t = line.withLineBytes { LineTimeProbe.time(in: $0, naiveZone: .utc) }
      #expect(t.map { abs($0 - Self.moment) < 1 } == true, "\(line)")
    }
  }
}
