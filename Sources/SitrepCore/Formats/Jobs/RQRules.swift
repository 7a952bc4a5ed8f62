/// RQ worker logs, every version's wording:
///
/// - start: `14:00:03 default: tasks.send_email(42) (job-id)`; RQ 2+ prefixes its worker lines
///   with `Worker NAME: ` (`Worker rq-recorder: default: jobs.charge(101) (job-id)`)
/// - success: `default: Job OK (job-id)` (no function name); RQ 2+ first logs
///   `Successfully completed jobs.charge(101) job in 0:00:00.032989s on worker NAME`, whose
///   duration the `Job OK` that follows takes
/// - failure: `[Job job-id]: exception raised while executing (func)` (RQ 1.x) or
///   `job job-id: exception raised while executing (func)` (RQ 2+), then the traceback
///
/// RQ prints only the time of day, so the date comes from when the line was read. The name of a
/// run is the one its start line printed (remembered by job id), so `Job OK` and a failure name
/// the same job its start did. Worker chatter ("Listening on", "Result is kept") is ignored.
public struct RQRules: LineRules {
  let options: DecoderOptions
  /// Open runs by job id. Bounded: forgotten runs only lose a duration and fall back to the name
  /// the failure line prints.
  private var open: [String: OpenRun] = [:]
  static let maxOpenRuns = 10_000

  struct OpenRun {
    var name: String
    var start: EpochSeconds
    /// `jobs.charge(101)`: how "Successfully completed" names the run.
    var call: String
    /// From "Successfully completed ... in H:MM:SS.ffffffs".
    var duration: Double?
  }

  public init(options: DecoderOptions) { self.options = options }

  public static let descriptor = FormatDescriptor(
    id: "rq", role: .jobs,
    summary: "RQ worker log (1.x to 3.x): job start, Job OK, exceptions with tracebacks",
    scoreLine: { score($0) },
    makeDecoder: { options, sink in
      HoldingDecoder(formatID: "rq", rules: RQRules(options: options), requests: sink)
    })

  public mutating func outcome(for line: String, readAt: EpochSeconds) -> LineOutcome? {
    guard let (time, whole) = Self.split(line, readAt: readAt, offset: options.naiveZone)
    else { return nil }
    let message = Self.dropWorkerPrefix(whole)
    if let (id, function) = Self.failure(message) {
      let run = open.removeValue(forKey: id)
      let job = JobEvent(
        time: time, name: run?.name ?? function.map(String.init) ?? "?", runID: id,
        phase: .failed, durationSeconds: run.map { max(0, time - $0.start) })
      return LineOutcome(hold: .job(job))
    }
    if message.hasPrefix("Successfully completed ") {
      recordDuration(Self.completed(message))
      return LineOutcome()
    }
    guard let colon = message.firstIndex(of: ":"), message[colon...].hasPrefix(": "),
      !message[..<colon].contains(" ")
    else { return .ignoredLine }
    let body = message[message.index(colon, offsetBy: 2)...]
    if body.hasPrefix("Job OK") {
      guard let id = Self.lastParenthesised(body).map(String.init) else { return .ignoredLine }
      let run = open.removeValue(forKey: id)
      let job = JobEvent(
        time: time, name: run?.name ?? "?", runID: id, phase: .succeeded,
        durationSeconds: run.map { $0.duration ?? max(0, time - $0.start) })
      return LineOutcome(hold: .job(job))
    }
    // `tasks.send_email(42) (id)`: a function call then the job id.
    guard let id = Self.lastParenthesised(body), let paren = body.firstIndex(of: "("),
      paren > body.startIndex
    else { return .ignoredLine }
    let name = String(body[..<paren])
    guard !name.contains(" ") else { return .ignoredLine }
    let call = body[..<body.index(before: id.startIndex)].trimmingSuffix(" ")
    if open.count >= Self.maxOpenRuns { open.removeAll() }
    open[String(id)] = OpenRun(name: name, start: time, call: String(call))
    return LineOutcome(
      hold: .job(JobEvent(time: time, name: name, runID: String(id), phase: .started)))
  }

  /// Gives the open run "Successfully completed" names its duration (the latest such run: a
  /// worker runs one job at a time).
  private mutating func recordDuration(_ completed: (call: Substring, seconds: Double?)?) {
    guard let completed, let seconds = completed.seconds else { return }
    let match = open.filter { $0.value.call == completed.call }.max {
      $0.value.start < $1.value.start
    }
    if let key = match?.key { open[key]?.duration = seconds }
  }

