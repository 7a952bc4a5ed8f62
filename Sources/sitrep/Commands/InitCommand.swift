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
      found.append((path, FormatDetector.detect(path: path)))
    }
    try StandardOutput.print(StarterConfig.render(sources: found), terminator: "")
  }
}
