import TOMLKit

/// The one way sitrep hands a file to the TOML parser (configs and themes): text the parser would
/// abort on (`TableHeaderCheck`, `DateTimeCheck`) is an error with its line, like any other syntax
/// error.
public enum TOMLText {
  /// A syntax error: its 1-based line when known, and what is wrong.
  public struct SyntaxError: Error, Equatable {
    public var line: Int?
    public var message: String
  }

  public static func table(_ text: String) throws(SyntaxError) -> TOMLTable {
    if let bad = TableHeaderCheck.firstBadHeader(in: text) {
      // An error earlier in the file is the one toml++ would report first.
      let before = text.split(separator: "\n", omittingEmptySubsequences: false)
        .prefix(bad.line - 1).joined(separator: "\n")
      _ = try table(before)
      let found = bad.character.map { "'\($0)'" } ?? "the end of the line"
      throw SyntaxError(
        line: bad.line,
        message: bad.inArray
          ? "an array needs a value here (or its closing ']'), found \(found)"
          : "a table header needs a name after its bracket, found \(found)")
    }
    if let line = DateTimeCheck.firstBadTime(in: text) {
      // As above: an earlier error is the one to report.
      let before = text.split(separator: "\n", omittingEmptySubsequences: false)
        .prefix(line - 1).joined(separator: "\n")
      _ = try table(before)
      throw SyntaxError(line: line, message: "a date-time needs a time (HH:MM:SS) after its T")
    }
    do {
      return try TOMLTable(string: text)
    } catch let error as TOMLParseError {
      throw SyntaxError(line: error.source.begin.line, message: error.description)
    } catch {
      throw SyntaxError(line: nil, message: "\(error)")
    }
  }
}
