import Testing

@testable import SitrepCore

/// What `tz = "..."` and `--tz` accept.
@Suite struct ZoneTextTests {
  @Test func offsetsAndUTC() {
    #expect(ZoneText.parse("UTC") == .utc)
    #expect(ZoneText.parse("Z") == .utc)
    #expect(ZoneText.parse("+02:00") == .fixed(7200))
    #expect(ZoneText.parse("-0530") == .fixed(-19_800))
    #expect(ZoneText.parse("+05:45") == .fixed(20_700))
    #expect(ZoneText.parse("local") == .host)
  }

  @Test func zoneNamesFromTheSystemDatabase() throws {
    let berlin = try #require(ZoneText.parse("Europe/Berlin"))
    #expect(berlin.offset(atUTC: 1_784_116_800) == 7200)
    #expect(berlin.offset(atUTC: 1_794_744_000) == 3600)
  }

  @Test(arguments: [
    "+25:00", "+02:61", "02:00", "Mars/Olympus", "../../etc/passwd", "/etc/localtime", "",
    "+02:00x",
  ])
  func refused(_ text: String) {
    #expect(ZoneText.parse(text) == nil)
  }

  @Test func aFileThatIsNotTZifIsRefused() {
    #expect(
      TZifReader.parse(Array("not a zone file at all, just some text here to be long".utf8)) == nil)
  }
}
