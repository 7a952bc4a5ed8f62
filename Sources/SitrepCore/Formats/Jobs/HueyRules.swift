/// Huey consumer logs: `[2026-11-26 16:16:19,555] INFO:huey:Worker-1:message` (its format is
/// `[%(asctime)s] %(levelname)s:%(name)s:%(threadName)s:%(message)s`).
///
/// - `Executing huey_tasks.charge: ID` starts a run (the task's printed form may go on with
///   ` @eta` or retry counts after the id)
/// - `huey_tasks.charge: ID executed in 0.031s` ends it
/// - `Unhandled exception in task ID.` (ERROR) then the traceback fails it; the name comes from
///   the run's start line
/// - `Re-enqueueing task ID, N tries left` retries it
///
/// The startup banner lists the tasks on unprefixed `+ module.task` lines: recognised, ignored.
/// Every other record (the scheduler's, the tasks' own logging) is a log record.
public struct HueyRules: LineRules {
  let options: DecoderOptions
  /// Open runs by task id. Bounded: a forgotten run only loses its name on failure.
  private var open: [String: (name: String, start: EpochSeconds)] = [:]
  static let maxOpenRuns = 10_000

  public init(options: DecoderOptions) { self.options = options }

  public static let descriptor = FormatDescriptor(
    id: "huey", role: .jobs,
    summary: "Huey consumer log: task executing, executed in, unhandled exception with tracebacks",
    scoreLine: { score($0) },
    makeDecoder: { options, sink in
      HoldingDecoder(formatID: "huey", rules: HueyRules(options: options), requests: sink)
    })

  struct Header {
    var time: EpochSeconds
    var level: LogLevel
    var logger: String
    var message: String
  }

  public mutating func outcome(for line: String, readAt: EpochSeconds) -> LineOutcome? {
    if Self.isBannerTask(line) { return .ignoredLine }
    guard let h = line.withLineBytes({ Self.header($0, naiveZone: options.naiveZone) }) else {
      return nil
    }
    let message = Substring(h.message)
    if h.logger == "huey" || h.logger.hasPrefix("huey.") {
      if let job = runEvent(message, time: h.time) { return LineOutcome(hold: .job(job)) }
    }
    let record = LogRecord(time: h.time, level: h.level, logger: h.logger, message: h.message)
    return LineOutcome(hold: .log(record))
  }

  private mutating func runEvent(_ message: Substring, time: EpochSeconds) -> JobEvent? {
    if message.hasPrefix("Executing "), let (name, id) = Self.task(message.dropFirst(10)) {
      if open.count >= Self.maxOpenRuns { open.removeAll() }
      open[id] = (name, time)
      return JobEvent(time: time, name: name, runID: id, phase: .started)
    }
    if let marker = message.firstRange(of: " executed in "),
      let (name, id) = Self.task(message[..<marker.lowerBound])
    {
      let run = open.removeValue(forKey: id)
      let number = message[marker.upperBound...].prefix { $0.isNumber || $0 == "." }
      let seconds = Double(number).flatMap { $0.isFinite && $0 >= 0 ? $0 : nil }
      return JobEvent(
        time: time, name: name, runID: id, phase: .succeeded,
        durationSeconds: seconds ?? run.map { max(0, time - $0.start) })
    }
    if message.hasPrefix("Unhandled exception in task ") {
      let id = String(message.dropFirst(28).prefix { $0 != " " }.trimmingTrailingDot())
      let run = open.removeValue(forKey: id)
      return JobEvent(
        time: time, name: run?.name ?? "?", runID: id.isEmpty ? nil : id, phase: .failed,
        durationSeconds: run.map { max(0, time - $0.start) })
    }
    if message.hasPrefix("Re-enqueueing task ") {
      let id = String(message.dropFirst(19).prefix { $0 != "," && $0 != " " })
      guard let run = open.removeValue(forKey: id) else { return nil }
      return JobEvent(
        time: time, name: run.name, runID: id, phase: .retried,
        detail: String(message.dropFirst(19)))
    }
    return nil
  }

  /// `huey_tasks.charge: ID ...` → the task's name and id.
  static func task(_ s: Substring) -> (String, String)? {
    guard let colon = s.firstRange(of: ": ") else { return nil }
    let name = s[..<colon.lowerBound]
    let id = s[colon.upperBound...].prefix { $0 != " " }
    guard !name.isEmpty, !id.isEmpty, !name.contains(" ") else { return nil }
    return (String(name), String(id))
  }

  /// `+ huey_tasks.charge`: a task the consumer registered, listed at start-up.
  static func isBannerTask(_ line: String) -> Bool {
    guard line.hasPrefix("+ ") else { return false }
    let name = line.dropFirst(2)
    return !name.isEmpty
      && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_.".contains($0)) }
  }

  /// `[time] LEVEL:logger:thread:message`.
  static func header(_ bytes: LineBytes, naiveZone: NaiveZone) -> Header? {
    var c = ByteCursor(bytes)
    guard c.skip(UInt8(ascii: "[")), let time = TimestampParser.iso8601(&c, naiveZone: naiveZone),
      c.skip("] ")
    else { return nil }
    let levelRange = c.read { ByteClass.isUpper($0) }
    guard let level = PythonLoggingRules.levelWord(c, levelRange), c.skip(UInt8(ascii: ":"))
    else { return nil }
    let logger = c.read { $0 != UInt8(ascii: ":") && $0 != UInt8(ascii: " ") }
    guard !logger.isEmpty, c.skip(UInt8(ascii: ":")) else { return nil }
    let thread = c.read { $0 != UInt8(ascii: ":") && $0 != UInt8(ascii: " ") }
    guard !thread.isEmpty, c.skip(UInt8(ascii: ":")) else { return nil }
    return Header(time: time, level: level, logger: c.string(logger), message: c.string(c.rest))
  }

  static func score(_ line: String) -> Double {
    if isBannerTask(line) { return 1.0 }
    return line.withLineBytes { header($0, naiveZone: 0) == nil ? 0 : 1 }
  }
}

extension Substring {
  fileprivate func trimmingTrailingDot() -> Substring {
    last == "." ? dropLast() : self
  }
}
