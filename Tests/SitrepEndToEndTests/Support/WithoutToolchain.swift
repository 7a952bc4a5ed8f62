import Foundation

/// Runs commands in a private mount namespace where the Swift toolchain's folders are covered by
/// an empty one, as on a server that never had Swift: anything the binary still loads from the
/// toolchain fails there. Needs `unshare` (util-linux) and root, as CI has.
enum WithoutToolchain {
  /// The folders to hide: the toolchain's root when it has one of its own (/opt/swift), else only
  /// its Swift library folders (a toolchain installed into /usr).
  static let hiddenFolders: [String] = {
    let binFolder =
      (try? CommandRunner.run(
        "/bin/sh", ["-c", "dirname \"$(readlink -f \"$(command -v swift)\")\""]))?
      .stdout.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
    guard binFolder.hasSuffix("/usr/bin") else { return [] }
    let root = String(binFolder.dropLast("/usr/bin".count))
    if !root.isEmpty { return [root] }
    return ["/usr/lib/swift", "/usr/lib/swift_static"].filter {
      FileManager.default.fileExists(atPath: $0)
    }
  }()

  /// `command` as an argument list that runs it with the toolchain hidden.
  static func wrap(_ command: [String]) -> [String] {
    let mounts = hiddenFolders.map { "mount --bind \"$empty\" \(TmuxSession.shellQuote($0))" }
    // With nothing found to hide, the run must fail rather than prove nothing.
    let script =
      "set -e; [ \(hiddenFolders.count) -gt 0 ] || { echo 'no Swift toolchain found to hide' >&2; exit 98; };"
      + " empty=$(mktemp -d); " + mounts.joined(separator: "; ")
      + "; for d in \(hiddenFolders.map(TmuxSession.shellQuote).joined(separator: " ")); do"
      + " [ -z \"$(ls -A \"$d\")\" ] || { echo \"still visible: $d\" >&2; exit 97; }; done; exec \"$@\""
    return ["unshare", "--mount", "--propagation", "private", "--", "/bin/sh", "-c", script, "sh"]
      + command
  }

  static func run(_ command: [String], environment: [String: String]? = nil) throws -> CommandResult
  {
    try CommandRunner.run("/usr/bin/env", wrap(command), environment: environment)
  }

  /// The same, as one shell command line (for a tmux pane).
  static func shellLine(_ command: [String]) -> String {
    wrap(command).map(TmuxSession.shellQuote).joined(separator: " ")
  }
}
