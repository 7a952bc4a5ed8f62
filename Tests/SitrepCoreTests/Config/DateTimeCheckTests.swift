import Testing

@testable import SitrepCore

/// Found by scripts/fuzz in CI: toml++ asserts (and the release binary aborts) when a date-time's
/// `T` is not followed by a digit. Each of these is now an error naming its line.
@Suite struct DateTimeCheckTests {
  @Test(
    arguments: [
      ("time=2026-11-24T!4:02:31.118Z level=info\n", 1),
      ("window = \"5m\"\nat = 2026-11-24t\n", 2),
      ("a = [2026-11-24T:00:00]\n", 1),
      ("x = \"2026-11-24T!\"\ny = 2026-11-24Tx\n", 2),
    ] as [(String, Int)])
  func aDateTimeTheParserWouldAbortOnIsAnError(_ text: String, _ line: Int) throws {
    #expect(DateTimeCheck.firstBadTime(in: text) == line)
    #expect(throws: TOMLText.SyntaxError.self) { try TOMLText.table(text) }
    do {
      _ = try TOMLText.table(text)
    } catch {
      #expect(error.line == line)
    }
  }

  /// Valid dates, times and strings that only look like them: nothing is flagged.
  @Test(arguments: [
    "a = 2026-11-24T14:02:31Z\n", "a = 2026-11-24t14:02:31\n", "a = 2026-11-24\n",
    "a = 2026-11-24 14:02:31\n", "a = \"2026-11-24T!\"\n", "a = '2026-11-24T!'\n",
    "# 2026-11-24T!\na = 1\n", "a = \"\"\"\n2026-11-24T!\n\"\"\"\n", "a = 12026-11-24T1\n",
  ])
  func validTextIsLeftToTheParser(_ text: String) {
    #expect(DateTimeCheck.firstBadTime(in: text) == nil)
  }
}
