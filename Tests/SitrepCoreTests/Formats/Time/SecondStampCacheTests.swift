import Testing

@testable import SitrepCore

/// The JSON reader's stamp cache gives exactly what `TimestampParser` gives, hit or miss: the same
/// second with another fraction, another zone, two shapes alternating, a DST change in a named
/// zone, stamps it will not remember, and text that is no stamp.
@Suite struct SecondStampCacheTests {
  static let stamps = [
    "2026-11-24T14:00:00.009999Z", "2026-11-24 14:00:00,029", "2026-11-24T14:00:00.019999Z",
    "2026-11-24 14:00:00,039", "2026-11-24T14:00:00Z", "2026-11-24T14:00:00.5Z",
    "2026-11-24T14:00:00.25+01:00", "2026-11-24T14:00:00.25+0100", "2026-11-24T14:00:00.25-05:30",
    "2026-11-24T14:00:01.000001Z", "2026-11-24T14:00:01.000001", "2026-11-24 14:00:01",
    "2026-11-24T14:00:01.123456789Z", "2026-11-24T14:00:01.1234567891234Z",
    "2026-11-24T14:00:01.25 +0000", "2026-11-24T14:00:01.25 UTC", "2026-11-24T14:00:01.25]",
    "2026-03-29 01:59:59,999", "2026-03-29 02:30:00,500", "2026-03-29 03:00:00,001",
    "2026-10-25 02:30:00,250", "2026-10-25 02:30:00,750", "2026-11-24T14:00:00.009999Z",
    "2026-11-24T14:00:0x.1Z", "2026-13-24T14:00:00.1Z", "1795528800.25", "not a time at all!!",
    "2026-11-24T14:00:00.009999Z", "2026-11-24T14:00:00.009999Q", "2026-11-24T14:00:00,1Z",
  ]

  @Test(arguments: ["UTC", "Europe/Berlin", "America/New_York"])
  func everyReadingIsTheParsers(zoneName: String) throws {
    let zone = try #require(ZoneText.parse(zoneName))
    var cache = SecondStampCache()
    // Twice through, and once backwards, so each stamp is read as a hit and as a miss.
    for stamp in Self.stamps + Self.stamps + Self.stamps.reversed() {
      var text = stamp
      let want = TimestampParser.parse(stamp, readAt: 1_795_528_800, naiveZone: zone)
      let got = text.withUTF8 { bytes in
        cache.stamp(bytes) {
          TimestampParser.parse(bytes: $0, readAt: 1_795_528_800, naiveZone: zone)
        }
      }
      #expect(got?.bitPattern == want?.bitPattern, "\(stamp) in \(zoneName)")
    }
  }

  /// A hit does not call the parser: the cache is taken on the second line of the same second.
  @Test func theSameSecondIsNotParsedAgain() {
    var cache = SecondStampCache()
    var parsed = 0
    for stamp in [
      "2026-11-24T14:00:00.01Z", "2026-11-24 14:00:00,029", "2026-11-24T14:00:00.02Z",
      "2026-11-24 14:00:00,039", "2026-11-24T14:00:00.03Z",
    ] {
      var text = stamp
      _ = text.withUTF8 { bytes in
        cache.stamp(bytes) {
          parsed += 1
          return TimestampParser.parse(bytes: $0, readAt: 0, naiveZone: .utc)
        }
      }
    }
    #expect(parsed == 2)
  }
}
