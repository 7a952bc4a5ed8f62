import Testing

@testable import SitrepCore

/// Found by scripts/fuzz: toml++ asserts (and the process aborts, release build included) on a
/// table header whose name starts with a character no key can start with. Each of these used to
/// crash `sitrep --config`; now each is an error naming its line.
@Suite struct TableHeaderCheckTests {
  static let aborting: [(text: String, line: Int)] = [
    ("[%(asctime)s] {%(module)s:%(lineno)d} %(levelname)s - %(message)s\n", 1),
    ("[\n", 1), ("[ \n", 1), ("[[ \n", 1), ("[\r\n", 1), ("[\t%]", 1), ("[.]", 1), ("[=", 1),
    ("[[=", 1), ("[#", 1), ("[ #", 1), ("[é]", 1), ("[(", 1),
    ("window = \"5m\"\n[[service]]\nname = \"api\"\n[[ %\n", 4),
    // Brackets in strings, arrays and comments before it are values, not headers.
    ("x = [ # c [%\n  [1],\n]\n[%", 4), ("a = \"[%\"\n[(", 2), ("a = \"x\\\"[%\"\n[(", 2),
    ("x = \"\"\"a\n[%\n\"\"\"\n[%", 4), ("x = '''\n[%\n'''\n[%", 4),
    // A third bracket after `[[`, and a `}` where an array's value should be (scripts/fuzz, CI).
    ("[[[service]]\nname = \"api\"\n", 1), ("[[ [service]]\n", 1), ("x = [}\n", 1),
    ("x = [1, }\n", 1), ("a = 1\nx = [\n  # c\n  }\n", 4), ("x = {a = [}}\n", 1),
    ("x = [{a = 1}, }\n", 1), ("[[a]]\nx = [ [}\n", 2),
  ]

  @Test(arguments: aborting)
  func aHeaderTheParserWouldAbortOnIsAnError(_ text: String, _ line: Int) throws {
    let bad = try #require(TableHeaderCheck.firstBadHeader(in: text))
    #expect(bad.line == line)
    #expect(throws: TOMLText.SyntaxError.self) { try TOMLText.table(text) }
  }

  /// Valid TOML with `[` where a header cannot be: nothing is flagged, the parser reads it.
  @Test(arguments: [
    "x = \"\"\"\n[%\n\"\"\"\n", "x = '''\n[%\n'''\n", "x = [\n[1, 2],\n  [3],\n]\n",
    "a = \"[%\" # [%\n", "a = { b = [\n1\n] }\n", "[\"odd name\"]\nx = 1\n", "[ a . b ]\n",
    "[[service]]\nname = \"api\"\n", "'[%' = 1\n", "x = \"\"\"a\\\n[%\"\"\"\"\n",
    "x = [{a = 1}, {b = [2]}]\n", "x = [\"}\", '}'] # }\n", "x = [\n  1, # }\n  2,\n]\n",
  ])
  func validTOMLIsLeftToTheParser(_ text: String) throws {
    #expect(TableHeaderCheck.firstBadHeader(in: text) == nil)
    _ = try TOMLText.table(text)
  }

  @Test func theConfigErrorNamesTheFileTheLineAndWhatFollowsTheBracket() throws {
    do {
      _ = try SitrepConfig.parse(
        text: "window = \"5m\"\n[%(asctime)s] %(message)s\n", path: "/etc/sitrep.toml")
      Issue.record("expected an error")
    } catch {
      #expect(error.line == 2)
      #expect(error.description.hasPrefix("/etc/sitrep.toml:2: not valid TOML"))
      #expect(error.problem.contains("found '%'"))
    }
  }

  /// toml++ stops at the first error: one before the bad header is the one reported.
  @Test func anEarlierSyntaxErrorIsReportedFirst() throws {
    do {
      _ = try TOMLText.table("a = 1 2\nb = 3\n[%\n")
      Issue.record("expected an error")
    } catch {
      #expect(error.line == 1)
    }
  }
}
