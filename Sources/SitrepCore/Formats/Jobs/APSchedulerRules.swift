/// APScheduler 3.x, logging through Python `logging` (any of the header shapes
/// `PythonLoggingRules` reads, the logger name also as `[name]` before the message):
///
/// - `Running job "charge (trigger: interval[0:00:01], next run at: ...)" (scheduled at ...)`
/// - `Job "charge (trigger: ...)" executed successfully`
/// - `Job "charge (trigger: ...)" raised an exception` (ERROR) then the traceback
///
/// The job name is what APScheduler prints before ` (trigger: `: the job's name, by default the
/// function's. Runs have no id, so a run is matched to its start by name. Every other line is a
/// log record (the scheduler's warnings, "was missed by", the app's own records).
///
/// APScheduler 4 (the 4.0 pre-releases, logger `apscheduler._schedulers.async_`) logs a run only
/// when it ends, and by the job's UUID alone, never its task:
///
/// - `Job 02a53dbb-f090-4dc2-be0d-81326770a4cf completed successfully`
/// - `Job 02a53dbb-… raised an exception` (ERROR) then the traceback
/// - `Job 02a53dbb-… was cancelled`, `Job 02a53dbb-… was aborted due to KeyboardInterrupt`
///
/// A UUID is new each run, so those runs are counted under one job, `apscheduler jobs`, with the
/// UUID as the run's id: a name per run would make every run a job of its own.
public struct APSchedulerRules: LineRules {
  let options: DecoderOptions
  /// When each job's open run started, by name. Bounded like the other runners' maps.
  private var started: [String: EpochSeconds] = [:]
  static let maxOpenRuns = 10_000

  public init(options: DecoderOptions) { self.options = options }

  public static let descriptor = FormatDescriptor(
    id: "apscheduler", role: .jobs,
    summary:
      "APScheduler in Python logging: job running, executed successfully, raised with tracebacks",
    scoreLine: { score($0) },
    makeDecoder: { options, sink in
      HoldingDecoder(
        formatID: "apscheduler", rules: APSchedulerRules(options: options), requests: sink)
    })

  enum Step {
    case running(String)
    case succeeded(String)
    case failed(String)
    /// An APScheduler 4 run's end, by the job's UUID; `detail` says why when it did not fail by
    /// an exception (cancelled, aborted).
    case ended(runID: String, ok: Bool, detail: String?)
  }

  /// The one job APScheduler 4's runs are counted under: its lines name no task.
  static let version4JobName = "apscheduler jobs"

  public mutating func outcome(for line: String, readAt: EpochSeconds) -> LineOutcome? {
    guard let record = Self.record(line, readAt: readAt, naiveZone: options.naiveZone) else {
      return nil
    }
    switch Self.step(Substring(record.message)) {
    case .running(let name):
      if started.count >= Self.maxOpenRuns { started.removeAll() }
      started[name] = record.time
      return LineOutcome(hold: .job(JobEvent(time: record.time, name: name, phase: .started)))
    case .succeeded(let name):
      let start = started.removeValue(forKey: name)
      let job = JobEvent(
        time: record.time, name: name, phase: .succeeded,
        durationSeconds: start.map { max(0, record.time - $0) })
      return LineOutcome(hold: .job(job))
    case .failed(let name):
      let start = started.removeValue(forKey: name)
      let job = JobEvent(
        time: record.time, name: name, phase: .failed,
        durationSeconds: start.map { max(0, record.time - $0) })
      return LineOutcome(hold: .job(job))
    case .ended(let runID, let ok, let detail):
      let job = JobEvent(
        time: record.time, name: Self.version4JobName, runID: runID,
        phase: ok ? .succeeded : .failed, detail: detail)
      return LineOutcome(hold: .job(job))
    case nil:
      return LineOutcome(hold: .log(record))
    }
  }

  /// A Python logging record, with a leading `[logger]` moved out of the message.
  static func record(_ line: String, readAt: EpochSeconds, naiveZone: NaiveZone) -> LogRecord? {
    PythonLoggingRules.recordNamingLogger(line, readAt: readAt, naiveZone: naiveZone)
  }

  /// What an APScheduler executor line says about a job.
  static func step(_ message: Substring) -> Step? {
    if message.hasPrefix("Running job \""), let quoted = quotedJob(message.dropFirst(12)) {
      return .running(name(quoted.job))
    }
    if message.hasPrefix("Job "), let ended = version4End(message.dropFirst(4)) { return ended }
    guard message.hasPrefix("Job \""), let quoted = quotedJob(message.dropFirst(4)) else {
      return nil
    }
    if quoted.after.hasPrefix(" executed successfully") { return .succeeded(name(quoted.job)) }
    if quoted.after.hasPrefix(" raised an exception") { return .failed(name(quoted.job)) }
    return nil
  }

  /// `UUID completed successfully` and the other ends of an APScheduler 4 run.
  static func version4End(_ s: Substring) -> Step? {
    guard s.utf8.count > 37, isUUID(s.prefix(36)), s.dropFirst(36).first == " " else { return nil }
    let id = String(s.prefix(36))
    let rest = s.dropFirst(37)
    if rest == "completed successfully" { return .ended(runID: id, ok: true, detail: nil) }
    if rest == "raised an exception" { return .ended(runID: id, ok: false, detail: nil) }
    if rest == "was cancelled" { return .ended(runID: id, ok: false, detail: "cancelled") }
    if rest.hasPrefix("was aborted due to ") {
      return .ended(runID: id, ok: false, detail: TextSanitizer.display(String(rest)))
    }
    return nil
  }

  /// `8-4-4-4-12` hex digits.
  private static func isUUID(_ s: Substring) -> Bool {
    for (k, c) in s.utf8.enumerated() {
      if k == 8 || k == 13 || k == 18 || k == 23 {
        guard c == UInt8(ascii: "-") else { return false }
      } else if !ByteClass.isHex(c) {
        return false
      }
    }
    return s.utf8.count == 36
  }

  /// `"JOB" rest` → `JOB` and `rest`. The job text may hold quotes of its own (a trigger's
  /// arguments), so it ends at the last quote followed by one of the known tails.
  static func quotedJob(_ s: Substring) -> (job: Substring, after: Substring)? {
    guard s.hasPrefix("\"") else { return nil }
    let body = s.dropFirst()
    for tail in ["\" (scheduled at ", "\" executed successfully", "\" raised an exception"] {
      if let r = body.ranges(of: tail).last {
        return (body[..<r.lowerBound], body[body.index(after: r.lowerBound)...])
      }
    }
    guard let close = body.lastIndex(of: "\"") else { return nil }
    return (body[..<close], body[body.index(after: close)...])
  }

  /// `charge (trigger: interval[0:00:01], next run at: ...)` → `charge`.
  static func name(_ job: Substring) -> String {
    if let r = job.firstRange(of: " (trigger: ") { return String(job[..<r.lowerBound]) }
    return String(job)
  }

  /// Lines APScheduler wrote score 1; other logging lines 0.3 less than `python-logging` gives
  /// them, so an app log that merely runs a scheduler stays `python-logging`, at full confidence.
  static func score(_ line: String) -> Double {
    guard
      let h = line.withLineBytes({ PythonLoggingRules.header($0, readAt: 0, naiveZone: 0) }),
      let record = record(line, readAt: 0, naiveZone: 0)
    else { return 0 }
    if record.logger?.hasPrefix("apscheduler") == true || step(Substring(record.message)) != nil {
      return 1.0
    }
    return max(0, h.quality - 0.3)
  }
}
