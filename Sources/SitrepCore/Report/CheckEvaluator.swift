/// `sitrep check`: one line and a monitoring-plugin exit code (0 OK, 1 WARNING, 2 CRITICAL,
/// 3 UNKNOWN), from the same snapshot the dashboard shows.
public enum CheckEvaluator {
  public enum Status: Int, Sendable, Comparable {
    case ok = 0
    case warning = 1
    case critical = 2
    case unknown = 3

    public var label: String {
      switch self {
      case .ok: "OK"
      case .warning: "WARNING"
      case .critical: "CRITICAL"
      case .unknown: "UNKNOWN"
      }
    }

    /// UNKNOWN ranks below CRITICAL: a known failure is the stronger statement.
    var rank: Int { self == .unknown ? 2 : self == .critical ? 3 : rawValue }
    public static func < (a: Status, b: Status) -> Bool { a.rank < b.rank }
  }

  /// What can fail the check; `--fail-on` picks a subset.
  public enum Condition: String, Sendable, CaseIterable {
    case down, slow, errors, jobs, regression
  }

  public struct Result: Sendable, Equatable {
    public var status: Status
    public var line: String
  }

  public static func evaluate(_ s: Snapshot, failOn: Set<Condition>) -> Result {
    var status = Status.ok
    var problems: [String] = []
    func raise(_ to: Status, _ text: String) {
      if to > status { status = to }
      problems.append(text)
    }
    // A source counts only when something in it was understood.
    let usable = s.sources.filter { $0.lines > 0 && $0.detection != nil }
    if s.sources.isEmpty || usable.isEmpty {
      let why =
        s.sources.compactMap { src in src.trouble.map { "\(src.path): \($0)" } }.first
        ?? "no data read"
      return Result(status: .unknown, line: "SITREP UNKNOWN - \(TextSanitizer.checkText(why))")
    }
    for svc in s.services {
      switch svc.verdict.verdict {
      case .down where failOn.contains(.down):
        raise(.critical, "\(svc.name) DOWN (\(svc.reasonWithWorstHost))")
      case .degraded where failOn.contains(.errors):
        raise(.critical, "\(svc.name) DEGRADED (\(svc.reasonWithWorstHost))")
      case .slow where failOn.contains(.slow):
        raise(.warning, "\(svc.name) SLOW (\(svc.reasonWithWorstHost))")
      default: break
      }
    }
    if failOn.contains(.jobs) {
      for j in s.jobs {
        switch j.status {
        case .failing:
          raise(
            .critical,
            "\(j.name) failing (\(j.failureEvidence)\(j.lastFailure?.exception.map { ": \($0.summary)" } ?? ""))"
          )
        case .overdue:
          raise(.warning, "\(j.name) overdue by \(Formatting.duration(j.overdueBySeconds ?? 0))")
        case .runningLong:
          raise(
            .warning,
            "\(j.name) running for \(Formatting.duration(s.now - (j.runningSince ?? s.now)))")
        default: break
        }
      }
    }
    if failOn.contains(.regression), let d = s.deploy {
      for c in d.changes where c.isRegression {
        raise(
          .critical,
          "\(d.deploy.version ?? "deploy") \(c.metric) \(c.before.map { String(cFormat: "%.3g", $0) } ?? "?")→\(c.after.map { String(cFormat: "%.3g", $0) } ?? "?")"
        )
      }
      for r in d.routeRegressions.prefix(3) {
        for c in r.changes where c.isRegression {
          raise(
            .critical,
            "\(d.deploy.version ?? "deploy") \(r.route) \(c.metric) \(c.before.map { String(cFormat: "%.3g", $0) } ?? "?")→\(c.after.map { String(cFormat: "%.3g", $0) } ?? "?")"
          )
        }
      }
      for e in d.newErrors.prefix(3) {
        raise(.critical, "new error since \(d.deploy.version ?? "deploy"): \(e.display)")
      }
    }
    let troubled = s.sources.filter { $0.trouble != nil }
    for t in troubled.prefix(3) where status == .ok { problems.append("\(t.path): \(t.trouble!)") }
    let up = s.services.filter { $0.verdict.verdict == .up }.count
    var summary =
      "\(up)/\(s.services.count) services up, \(s.jobs.filter { $0.status.isProblem }.count)/\(s.jobs.count) jobs in trouble"
    if status != .ok {
      summary = problems.joined(separator: "; ")
    } else if !problems.isEmpty {
      summary += "; " + problems.joined(separator: "; ")
    }
    let perf = s.services.map { svc in
      let name = perfLabel(svc.name)
      return
        "\(name)_rps=\(perfValue(svc.stats.rps, "%.2f")) \(name)_err=\(perfValue(svc.stats.errorRate ?? 0, "%.4f")) \(name)_p95=\(perfValue(svc.stats.p95Ms, "%.0f", unit: "ms"))"
    }.joined(separator: " ")
    return Result(
      status: status,
      line: "SITREP \(status.label) - \(TextSanitizer.checkText(summary))"
        + (perf.isEmpty ? "" : " | \(perf)"))
  }

  /// A perfdata value, or `U` (Nagios' "unknown") when there is none or it is not a number:
  /// `rps=-nan` breaks the graphs that read the line.
  static func perfValue(_ value: Double?, _ format: String, unit: String = "") -> String {
    guard let value, value.isFinite else { return "U" }
    return String(cFormat: format, value) + unit
  }

  /// A service name as a perfdata label: sanitised, and without the characters that end a label
  /// or a value (space, `=`, `'`).
  static func perfLabel(_ name: String) -> String {
    String(
      TextSanitizer.checkText(name).map { " ='".contains($0) ? "_" : $0 })
  }
}
