import Testing

@testable import SitrepCore

/// Zoneless stamps read in a zone whose offset changes: each line gets the offset of its own
/// moment. A July Celery line read in November under Europe/Berlin used to be an hour off.
@Suite struct NaiveZoneTests {
  static let july12 = 1_784_116_800.0  // 2026-07-15T12:00:00Z
  static let november12 = 1_794_744_000.0  // 2026-11-15T12:00:00Z

  func iso(_ text: String, _ zone: NaiveZone) -> EpochSeconds? {
    TimestampParser.parse(text, readAt: Self.november12, naiveZone: zone)
  }

  @Test func berlinIsTwoHoursAheadInJulyAndOneInNovember() throws {
    let berlin = try #require(ZoneText.parse("Europe/Berlin"))
    #expect(iso("2026-07-15 14:00:00,000", berlin) == Self.july12)
    #expect(iso("2026-11-15 13:00:00,000", berlin) == Self.november12)
  }

  @Test func newYorkAcrossItsAutumnChange() throws {
    let newYork = try #require(ZoneText.parse("America/New_York"))
    // Noon on Saturday is EDT (16:00Z); noon on Monday, after the change on Sunday, is EST.
    #expect(iso("2026-10-31T12:00:00", newYork) == 1_793_462_400)
    #expect(iso("2026-11-02T12:00:00", newYork) == 1_793_638_800)
  }

  @Test func aWrittenZoneWinsOverTheNaiveOne() throws {
    let berlin = try #require(ZoneText.parse("Europe/Berlin"))
    #expect(iso("2026-07-15T12:00:00Z", berlin) == Self.july12)
    #expect(iso("2026-07-15T13:00:00+01:00", berlin) == Self.july12)
  }

  @Test func syslogAndTimeOfDayTakeTheOffsetOfTheirMoment() throws {
    let berlin = try #require(ZoneText.parse("Europe/Berlin"))
    let stamp = Array("Jul 15 14:00:00".utf8)
    let syslog = stamp.withUnsafeBufferPointer { buffer -> EpochSeconds? in
      var cursor = ByteCursor(buffer)
      return TimestampParser.syslog(&cursor, readAt: Self.november12, naiveZone: berlin)
    }
    #expect(syslog == Self.july12)
    let clock = Array("14:00:00".utf8)
    let timeOfDay = clock.withUnsafeBufferPointer { buffer -> EpochSeconds? in
      var cursor = ByteCursor(buffer)
      return TimestampParser.timeOfDay(&cursor, readAt: Self.july12 + 3600, naiveZone: berlin)
    }
    #expect(timeOfDay == Self.july12)
  }

  @Test func transitionsAnswerByBinarySearch() {
    let table = ZoneTransitions(moments: [100, 200], offsets: [0, 3600, 7200])
    #expect(table.offset(atUTC: 99) == 0)
    #expect(table.offset(atUTC: 100) == 3600)
    #expect(table.offset(atUTC: 199) == 3600)
    #expect(table.offset(atUTC: 5000) == 7200)
  }

  @Test func labels() throws {
    #expect(NaiveZone.fixed(0).label(now: 0) == "UTC")
    #expect(NaiveZone.fixed(3600).label(now: 0) == "+01:00")
    #expect(NaiveZone.fixed(-(5 * 3600 + 1800)).label(now: 0) == "-05:30")
    #expect(try #require(ZoneText.parse("Asia/Kolkata")).label(now: 0) == "Asia/Kolkata")
  }
}
