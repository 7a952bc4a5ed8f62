/// Job runs in syslog: cron starts and systemd unit runs. Every other syslog line belongs to
/// someone else and is ignored (recognised as syslog, nothing for the model).
///
/// systemd reports one failed run up to three times ("Main process exited ... status=1/FAILURE",
/// "Failed with result 'exit-code'", "Failed to start ...") and one success twice
/// ("Deactivated successfully", "Finished ..."): the first closes the run and the rest are
/// ignored. The duration comes from the matching "Starting" line.
public struct SyslogJobsRules: LineRules {
  let options: DecoderOptions
  private var runs: [String: UnitRun] = [:]
  static let maxUnits = 4096
  /// End lines for a unit within this long after its run closed belong to the same run.
  static let sameRunWindow: Double = 60

  struct UnitRun {
    var start: EpochSeconds?
    var closedAt: EpochSeconds?
  }

  public init(options: DecoderOptions) { self.options = options }

  public static let descriptor = FormatDescriptor(
    id: "syslog-jobs", role: .jobs,
    summary: "syslog: cron commands and systemd unit runs (start, success, failure)",
    scoreLine: { score($0) },
    makeDecoder: { options, sink in
      HoldingDecoder(
        formatID: "syslog-jobs", rules: SyslogJobsRules(options: options), requests: sink)
    })

  public struct Line {
    public var time: EpochSeconds
    public var program: Substring
    public var pid: Substring?
    public var message: Substring
  }

  public mutating func outcome(for line: String, readAt: EpochSeconds) -> LineOutcome? {
    guard let l = Self.parse(line, readAt: readAt, offset: options.naiveZone) else {
      return nil
    }
    let program = l.program.lowercased()
    if program == "cron" || program == "crond" {
      return cron(l) ?? .ignoredLine
    }
    if program == "systemd" {
      return systemd(l) ?? .ignoredLine
    }
    return .ignoredLine
  }

  /// `(user) CMD (command)` → started.
  private func cron(_ l: Line) -> LineOutcome? {
    guard l.message.hasPrefix("("), let close = l.message.firstIndex(of: ")") else { return nil }
    let after = l.message[l.message.index(after: close)...].drop { $0 == " " }
    guard after.hasPrefix("CMD (") else { return nil }
    var command = after.dropFirst(5)
    if command.hasSuffix(")") { command = command.dropLast() }
    let user = l.message[l.message.index(after: l.message.startIndex)..<close]
    let job = JobEvent(
      time: l.time, name: Self.shortName(command: command), runID: l.pid.map(String.init),
      phase: .started, detail: "(\(user)) \(command)")
    return LineOutcome(hold: .job(job))
  }

  private mutating func systemd(_ l: Line) -> LineOutcome? {
    let m = l.message
    if m.hasPrefix("Starting "), let unit = Self.unitName(m.dropFirst(9)) {
      if runs.count >= Self.maxUnits { runs.removeAll() }
      runs[unit] = UnitRun(start: l.time, closedAt: nil)
      return LineOutcome(hold: .job(JobEvent(time: l.time, name: unit, phase: .started)))
    }
    if m.hasPrefix("Finished "), let unit = Self.unitName(m.dropFirst(9)) {
      return close(unit, at: l.time, phase: .succeeded, detail: nil)
    }
    if m.hasPrefix("Failed to start "), let unit = Self.unitName(m.dropFirst(16)) {
      return close(unit, at: l.time, phase: .failed, detail: "failed to start")
    }
    guard let colon = m.firstIndex(of: ":"), let unit = Self.unitName(m[..<colon]) else {
      return nil
    }
    let what = m[m.index(after: colon)...].drop { $0 == " " }
    if what.hasPrefix("Deactivated successfully") || what.hasPrefix("Succeeded") {
      return close(unit, at: l.time, phase: .succeeded, detail: nil)
    }
    if what.hasPrefix("Main process exited") {
      guard !what.contains("status=0/SUCCESS") else { return nil }
      let detail = what.drop { $0 != "," }.drop { $0 == "," || $0 == " " }
      return close(
        unit, at: l.time, phase: .failed, detail: detail.isEmpty ? String(what) : String(detail))
    }
    if what.hasPrefix("Failed with result") {
      return close(
        unit, at: l.time, phase: .failed, detail: String(what.dropLast(what.hasSuffix(".") ? 1 : 0))
      )
    }
    return nil
  }

  /// Ends a unit's run once; later end lines of the same run are ignored.
  private mutating func close(
    _ unit: String, at time: EpochSeconds, phase: JobPhase, detail: String?
  )
    -> LineOutcome
  {
    var run = runs[unit] ?? UnitRun()
    if let closed = run.closedAt, time - closed <= Self.sameRunWindow, time >= closed {
      return .ignoredLine
    }
    let duration = run.start.map { max(0, time - $0) }
    run.start = nil
    run.closedAt = time
    if runs.count >= Self.maxUnits { runs.removeAll() }
    runs[unit] = run
    let job = JobEvent(
      time: time, name: unit, phase: phase, durationSeconds: duration, detail: detail)
    return LineOutcome(hold: .job(job))
  }

