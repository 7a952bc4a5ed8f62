import ArgumentParser
import FoundationEssentials
import SitrepCore

/// `sitrep init PATH...`: a commented starter sitrep.toml from what detection finds.
struct InitCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "init",
    abstract: "Print a starter sitrep.toml for these files (redirect it into a file and edit).")

  @Argument(help: "Log and metrics files to describe.")
  var paths: [String]

  func run() throws {
    var found: [(path: String, detection: Detection?)] = []
    for path in paths {
      found.append((path, FormatSniffer.detect(path: path)))
    }
    try StandardOutput.print(StarterConfig.render(sources: found), terminator: "")
  }
}

/// Reads the first lines of a file to detect its format, without following it.
enum FormatSniffer {
  static func detect(path: String) -> Detection? {
    // Not FileHandle: opening a FIFO with no writer would block `init` for ever.
    guard case .bytes(let data) = FilePrefix.read(path: path, maxBytes: 64 * 1024) else {
      return nil
    }
    let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true).prefix(
      50)
    let text = lines.map { line in Array(line).withUnsafeBufferPointer { TextSanitizer.display($0) }
    }
    return FormatCatalog.detect(sample: text)
  }
}
