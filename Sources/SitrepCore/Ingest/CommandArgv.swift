import Glibc

/// The argv a command source starts: the user's own as given, or a shorthand's `ssh`,
/// `journalctl` or `docker` line with the read window of `FollowOptions` in it.
public struct CommandArgv: Sendable, Equatable {
  /// How ssh is started: `ssh`, or the words of `SITREP_SSH` (`ssh -F /etc/sitrep/ssh_config`).
  /// The user's own ssh config applies as it would on the command line: sitrep adds options,
  /// never a config file of its own.
  public var ssh: [String]
  /// Where the shared connections' control sockets live (one per host).
  public var controlDirectory: String
  public var options: FollowOptions
  /// Wall-clock now, for `--since` of a window given in time.
  public var now: EpochSeconds

  public init(
    ssh: [String] = ["ssh"], controlDirectory: String = CommandArgv.defaultControlDirectory,
    options: FollowOptions, now: EpochSeconds
  ) {
    self.ssh = ssh.isEmpty ? ["ssh"] : ssh
    self.controlDirectory = controlDirectory
    self.options = options
    self.now = now
  }

  /// From the environment: `SITREP_SSH` split on blanks (no shell quoting is interpreted).
  public static func ssh(environment value: String?) -> [String] {
    let words = (value ?? "").split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    return words.isEmpty ? ["ssh"] : words
  }

  /// `$XDG_RUNTIME_DIR/sitrep-ssh` when there is one (private to the user), else
  /// `/tmp/sitrep-ssh-UID`; made 0700 when the first ssh source starts.
  public static var defaultControlDirectory: String {
    if let runtime = getenv("XDG_RUNTIME_DIR").map({ String(cString: $0) }), runtime.hasPrefix("/")
    {
      return runtime + "/sitrep-ssh"
    }
    return "/tmp/sitrep-ssh-\(getuid())"
  }

  /// Lines a remote tail or the journal starts back: what `backfillBytes` holds at about 128
  /// bytes a line (8 MiB: 65536 lines), at least 1000. Neither can seek by bytes to a line start.
  var backfillLines: Int { max(1000, options.backfillBytes / 128) }

  /// The argv for following (`live`) or for a read that ends by itself (headless `report`).
  public func argv(for target: CommandTarget, live: Bool) -> [String] {
    switch target {
    case .argv(let words): return words
    case .remoteFile(let host, let path):
      let start = options.fromStart ? "+1" : "\(backfillLines)"
      let follow = live ? ["-F"] : []
      return sshArgv(
        host: host,
        remote: "exec tail " + (follow + ["-n", start]).joined(separator: " ")
          + " -- " + Self.remotePath(path))
    case .remoteGlob(let host, let pattern):
      return listing(host: host, pattern: pattern)
    case .journal(let host, let unit):
      let words = journalctl(unit: unit, live: live)
      guard let host else { return words }
      return sshArgv(host: host, remote: "exec " + ShellQuote.words(words))
    case .docker(let name):
      var words = ["docker", "logs", "--timestamps"]
      if live { words.append("--follow") }
      if let seconds = options.backfillSeconds, !options.fromStart {
        words += ["--since", "\(Int(saturating: (now - seconds).rounded(.down)))"]
      } else {
        words += ["--tail", options.fromStart ? "all" : "\(backfillLines)"]
      }
      return words + ["--", name]
    }
  }

  /// Prints the regular files a remote glob matches, each followed by a NUL, so no name (a
  /// newline in it, a leading dash) is misread.
  public func listing(host: String, pattern: String) -> [String] {
    let script =
      "for f in \(Self.remoteGlob(pattern)); do [ -f \"$f\" ] && printf '%s\\0' \"$f\"; done; true"
    return sshArgv(host: host, remote: "exec sh -c " + ShellQuote.word(script))
  }

  /// `journalctl -o json` of a unit's entries: those its processes wrote (`_SYSTEMD_UNIT`) and
  /// those tagged with its name (`SYSLOG_IDENTIFIER`, as `systemd-cat -t` or syslog(3) write).
  func journalctl(unit: String, live: Bool) -> [String] {
    let isUnitName = unit.contains(".")
    let unitName = isUnitName ? unit : unit + ".service"
    let identifier = isUnitName ? String(unit[..<unit.lastIndex(of: ".")!]) : unit
    var words = ["journalctl", "--no-pager", "-o", "json"]
    if live { words.append("-f") }
    if options.fromStart {
      words += ["-n", "all"]
    } else if let seconds = options.backfillSeconds {
      words += ["--since", "@\(Int(saturating: (now - seconds).rounded(.down)))"]
    } else {
      words += ["-n", "\(backfillLines)"]
    }
    return words + ["_SYSTEMD_UNIT=\(unitName)", "+", "SYSLOG_IDENTIFIER=\(identifier)"]
  }

  /// `ssh` with no prompts and one shared connection per host. `--` keeps a host that starts
  /// with `-` from being read as an option.
  func sshArgv(host: String, remote: String) -> [String] {
    ssh + [
      "-o", "BatchMode=yes", "-o", "ControlMaster=auto",
      "-o", "ControlPath=\(controlPath(host: host))", "-o", "ControlPersist=60",
      "-o", "ServerAliveInterval=10", "-o", "ServerAliveCountMax=3", "-T", "--", host, remote,
    ]
  }

  /// One socket per host name as written; short whatever the name (a socket path must fit 108
  /// bytes), with no `%` for ssh to expand.
  public func controlPath(host: String) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in host.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x100_0000_01b3
    }
    let hex = String(hash, radix: 16)
    return controlDirectory + "/" + String(repeating: "0", count: 16 - hex.count) + hex
  }

  /// A remote path for the remote shell: quoted, but `~/` left bare so it still means home.
  static func remotePath(_ path: String) -> String {
    path.hasPrefix("~/") ? "~/" + ShellQuote.word(String(path.dropFirst(2))) : ShellQuote.word(path)
  }

  static func remoteGlob(_ pattern: String) -> String {
    pattern.hasPrefix("~/")
      ? "~/" + ShellQuote.glob(String(pattern.dropFirst(2))) : ShellQuote.glob(pattern)
  }
}
