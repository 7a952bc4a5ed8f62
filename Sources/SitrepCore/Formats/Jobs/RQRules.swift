/// RQ worker logs: `14:00:03 default: tasks.send_email(42) (job-id)`.
///
/// RQ prints only the time of day, so the date comes from when the line was read. A job line
/// starts a run (name = the function, without arguments); `Job OK (id)` ends it (the name is
/// remembered from the start); `[Job id]: exception raised while executing (func)` plus its
/// traceback fails it. Worker chatter ("Listening on", "Result is kept") is ignored.
public struct RQRules: LineRules {
  let options: DecoderOptions
  /// Open runs by job id: name and start time. Bounded: forgotten runs only lose a duration.
  private var open: [String: (name: String, start: EpochSeconds)] = [:]
  static let maxOpenRuns = 10_000

  public init(options: DecoderOptions) { self.options = options }

  public static let descriptor = FormatDescriptor(
    id: "rq", role: .jobs,
    summary: "RQ worker log: job start, Job OK, exceptions with tracebacks",
    scoreLine: { score($0) },
    makeDecoder: { options, sink in
      HoldingDecoder(formatID: "rq", rules: RQRules(options: options), requests: sink)
    })

  public mutating func outcome(for line: String, readAt: EpochSeconds) -> LineOutcome? {
    guard let (time, message) = Self.split(line, readAt: readAt, offset: options.naiveZone)
    else { return nil }
    if message.hasPrefix("[Job "), let close = message.firstIndex(of: "]"),
      message[close...].contains("exception raised while executing")
    {
      let id = String(message[message.index(message.startIndex, offsetBy: 5)..<close])
      let function = Self.lastParenthesised(message).map(String.init)
      let run = open.removeValue(forKey: id)
      let job = JobEvent(
        time: time, name: function ?? run?.name ?? "?", runID: id, phase: .failed,
        durationSeconds: run.map { max(0, time - $0.start) })
      return LineOutcome(hold: .job(job))
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
        durationSeconds: run.map { max(0, time - $0.start) })
      return LineOutcome(hold: .job(job))
    }
    // `tasks.send_email(42) (id)`: a function call then the job id.
    guard let id = Self.lastParenthesised(body), let paren = body.firstIndex(of: "("),
      paren > body.startIndex
    else { return .ignoredLine }
    let name = String(body[..<paren])
    guard !name.contains(" ") else { return .ignoredLine }
    if open.count >= Self.maxOpenRuns { open.removeAll() }
    open[String(id)] = (name, time)
    return LineOutcome(
      hold: .job(JobEvent(time: time, name: name, runID: String(id), phase: .started)))
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
    guard let (_, message) = split(line, readAt: 86_400 * 365, offset: 0) else { return 0 }
    if message.hasPrefix("[Job ") || message.contains(": Job OK") { return 1.0 }
    if message.hasPrefix("Worker ") || message.hasPrefix("*** Listening")
      || message.hasPrefix("Subscribing") || message.hasPrefix("Result is kept")
      || message.hasPrefix("Cleaning registries")
    {
      return 1.0
    }
    if let colon = message.firstIndex(of: ":"), !message[..<colon].contains(" "),
      lastParenthesised(message) != nil
    {
      return 1.0
    }
    return 0.6
  }
}
