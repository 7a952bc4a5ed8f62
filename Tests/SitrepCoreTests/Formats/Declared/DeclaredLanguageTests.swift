import Testing

@testable import SitrepCore

@Suite struct DeclaredLanguageTests {
  @Test func recognisedFromContent() throws {
    let cases: [(String, DeclaredLanguage)] = [
      ("$remote_addr $status", .nginx),
      ("log_format main '$status';", .nginx),
      ("%(h)s %(s)s", .gunicorn),
      ("%({x-forwarded-for}i)s %(s)s", .gunicorn),
      ("%(asctime)s %(levelname)s %(message)s", .python),
      ("{asctime} {levelname:<8} {message}", .python),
      ("${levelname} ${message}", .python),
      (#"%h %l %u %t \"%r\" %>s %b"#, .apache),
      (#"LogFormat "%h %>s" common"#, .apache),
      (#"%>s "%{message}i""#, .apache),
      (#"(?<status>\d+)"#, .regex),
      (#"(?P<message>.*)"#, .regex),
    ]
    for (text, language) in cases {
      #expect(try DeclaredLanguage.recognise(text).0 == language, "\(text)")
    }
  }

  @Test func prefixSettlesAmbiguity() throws {
    // `%(s)s` alone could be either; the prefix says Python (an unknown attribute, ignored) -
    // which then needs a message, so it is refused; as gunicorn it compiles.
    #expect(try DeclaredLanguage.recognise("python: {message}").0 == .python)
    #expect(try DeclaredLanguage.recognise("apache:%>s").1 == "%>s")
    #expect(try FormatCatalog.resolve("gunicorn: %(s)s").id == "gunicorn-declared")
    #expect(try FormatCatalog.resolve("regex: (?<status>\\d+)").id == "regex-declared")
    #expect(try FormatCatalog.resolve("nginx:$status").id == "nginx-declared")
  }

  @Test func catalogIdsAndAliasesComeFirst() throws {
    #expect(try FormatCatalog.resolve("nginx-combined").id == "nginx-combined")
    #expect(try FormatCatalog.resolve("combined").id == "nginx-combined")
    #expect(try FormatCatalog.resolve("python").id == "python-logging")
    #expect(try FormatCatalog.resolve(" gunicorn\n").id == "gunicorn")
  }

  @Test func aMisspeltIdIsNotADefinition() {
    let e = compileError("nginx-combnied")
    #expect(e?.problem == "format = \"nginx-combnied\" is not a format sitrep knows")
    #expect(e?.fix == "did you mean \"nginx-combined\"?")
  }

  @Test func unrecognisable() {
    #expect(compileError("hello world")?.problem.hasPrefix("cannot tell which language") == true)
  }

  @Test func emptyAfterPrefix() {
    #expect(compileError("nginx:")?.problem == "an empty nginx format")
  }
}
