/// Names a service after a log or metrics file, for `sitrep init` and for sources config does
/// not name (where what the logs themselves say comes first: see `ServiceNamesInLogs`).
///
/// Rule: take the file name, drop rotation and compression suffixes (`.1`, `.gz`, dates), file
/// extensions (`.log`, `.jsonl`, `.prom`) and words that name the kind of log rather than the
/// service (`access`, `error`, `app`, `worker`); what is left is the name. When nothing is left
/// (`/var/log/nginx/access.log`), the directory names the service (`nginx`), unless it is a
/// generic one (`logs`, `service`, a temp folder such as `/tmp/tmp.Xa3b9`): then `web`.
///
///     api.access.log                      → api
///     /var/log/nginx/access.log           → nginx
///     /var/log/api/app.log, /var/log/api/*.log → api
///     gunicorn-error.log.1.gz             → gunicorn
///     /var/lib/node-exporter/billing.prom → billing
public enum ServiceNaming {
  static let extensions: Set<String> = [
    "log", "logs", "jsonl", "json", "ndjson", "prom", "txt", "out", "err", "gz", "bz2", "xz", "zst",
  ]
  static let kindWords: Set<String> = [
    "access", "error", "errors", "app", "application", "stdout", "stderr", "server", "main",
    "current", "metrics", "worker", "requests", "debug", "info",
  ]
  static let genericDirectories: Set<String> = [
    "log", "logs", "var", "tmp", "lib", "opt", "srv", "home", "run", "prometheus", "node-exporter",
    "node_exporter", "textfile", "textfile-collector", "textfile_collector", "metrics", "data",
    "service", "services", "app", "apps", "current", "shared", "usr", "local", "root", "mnt",
  ]
  /// What a service is called when nothing better is known.
  public static let fallbackName = "web"

  /// `ignoring`: a word that names no service here, such as the host a file was copied from
  /// (`/logs/web1/access.log` read as host web1 is not service `web1`).
  public static func name(forPath path: String, ignoring: String? = nil) -> String {
    let components = path.split(separator: "/").map { String($0).lowercased() }
    guard let file = components.last else { return fallbackName }
    let tokens = file.split(whereSeparator: { ".-_".contains($0) }).map(clean).filter { token in
      !token.isEmpty && !extensions.contains(token) && !kindWords.contains(token)
        && !isRotationStamp(token) && token != ignoring
    }
    if !tokens.isEmpty { return tokens.joined(separator: "-") }
    for directory in components.dropLast().reversed() {
      if isTemporary(directory) { continue }
      let name = clean(directory)
      if !name.isEmpty && !genericDirectories.contains(name) && !kindWords.contains(name)
        && name != ignoring
      {
        return name
      }
    }
    return fallbackName
  }

  /// The name a file's own name gives, or `nil` when it names only the kind of log (`access.log`).
  public static func nameFromFileName(_ path: String) -> String? {
    guard let file = path.split(separator: "/").last else { return nil }
    let name = self.name(forPath: String(file))
    return name == fallbackName ? nil : name
  }

  /// Folders made by mktemp and test harnesses (`tmp.Xa3b9Qz`, `tmpk2j3_x`): their random names
  /// are not services.
  static func isTemporary(_ directory: String) -> Bool {
    guard directory.hasPrefix("tmp"), directory.count > 3 else { return false }
    let rest = directory.dropFirst(3)
    return rest.first == "." || rest.first == "_" || rest.first == "-"
      || rest.contains(where: \.isNumber)
  }

  /// Keeps letters, digits and inner dashes: glob characters and punctuation go.
  private static func clean(_ text: some StringProtocol) -> String {
    let kept = text.unicodeScalars.filter {
      ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-") && $0.isASCII
    }
    return String(String.UnicodeScalarView(kept)).configTrimming("-")
  }

  /// `1`, `2`, `20261124`: rotation numbers and dates, not names.
  private static func isRotationStamp(_ token: String) -> Bool {
    token.allSatisfy { $0.isASCII && $0.isNumber }
  }
}
