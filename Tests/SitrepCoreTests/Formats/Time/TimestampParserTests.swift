import Testing

@testable import SitrepCore

@Suite struct TimestampParserTests {
  let t1402 = fixtureHour + 151  // 14:02:31 UTC

  func parse(_ text: String, readAt: EpochSeconds = fixtureReadAt, offset: Int = 0) -> EpochSeconds?
  {
    TimestampParser.parse(text, readAt: readAt, naiveZone: .fixed(offset))
  }

  @Test func civilDateRoundTrips() {
    #expect(CivilDate.daysFromCivil(year: 1970, month: 1, day: 1) == 0)
    #expect(CivilDate.daysFromCivil(year: 2026, month: 11, day: 24) == 20_781)
    for days in [-1000, 0, 59, 20_781, 2_932_896] {
      let c = CivilDate.civilFromDays(days)
      #expect(CivilDate.daysFromCivil(year: c.year, month: c.month, day: c.day) == days)
    }
  }

  @Test func clfWithZones() {
    #expect(parse("24/Nov/2026:14:02:31 +0000") == t1402)
    #expect(parse("24/Nov/2026:14:02:31 -0700") == t1402 + 7 * 3600)
    #expect(parse("24/Nov/2026:14:02:31 +0530") == t1402 - 5 * 3600 - 1800)
  }

  @Test func iso8601Shapes() {
    #expect(parse("2026-11-24T14:02:31Z") == t1402)
    #expect(approx(parse("2026-11-24T14:02:31.118Z"), t1402 + 0.118))
    #expect(approx(parse("2026-11-24T14:02:31.118402Z"), t1402 + 0.118402))
    #expect(parse("2026-11-24T15:02:31+01:00") == t1402)
    #expect(parse("2026-11-24T15:02:31+0100") == t1402)
    #expect(parse("2026-11-24T15:02:31+01") == t1402)
    #expect(parse("2026-11-24T07:02:31-07:00") == t1402)
    // No zone: the local offset applies.
    #expect(parse("2026-11-24T16:02:31", offset: 7200) == t1402)
  }

  @Test func pythonAsctimeAndGunicorn() {
    #expect(approx(parse("2026-11-24 14:02:31,118"), t1402 + 0.118))
    #expect(approx(parse("2026-11-24 19:32:31,118", offset: 19800), t1402 + 0.118))
    #expect(parse("[2026-11-24 14:00:00 +0000]") == fixtureHour)
    #expect(parse("2026-11-24 16:00:00 +0200") == fixtureHour)
  }

  @Test func syslogTakesYearFromReadTime() {
    #expect(parse("Nov 24 14:00:01") == fixtureHour + 1)
    #expect(parse("Nov  4 14:00:01") == fixtureHour + 1 - 20 * 86_400)
    // A December line read on 2 January belongs to the previous year.
    let jan2 = EpochSeconds(CivilDate.daysFromCivil(year: 2027, month: 1, day: 2) * 86_400)
    #expect(parse("Dec 31 23:59:59", readAt: jan2) == 1_798_761_599)
  }

  @Test func timeOfDayTakesDateFromReadTime() {
    #expect(parse("14:00:03") == fixtureHour + 3)
    // Local zone +02:00: 16:00:03 local is 14:00:03 UTC.
    #expect(parse("16:00:03", offset: 7200) == fixtureHour + 3)
    // Read just after midnight, a 23:59 line is from yesterday.
    let midnight = EpochSeconds(CivilDate.daysFromCivil(year: 2026, month: 11, day: 25) * 86_400)
    #expect(parse("23:59:30", readAt: midnight + 60) == midnight - 30)
  }

  @Test func epochNumbersBySize() {
    #expect(parse("1795528951") == t1402)
    #expect(parse("1795528951000") == t1402)
    #expect(approx(parse("1795528951.5"), t1402 + 0.5))
    #expect(TimestampParser.epochNumber(1_795_528_951_000_000) == t1402)
    #expect(TimestampParser.epochNumber(-5) == nil)
    #expect(TimestampParser.epochNumber(.infinity) == nil)
  }

  @Test func impossibleDatesAreRejected() {
    #expect(parse("2026-13-01T00:00:00Z") == nil)
    #expect(parse("2026-02-30T00:00:00Z") == nil)
    #expect(parse("2025-02-29 10:00:00") == nil)
    #expect(parse("2024-02-29 12:00:00") == 1_709_208_000)
    #expect(parse("2026-11-24T25:00:00Z") == nil)
    #expect(parse("31/Foo/2026:14:02:31 +0000") == nil)
    #expect(parse("24/Nov/2026:14:02:31 +9999") == nil)
    #expect(parse("99999999999999999999-01-01") == nil)
    #expect(parse("") == nil)
    #expect(parse("garbage") == nil)
  }
}
