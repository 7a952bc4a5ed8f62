import Testing

@testable import SitrepCore

/// The fuzz corpus of the built-in decoders (random, cut and mutated lines) through declared
/// formats of every language: nothing traps, every line is counted once.
@Suite struct DeclaredFuzzTests {
  static let definitions = [
    NginxDeclaredTests.timed, NginxDeclaredTests.jsonlog,
    "$status $upstream_response_time $request_time $msec ${http_x_request_id}",
    ApacheDeclaredTests.combinedD, "[%{%d/%b/%Y %T %z}t] %>s %{ms}T \"%r\"",
    GunicornDeclaredTests.recorded, PythonDeclaredTests.named, PythonDeclaredTests.basic,
    "{asctime} {levelname:<8} {message}", "%(levelname)8s|%(message)s", "%(message)s",
    #"(?<client>\S+) .*"(?<request>[^"]*)" (?<status>\d{3}) (?<bytes>\S+)"#,
    #"(?P<time>\S+ \S+) (?P<level>[A-Z]+) (?P<msg>.*)"#,
  ]

  @Test func everyDeclaredDecoderCountsEveryLineOnce() throws {
    var lines = try FuzzSupport.corpus(count: 1_500)
    for fixture in [
      "declared/nginx-timed.log", "declared/nginx-json.log", "declared/gunicorn-sync.log",
      "declared/python-named.log",
    ] {
      lines += try fixtureLines(fixture)
    }
    for definition in Self.definitions {
      let descriptor = try FormatCatalog.resolve(definition)
      // Swift's Regex is slow in a debug build: a share of the corpus is enough to shake it.
      let lines = definition.contains("(?") ? Array(lines.prefix(300) + lines.suffix(82)) : lines
      FuzzSupport.expectEveryLineCountedOnce(lines, by: descriptor, label: definition)
      for line in lines.prefix(500) {
        let s = descriptor.scoreLine(String(decoding: line, as: UTF8.self))
        #expect(s >= 0 && s <= 1)
      }
    }
  }
}
