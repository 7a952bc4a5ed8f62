/// Generic JSON job events: `{"ts": ..., "job": "nightly-report", "status": "failed",
/// "duration_ms": 812, "run_id": "r42", "error": "..."}`.
public struct JSONJobsRules: LineRules {
  let options: DecoderOptions

  public init(options: DecoderOptions) { self.options = options }

  static let nameKeys = ["job", "task", "job_name", "task_name", "name"]
  static let statusKeys = ["status", "state", "outcome", "result", "phase"]
  static let idKeys = ["run_id", "id", "task_id", "job_id", "run"]
  static let timeKeys = ["ts", "time", "timestamp", "@timestamp", "started_at", "at"]

  public static let descriptor = FormatDescriptor(
    id: "json-jobs", role: .jobs,
    summary: "JSON job events (job/task, status, duration, error)",
    scoreLine: { score($0) },
    makeDecoder: { options, sink in
      HoldingDecoder(formatID: "json-jobs", rules: JSONJobsRules(options: options), requests: sink)
    })

  public mutating func outcome(for line: String, readAt: EpochSeconds) -> LineOutcome? {
    guard let o = JSONObject.parse(line) else { return nil }
    guard let job = Self.job(o, readAt: readAt, options: options) else { return .ignoredLine }
    return LineOutcome(hold: .job(job))
  }

  public static func phase(_ text: String) -> JobPhase? {
    switch text.lowercased() {
    case "ok", "success", "succeeded", "successful", "done", "complete", "completed", "finished",
      "passed":
      .succeeded
    case "fail", "failed", "failure", "error", "errored", "crashed", "timeout", "timed_out":
      .failed
    case "start", "started", "running", "begin", "began", "received", "queued":
      .started
    case "retry", "retried", "retrying":
      .retried
    default: nil
    }
  }

  static func job(_ o: JSONObject, readAt: EpochSeconds, options: DecoderOptions) -> JobEvent? {
    guard let name = o.first(nameKeys)?.value.stringValue, !name.isEmpty,
      let statusText = o.first(statusKeys)?.value.text, let phase = phase(statusText)
    else { return nil }
    var time = readAt
    if let t = o.first(timeKeys),
      let parsed = JSONLogRules.time(t.value, readAt: readAt, options: options)
    {
      time = parsed
    }
    var duration: Double?
    if let s = o.first(["duration_s", "duration_seconds", "duration", "elapsed", "runtime", "took"]
    )?
    .value.numberValue {
      duration = s
    } else if let ms = o.first(["duration_ms", "elapsed_ms", "took_ms"])?.value.numberValue {
      duration = ms / 1000
    }
    if let d = duration, !(d.isFinite && d >= 0) { duration = nil }
    var exception: ExceptionInfo?
    if let e = o.first(["exception", "error", "exc_info", "traceback"]) {
      exception = JSONLogRules.exception(e.value)
    }
    let detail = o.first(["message", "msg", "detail", "reason"]).map {
      TextSanitizer.display($0.value.text)
    }
    return JobEvent(
      time: time, name: TextSanitizer.display(name),
      runID: o.first(idKeys).map { TextSanitizer.display($0.value.text) }, phase: phase,
      durationSeconds: duration, exception: phase == .failed || phase == .retried ? exception : nil,
      detail: detail)
  }

  static func score(_ line: String) -> Double {
    guard let o = JSONObject.parse(line) else { return 0 }
    let status = o.first(statusKeys).flatMap { phase($0.value.text) }
    let explicitJob = o.first(["job", "task", "job_name", "task_name"]) != nil
    let named = o.first(nameKeys) != nil
    let logLike = o.first(JSONLogRules.levelKeys) != nil
    guard status != nil else { return explicitJob ? 0.4 : 0.1 }
    if explicitJob { return logLike ? 0.9 : 1.0 }
    if named { return logLike ? 0.5 : 0.85 }
    return 0.3
  }
}
