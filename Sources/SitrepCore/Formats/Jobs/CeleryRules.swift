/// Celery worker logs (4.x/5.x): `[2026-11-24 14:00:00,001: INFO/MainProcess] message`, task
/// lines optionally prefixed by the task logger's `tasks.x[id]: `.
///
/// received → started, `succeeded in 0.2693s` → succeeded, `raised unexpected: KeyError('sku')`
/// → failed (the exception from the traceback that follows, or from the repr when none does),
/// `retry: Retry in 10s: ...` → retried. Other worker lines (beat "Sending due task", "ready.",
/// "Connected to") are recognised and ignored.
public struct CeleryRules: LineRules {
  let options: DecoderOptions

  public init(options: DecoderOptions) { self.options = options }

  public static let descriptor = FormatDescriptor(
    id: "celery", role: .jobs,
    summary: "Celery worker log: task received/succeeded/failed/retry with tracebacks",
    scoreLine: { line in
      line.withLineBytes { header($0, naiveZone: 0) == nil ? 0 : 1 }
    },
    makeDecoder: { options, sink in
      HoldingDecoder(formatID: "celery", rules: CeleryRules(options: options), requests: sink)
    })

  public mutating func outcome(for line: String, readAt: EpochSeconds) -> LineOutcome? {
    guard
      let (time, message) = line.withLineBytes({ bytes -> (EpochSeconds, String)? in
        guard let h = Self.header(bytes, naiveZone: options.naiveZone) else {
          return nil
        }
        return (h.time, ByteClass.string(bytes, h.message))
      })
    else { return nil }
    guard let job = Self.taskEvent(Self.dropTaskPrefix(Substring(message)), time: time) else {
      return .ignoredLine
    }
    return LineOutcome(hold: .job(job))
  }

  /// `[time: LEVEL/Process]` then the message range.
  static func header(_ bytes: LineBytes, naiveZone: NaiveZone) -> (
    time: EpochSeconds, message: Range<Int>
  )? {
    var c = ByteCursor(bytes)
    guard c.skip(UInt8(ascii: "[")),
      let time = TimestampParser.iso8601(&c, naiveZone: naiveZone)
    else { return nil }
    c.skip(UInt8(ascii: ":"))
    c.skipSpaces()
    let level = c.read { ByteClass.isAlpha($0) }
    guard PythonLoggingRules.levelWord(c, level) != nil, c.skip(UInt8(ascii: "/")) else {
      return nil
    }
    let process = c.read(until: UInt8(ascii: "]"))
    guard !process.isEmpty, c.skip(UInt8(ascii: "]")) else { return nil }
    c.skipSpaces()
    return (time, c.rest)
  }

  /// `tasks.x[id]: Task ...` → `Task ...` (the task logger's prefix).
  static func dropTaskPrefix(_ s: Substring) -> Substring {
    // On the UTF-8 view: Character-wise searching was most of the decoder's time. `[`, `]` and
    // space are ASCII, so the indices found are valid character boundaries.
    let u = s.utf8
    guard let close = u.firstIndex(of: UInt8(ascii: "]")), u.first != UInt8(ascii: "["),
      u[..<close].contains(UInt8(ascii: "[")), !u[..<close].contains(UInt8(ascii: " ")),
      u[close...].starts(with: "]: ".utf8)
    else { return s }
    return s[u.index(close, offsetBy: 3)...]
  }

  static func taskEvent(_ s: Substring, time: EpochSeconds) -> JobEvent? {
    let u = s.utf8
    guard u.starts(with: "Task ".utf8), let open = u.firstIndex(of: UInt8(ascii: "[")),
      let close = u[open...].firstIndex(of: UInt8(ascii: "]"))
    else { return nil }
    let name = String(s[u.index(s.startIndex, offsetBy: 5)..<open])
    let id = String(s[u.index(after: open)..<close])
    guard !name.isEmpty, !name.contains(" ") else { return nil }
    let rest = s[s.index(after: close)...].drop { $0 == " " }
    var job = JobEvent(time: time, name: name, runID: id.isEmpty ? nil : id, phase: .started)
    if rest.hasPrefix("received") {
      return job
    }
    if rest.hasPrefix("succeeded in ") {
      job.phase = .succeeded
      let number = rest.dropFirst(13).prefix { $0 != "s" && $0 != ":" && $0 != " " }
      if let seconds = Double(number), seconds.isFinite, seconds >= 0 {
        job.durationSeconds = seconds
      }
      return job
    }
    for marker in ["raised unexpected:", "raised exception:", "failed:"]
    where rest.hasPrefix(marker) {
      job.phase = .failed
      let repr = rest.dropFirst(marker.count).drop { $0 == " " }
      job.exception =
        TracebackAssembler.parseRepr(repr) ?? TracebackAssembler.summaryException(String(repr))
      return job
    }
    if rest.hasPrefix("retry:") {
      job.phase = .retried
      job.detail = String(rest.dropFirst(6).drop { $0 == " " })
      return job
    }
    return nil
  }
}
