/// arq worker logs (its default format `%(asctime)s: %(message)s`, time of day only):
///
/// - `16:16:25:   0.53s → 16dfb1…:charge(401)` starts a run (the number is how long it queued)
/// - `16:16:25:   0.03s ← 16dfb1…:charge ● {'order': 401}` ends it (the number is its run time)
/// - `16:16:25:   0.00s ! 63baf7…:sync_sku failed, PaymentDeclinedError: card declined` fails
///   it; the traceback that follows gives the module-qualified exception
/// - `↻ ID:func retrying job in 5.00s` retries it; `⊘ ID:func aborted` ends it as a failure
///
/// The job name is the function name arq prints after the job id. Worker chatter ("Starting
/// worker for", `redis_version=`, health checks) is ignored.
public struct ArqRules: LineRules {
  let options: DecoderOptions

  public init(options: DecoderOptions) { self.options = options }

  public static let descriptor = FormatDescriptor(
    id: "arq", role: .jobs,
    summary: "arq worker log: job → start, ← result, ! failure with tracebacks",
    scoreLine: { score($0) },
    makeDecoder: { options, sink in
      HoldingDecoder(formatID: "arq", rules: ArqRules(options: options), requests: sink)
    })

  public mutating func outcome(for line: String, readAt: EpochSeconds) -> LineOutcome? {
    guard let (time, message) = Self.split(line, readAt: readAt, naiveZone: options.naiveZone)
    else { return nil }
    guard let job = Self.jobEvent(message, time: time) else { return .ignoredLine }
    return LineOutcome(hold: .job(job))
  }

  /// The time (`HH:MM:SS:`, or a full ISO stamp from a customised format) and the message.
  static func split(_ line: String, readAt: EpochSeconds, naiveZone: NaiveZone) -> (
    EpochSeconds, Substring
  )? {
    line.withLineBytes { bytes -> (EpochSeconds, Substring)? in
      var c = ByteCursor(bytes)
      guard
        let time = TimestampParser.iso8601(&c, naiveZone: naiveZone)
          ?? TimestampParser.timeOfDay(&c, readAt: readAt, naiveZone: naiveZone),
        c.skip(UInt8(ascii: ":")), c.skipSpaces() > 0
      else { return nil }
      return (time, Substring(c.string(c.rest)))
    }
  }

  /// `0.53s → ID:func(args)` and its siblings, as a job event.
  static func jobEvent(_ message: Substring, time: EpochSeconds) -> JobEvent? {
    let number = message.prefix { $0.isNumber || $0 == "." }
    guard let seconds = Double(number), seconds.isFinite, seconds >= 0 else { return nil }
    let afterNumber = message[number.endIndex...]
    guard afterNumber.hasPrefix("s ") else { return nil }
    let rest = afterNumber.dropFirst(2).drop { $0 == " " }
    guard let symbol = rest.first else { return nil }
    let body = rest.dropFirst().drop { $0 == " " }
    switch symbol {
    case "→":
      let ref = body.prefix { $0 != "(" && $0 != " " }
      guard let (id, name) = split(ref: ref) else { return nil }
      return JobEvent(time: time, name: name, runID: id, phase: .started)
    case "←":
      guard let (id, name) = split(ref: body.prefix { $0 != " " }) else { return nil }
      return JobEvent(
        time: time, name: name, runID: id, phase: .succeeded, durationSeconds: seconds)
    case "!":
      let ref = body.prefix { $0 != " " }
      guard let (id, name) = split(ref: ref) else { return nil }
      var job = JobEvent(
        time: time, name: name, runID: id, phase: .failed, durationSeconds: seconds)
      let tail = body[ref.endIndex...].drop { $0 == " " }
      if tail.hasPrefix("failed, ") {
        job.exception = TracebackAssembler.summaryException(String(tail.dropFirst(8)))
      } else {
        job.detail = String(tail)
      }
      return job
    case "↻":
      let ref = body.prefix { $0 != " " }
      guard let (id, name) = split(ref: ref) else { return nil }
      return JobEvent(
        time: time, name: name, runID: id, phase: .retried,
        detail: String(body[ref.endIndex...].drop { $0 == " " }))
    case "⊘":
      let ref = body.prefix { $0 != " " }
      guard let (id, name) = split(ref: ref) else { return nil }
      return JobEvent(
        time: time, name: name, runID: id, phase: .failed, durationSeconds: seconds,
        detail: String(body[ref.endIndex...].drop { $0 == " " }))
    default:
      return nil
    }
  }

  /// `ID:func` → the id and the function (an id may hold colons, a function name cannot).
  static func split(ref: Substring) -> (String, String)? {
    guard let colon = ref.lastIndex(of: ":"), colon > ref.startIndex else { return nil }
    let name = ref[ref.index(after: colon)...]
    guard !name.isEmpty else { return nil }
    return (String(ref[..<colon]), String(name))
  }

  static func score(_ line: String) -> Double {
    guard let (_, message) = split(line, readAt: 86_400 * 365, naiveZone: 0) else { return 0 }
    if jobEvent(message, time: 0) != nil || message.hasPrefix("Starting worker for ") {
      return 1.0
    }
    return 0.6
  }
}
