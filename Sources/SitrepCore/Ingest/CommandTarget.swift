/// What a command source runs: the user's own argv, or what a shorthand stands for
/// (`RemoteShorthand`). `CommandLine` turns it into the argv to start.
public enum CommandTarget: Sendable, Equatable {
  /// `[[source]] command = [...]`: run as given, never through a shell.
  case argv([String])
  /// `HOST:/path`: `tail -F` of one file over ssh.
  case remoteFile(host: String, path: String)
  /// `HOST:/glob*`: listed on the host, then each file is a `remoteFile`.
  case remoteGlob(host: String, pattern: String)
  /// `journal:UNIT`, `HOST:journal:UNIT`: `journalctl -o json` of the unit.
  case journal(host: String?, unit: String)
  /// `docker:NAME`: `docker logs --timestamps` of the container, both streams.
  case docker(name: String)

  /// The host the lines come from; nil for this machine.
  public var host: String? {
    switch self {
    case .remoteFile(let host, _), .remoteGlob(let host, _): host
    case .journal(let host, _): host
    case .argv, .docker: nil
    }
  }

  /// Whether the command's standard error carries log lines too (`docker logs` writes the
  /// container's stderr there) rather than only its own complaints.
  var stderrIsData: Bool {
    if case .docker = self { return true }
    return false
  }

  /// The wrapper its lines come in when the kind fixes it.
  public var wrapper: LineWrapper? {
    if case .docker = self { return .dockerTimestamps }
    return nil
  }
}

/// The shorthands accepted wherever a path is: on the command line and in `[[source]] path =`.
public enum RemoteShorthand {
  /// The command a path stands for, or nil when it is a plain path. A path that merely contains
  /// `:` but names an existing local file stays a file (`exists` is asked only then).
  public static func parse(_ text: String, exists: (String) -> Bool = localFileExists)
    -> CommandTarget?
  {
    guard let colon = text.firstIndex(of: ":"), !exists(text) else { return nil }
    let head = String(text[..<colon])
    let rest = String(text[text.index(after: colon)...])
    if head == "journal" { return rest.isEmpty ? nil : .journal(host: nil, unit: rest) }
    if head == "docker" { return rest.isEmpty ? nil : .docker(name: rest) }
    guard isHost(head) else { return nil }
    if rest.hasPrefix("journal:") {
      let unit = String(rest.dropFirst("journal:".count))
      return unit.isEmpty ? nil : .journal(host: head, unit: unit)
    }
    guard rest.hasPrefix("/") || rest.hasPrefix("~/"), rest.count > 1 else { return nil }
    let isGlob = rest.contains(where: { $0 == "*" || $0 == "?" || $0 == "[" })
    return isGlob ? .remoteGlob(host: head, pattern: rest) : .remoteFile(host: head, path: rest)
  }

  public static func localFileExists(_ path: String) -> Bool {
    if case .found = FileSystem.info(path: path) { return true }
    return false
  }

  /// An ssh destination as written before `:` — `web1`, `deploy@web1.example.com`, an alias from
  /// the user's ssh config. No slash (`./a:b` is a path), no blank, and not an option.
  static func isHost(_ text: String) -> Bool {
    guard let first = text.first, first != "-", first != "." else { return false }
    return text.allSatisfy {
      $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_" || $0 == "@"
    }
  }
}