  /// `backup.service - Nightly backup...` → `backup.service`.
  static func unitName(_ s: Substring) -> String? {
    let token = s.prefix { $0 != " " }
    let trimmed =
      token.hasSuffix("...") ? token.dropLast(3) : token.hasSuffix(".") ? token.dropLast() : token
    for suffix in [".service", ".timer", ".scope", ".target", ".socket", ".mount"]
    where trimmed.hasSuffix(suffix) && trimmed.count > suffix.count {
      return String(trimmed)
    }
    return nil
  }

  /// A short, stable name for a cron command: the Python module (`-m app.jobs.x`), the script
  /// (`backup.sh`) or the program, skipping `cd ... &&`, env assignments and redirections.
  public static func shortName(command: Substring) -> String {
    var segments: [Substring] = []
    var rest = command
    while let r = rest.firstRange(of: "&&") ?? rest.firstRange(of: ";") {
      segments.append(rest[..<r.lowerBound])
      rest = rest[r.upperBound...]
    }
    segments.append(rest)
    let useful =
      segments.last { seg in
        let first = seg.split(separator: " ").first ?? ""
        return !first.isEmpty && first != "cd"
      } ?? command
    let pipeless = useful.split(separator: "|").first ?? useful
    var tokens = pipeless.split(separator: " ").filter { token in
      !(token.first == ">" || token.first == "<" || token.hasPrefix("2>") || token.hasPrefix("1>")
        || token.hasPrefix("&>"))
    }
    while let first = tokens.first, first.contains("="), !first.hasPrefix("-") {
      tokens.removeFirst()
    }
    for wrapper in ["nice", "ionice", "chronic", "flock", "timeout", "nohup", "exec"] {
      if let first = tokens.first, first == wrapper {
        tokens.removeFirst()
        while let next = tokens.first,
          next.hasPrefix("-") || next.allSatisfy(\.isNumber) || next.hasPrefix("/tmp")
            || next.hasSuffix(".lock")
        {
          tokens.removeFirst()
        }
      }
    }
    guard let program = tokens.first else { return String(command.prefix(40)) }
    let base = program.split(separator: "/").last ?? program
    if base.hasPrefix("python") || base == "uv" || base == "poetry" {
      if let m = tokens.firstIndex(of: "-m"), m + 1 < tokens.count { return String(tokens[m + 1]) }
      if let script = tokens.dropFirst().first(where: { !$0.hasPrefix("-") }) {
        return String(script.split(separator: "/").last ?? script)
      }
    }
    if ["sh", "bash", "zsh", "php", "node", "ruby", "perl"].contains(base),
      let script = tokens.dropFirst().first(where: { !$0.hasPrefix("-") })
    {
      return String(script.split(separator: "/").last ?? script)
    }
    return String(base)
  }

  /// `Nov 24 14:00:01 host prog[pid]: message` (or an RFC 3339 stamp instead of the BSD one).
  public static func parse(_ line: String, readAt: EpochSeconds, offset: NaiveZone) -> Line? {
    line.withLineBytes { bytes -> Line? in
      var c = ByteCursor(bytes)
      // RFC 3339 stamps (rsyslog's high-precision format) always have a `T`; requiring it keeps
      // Python's `2026-11-24 14:02:31,118 INFO name: msg` from reading as syslog.
      let rfc3339 = bytes.count > 10 && bytes[10] == UInt8(ascii: "T")
      guard
        let time = TimestampParser.syslog(&c, readAt: readAt, naiveZone: offset)
          ?? (rfc3339 ? TimestampParser.iso8601(&c, naiveZone: offset) : nil),
        c.skipSpaces() > 0
      else { return nil }
      let host = c.readToken()
      guard !host.isEmpty, c.skipSpaces() > 0 else { return nil }
      let tag = c.read {
        $0 != UInt8(ascii: "[") && $0 != UInt8(ascii: ":") && $0 != UInt8(ascii: " ")
      }
      guard !tag.isEmpty else { return nil }
      var pid: Substring?
      if c.skip(UInt8(ascii: "[")) {
        let p = c.read(until: UInt8(ascii: "]"))
        guard c.skip(UInt8(ascii: "]")) else { return nil }
        pid = Substring(c.string(p))
      }
      guard c.skip(UInt8(ascii: ":")) else { return nil }
      c.skipSpaces()
      return Line(
        time: time, program: Substring(c.string(tag)), pid: pid,
        message: Substring(c.string(c.rest)))
    }
  }

  static func score(_ line: String) -> Double {
    guard let l = parse(line, readAt: 86_400 * 365 * 60, offset: 0) else { return 0 }
    let program = l.program.lowercased()
    return program == "cron" || program == "crond" || program == "systemd" ? 1.0 : 0.7
  }
}
