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

  @Option(
    help: ArgumentHelp(
      "Server configs to look for log formats in, when detection is unsure of a file.",
      valueName: "path"))
  var serverConfig: [String] = DefinitionFinder.usualConfigFiles

  func run() throws {
    var found: [(path: String, detection: Detection?)] = []
    var proposals: [String: String] = [:]
    lazy var candidates = DefinitionFinder.candidates(in: serverConfig)
    for path in paths {
      var detection = FormatDetector.detect(path: path)
      // Unsure: the format the server on this box was configured with may read it.
      if (detection?.confidence ?? 0) < StarterConfig.sureConfidence,
        case .bytes(let data) = FilePrefix.read(path: path, maxBytes: 64 * 1024),
        let proposal = DefinitionFinder.propose(
          for: data.split(separator: UInt8(ascii: "\n")).map(Array.init), candidates: candidates)
      {
        proposals[path] = proposal.definition
        detection = Detection(
          format: proposal.descriptor.id, role: proposal.descriptor.role, confidence: 1)
      }
      found.append((path, detection))
    }
    try StandardOutput.print(
      StarterConfig.render(sources: found, definitions: proposals), terminator: "")
  }
}
