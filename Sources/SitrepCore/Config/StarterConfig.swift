/// Writes the commented `sitrep.toml` that `sitrep init PATH...` prints: each access, app and
/// metrics file grouped into a service named after it, every other file as a `[[source]]`, and the
/// remaining settings shown with their defaults so they are easy to find and change.
public enum StarterConfig {
  /// Below this detection confidence `init` looks for the server's own format definition.
  public static let sureConfidence = 0.7

  /// `definitions`: for a file detection was unsure of, the format its server was configured with
  /// (found by `DefinitionFinder`), written out as the source's `format`.
  public static func render(
    sources: [(path: String, detection: Detection?)], definitions: [String: String] = [:]
  ) -> String {
    var lines = header()
    let (services, others) = group(sources)
    for service in services {
      lines.append("")
      lines.append("[[service]]")
      lines.append("name = \(quoted(service.name))")
      appendPaths(&lines, key: "access", service.access)
      appendPaths(&lines, key: "app", service.app)
      appendPaths(&lines, key: "metrics", service.metrics)
      lines.append(
        commented(
          "p95_ms = \(Int(saturating: ServiceConfig.defaultP95Ms))",
          "SLOW when p95 is above this (milliseconds)"))
      lines.append(
        commented(
          "error_rate = \(ServiceConfig.defaultErrorRate)",
          "DEGRADED above this share of 5xx (or \"2%\")"))
      lines.append(commented("silence = \"2m\"", "DOWN after this long without requests"))
      lines.append(
        commented("# health_path = \"/health\"", "requests to this path are health checks"))
      if let definition = service.access.lazy.compactMap({ definitions[$0.0] }).first {
        lines.append("# The format the server's config declares (detection alone was unsure):")
        lines.append("format = \(literal(definition))")
      } else if let format = service.accessFormat {
        lines.append(
          commented("# format = \(quoted(format))", "force the access format, not detect it"))
      }
      lines.append(commented("# [service.metric_names]", "when the app's metrics use other names"))
      lines.append("# requests = \"http_requests_total\"")
      lines.append("# duration = \"http_request_duration_seconds\"")
    }
    for (path, detection) in others {
      lines.append("")
      lines.append("[[source]]")
      lines.append("path = \(quoted(path))")
      if let definition = definitions[path], let detection {
        lines.append("role = \(quoted(detection.role.rawValue))")
        lines.append("# The format the server's config declares (detection alone was unsure):")
        lines.append("format = \(literal(definition))")
      } else if let detection {
        lines.append("role = \(quoted(detection.role.rawValue))")
        lines.append("format = \(quoted(detection.format))  # \(describe(detection))")
      } else {
        lines.append("# Format not recognised from its first lines. If sitrep reads it wrong, set:")
        lines.append(commented("# role = \"jobs\"", "access | app | jobs | deploys | metrics"))
        lines.append("# format = \"celery\"")
      }
    }
    lines.append(contentsOf: jobExample())
    return lines.joined(separator: "\n") + "\n"
  }

  private struct StarterService {
    var name: String
    var access: [(String, Detection?)] = []
    var app: [(String, Detection?)] = []
    var metrics: [(String, Detection?)] = []
    var accessFormat: String? { access.lazy.compactMap { $0.1?.format }.first }
  }

  /// Access, app and metrics files go to the service their name gives; the rest (jobs, deploys,
  /// undetected) stay separate sources. Order of first appearance is kept.
  private static func group(_ sources: [(path: String, detection: Detection?)])
    -> ([StarterService], [(String, Detection?)])
  {
    var services: [StarterService] = []
    var others: [(String, Detection?)] = []
    for (path, detection) in sources {
      guard let role = detection?.role, [.access, .app, .metrics].contains(role) else {
        others.append((path, detection))
        continue
      }
      let name = ServiceNaming.name(forPath: path)
      let index =
        services.firstIndex { $0.name == name }
        ?? {
          services.append(StarterService(name: name))
          return services.count - 1
        }()
      switch role {
      case .access: services[index].access.append((path, detection))
      case .app: services[index].app.append((path, detection))
      default: services[index].metrics.append((path, detection))
      }
    }
    return (services, others)
  }

  private static func appendPaths(
    _ lines: inout [String], key: String, _ paths: [(String, Detection?)]
  ) {
    guard !paths.isEmpty else { return }
    lines.append("\(key) = [")
    for (path, detection) in paths {
      lines.append("  \(quoted(path)),  # \(detection.map(describe) ?? "not detected")")
    }
    lines.append("]")
  }

  /// A definition as a TOML multi-line literal string: quotes and backslashes stay as written.
  static func literal(_ definition: String) -> String {
    let safe = definition.filter { $0 != "\n" && $0 != "\r" }
    guard !safe.contains("\'\'\'") else { return quoted(safe) }
    return "\'\'\'" + safe + "\'\'\'"
  }

  private static func describe(_ detection: Detection) -> String {
    let percent = Int(saturating: (min(max(detection.confidence, 0), 1) * 100).rounded())
    return "\(commentSafe(detection.format)), detected \(percent)%"
  }

  private static func header() -> [String] {
    [
      "# sitrep.toml, written by `sitrep init`. Edit freely; sitrep reads it at start.",
      "# Durations: 90s, 5m, 1h30m. Sizes: 512KiB, 8MiB, 1GiB. Paths may use globs (*.log).",
      "",
      commented("window = \"5m\"", "default window: 1m, 5m, 15m or 1h"),
      commented("theme = \"dark\"", "dark, light, mono, or a path to a theme file"),
      commented("# mouse = false", "leave clicks and the wheel to the terminal's own selection"),
      commented("backfill = \"8MiB\"", "how much of the end of each file to read at start"),
      commented("# backfill_time = \"1h\"", "or read back this far in time instead"),
    ]
  }

  private static func jobExample() -> [String] {
    [
      "",
      "# Jobs that should run on a schedule (exact names or globs such as \"tasks.*\"):",
      "# [[job]]",
      "# name = \"reports.nightly\"",
      commented("# every = \"24h\"", "OVERDUE when no run for this long"),
      commented("# max_duration = \"10m\"", "flagged when a run takes longer"),
    ]
  }

  /// `code` with a trailing comment lined up at a fixed column, so the file reads as a table.
  private static func commented(_ code: String, _ comment: String) -> String {
    let column = 28
    let padding = String(repeating: " ", count: max(2, column - code.count))
    return code + padding + "# " + comment
  }

  static func quoted(_ text: String) -> String { QuotedString.escaped(text) }

  /// Comments end at a newline; keep a format id from breaking out of one.
  private static func commentSafe(_ text: String) -> String {
    String(text.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.map(Character.init))
  }
}
