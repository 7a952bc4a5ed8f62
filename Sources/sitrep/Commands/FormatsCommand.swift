import ArgumentParser
import SitrepCore

/// `sitrep formats` (and `sitrep help formats`): every format id with its role and one line of
/// what it reads, from the catalog's own summaries so the list cannot drift from the code.
struct FormatsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "formats",
    abstract: "List the log formats sitrep detects and reads (ids for --format and config).",
    // Help text is wrapped at 80 columns: each format's summary on a line of its own.
    discussion: FormatCatalog.all.map { "\($0.id) (\($0.role.rawValue))\n  \($0.summary)" }
      .joined(separator: "\n"))

  /// One line per format, ids aligned, for the terminal.
  static var listing: String {
    let width = FormatCatalog.all.map { $0.id.count + $0.role.rawValue.count + 3 }.max() ?? 0
    return FormatCatalog.all.map { descriptor in
      let head = "\(descriptor.id) (\(descriptor.role.rawValue))"
      return head + String(repeating: " ", count: max(1, width - head.count + 2))
        + descriptor.summary
    }.joined(separator: "\n")
  }

  func run() throws {
    try StandardOutput.print(Self.listing)
  }
}