  /// `Worker NAME: rest` → `rest` (RQ 2+ puts the worker's name before most lines). The name has
  /// no spaces and ends with the colon, so RQ 1.x's `Worker rq:worker:ab12 started` is kept.
  static func dropWorkerPrefix(_ s: Substring) -> Substring {
    guard s.hasPrefix("Worker ") else { return s }
    let rest = s.dropFirst(7)
    guard let space = rest.firstIndex(of: " "), space > rest.startIndex,
      rest[rest.index(before: space)] == ":"
    else { return s }
    return rest[space...].dropFirst()
  }

  /// The job id and function of a failure line, in either version's wording.
  static func failure(_ message: Substring) -> (id: String, function: Substring?)? {
    guard let marker = message.firstRange(of: "exception raised while executing") else {
      return nil
    }
    let head = message[..<marker.lowerBound]
    var id: Substring
    if head.hasPrefix("[Job "), let close = head.firstIndex(of: "]") {
      id = head[head.index(head.startIndex, offsetBy: 5)..<close]
    } else if head.hasPrefix("job "), let colon = head.firstIndex(of: ":") {
      id = head[head.index(head.startIndex, offsetBy: 4)..<colon]
    } else {
      return nil
    }
    id = id.trimmingSuffix(" ")
    guard !id.isEmpty, !id.contains(" ") else { return nil }
    return (String(id), lastParenthesised(message))
  }

  /// `Successfully completed jobs.charge(101) job in 0:00:00.032989s on worker NAME` → the call
  /// and the duration in seconds (a `timedelta` as Python prints it, then `s`).
  static func completed(_ message: Substring) -> (call: Substring, seconds: Double?)? {
    let rest = message.dropFirst("Successfully completed ".count)
    guard let marker = rest.firstRange(of: " job in ") else { return nil }
    let call = rest[..<marker.lowerBound]
    let text = rest[marker.upperBound...].prefix { $0 != " " }
    return (call, timedelta(text.hasSuffix("s") ? text.dropLast() : text))
  }

  /// `0:00:00.032989` (or `1 day, 0:00:01`, which never fits before " on worker" here) → seconds.
  static func timedelta(_ text: Substring) -> Double? {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 3, let h = Int(parts[0]), let m = Int(parts[1]),
      let s = Double(parts[2]), s.isFinite, h >= 0, m >= 0, s >= 0
    else { return nil }
    return Double(h) * 3600 + Double(m) * 60 + s
  }

  /// The time stamp (time of day, or a full ISO stamp) and the message.
  static func split(_ line: String, readAt: EpochSeconds, offset: NaiveZone) -> (
    EpochSeconds, Substring
  )? {
    line.withLineBytes { bytes -> (EpochSeconds, Substring)? in
      var c = ByteCursor(bytes)
      guard
        let time = TimestampParser.iso8601(&c, naiveZone: offset)
          ?? TimestampParser.timeOfDay(&c, readAt: readAt, naiveZone: offset),
        c.skipSpaces() > 0
      else { return nil }
      return (time, Substring(c.string(c.rest)))
    }
  }

  /// The text inside the last `( ... )` at the end of `s`.
  static func lastParenthesised(_ s: Substring) -> Substring? {
    let trimmed = s.reversed().drop { $0 == " " || $0 == "." }
    guard trimmed.first == ")" else { return nil }
    let end = trimmed.startIndex.base
    let body = s[..<s.index(before: end)]
    guard let open = body.lastIndex(of: "(") else { return nil }
    let inner = body[body.index(after: open)...]
    return inner.isEmpty ? nil : inner
  }

  static func score(_ line: String) -> Double {
    guard let (_, whole) = split(line, readAt: 86_400 * 365, offset: 0) else { return 0 }
    // RQ stamps its lines with the time of day; a dated line not in RQ's words is someone
    // else's (Python logging, structlog, a container runtime).
    let dated = line.utf8.count > 10 && line.utf8.dropFirst(4).first == UInt8(ascii: "-")
    if whole.hasPrefix("Worker ") || whole.hasPrefix("*** Listening")
      || whole.hasPrefix("Subscribing") || whole.hasPrefix("Result is kept")
      || whole.hasPrefix("Cleaning registries") || whole.hasPrefix("Successfully completed ")
    {
      return 1.0
    }
    let message = dropWorkerPrefix(whole)
    if failure(message) != nil || message.contains(": Job OK") { return 1.0 }
    if let colon = message.firstIndex(of: ":"), !message[..<colon].contains(" "),
      lastParenthesised(message) != nil
    {
      return 1.0
    }
    return dated ? 0.3 : 0.6
  }
}

extension Substring {
  /// Without the trailing run of `character`.
  fileprivate func trimmingSuffix(_ character: Character) -> Substring {
    var s = self
    while s.last == character { s = s.dropLast() }
    return s
  }
}
