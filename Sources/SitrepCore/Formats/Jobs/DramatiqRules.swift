/// Dramatiq worker logs (its CLI's format):
/// `[2026-11-26 16:16:15,025] [PID 22772] [Thread-4] [dramatiq.worker.WorkerThread] [ERROR] msg`.
///
/// - `Received message charge(201) with id 'ID'.` (DEBUG, `--verbose` only) starts a run
/// - `Completed after 31.88ms.` (DEBUG, from the actor's own logger) is logged in a `finally`,
///   so it comes for failed runs too: it only says how long the run took. Whether it succeeded
///   is decided by the next line of the same process and thread: `Failed to process message
///   ...` fails it, anything else means it succeeded (dramatiq logs nothing else on success)
/// - `Failed to process message sync_sku('C-3') with unhandled exception.` (ERROR) then the
///   traceback fails the run; without `--verbose` this is the only job line there is
///
/// The job name is the actor name as the worker prints it (`charge`). Every other line is a log
/// record, so the worker's own warnings and errors are not lost.
public struct DramatiqRules: LineRules {
  let options: DecoderOptions
  /// The message each worker thread is running, by `PID thread`: its name, id and start.
  private var running: [String: Run] = [:]
  /// A run that logged "Completed after" and waits for the thread's next line to know whether
  /// it failed, by `PID thread`.
  private var completed: [String: JobEvent] = [:]
  static let maxThreads = 4096

  struct Run {
    var name: String
    var id: String?
    var start: EpochSeconds
  }

  public init(options: DecoderOptions) { self.options = options }

  public static let descriptor = FormatDescriptor(
    id: "dramatiq", role: .jobs,
    summary: "Dramatiq worker log: message received, completed, failed with tracebacks",
    scoreLine: { line in
      line.withLineBytes { header($0, naiveZone: 0) == nil ? 0 : 1 }
    },
    makeDecoder: { options, sink in
      HoldingDecoder(formatID: "dramatiq", rules: DramatiqRules(options: options), requests: sink)
    })

  struct Header {
    var time: EpochSeconds
    /// `PID thread`: which worker thread wrote the line.
    var thread: String
    var logger: String
    var level: LogLevel
    var message: String
  }

  public mutating func outcome(for line: String, readAt: EpochSeconds) -> LineOutcome? {
    guard let h = line.withLineBytes({ Self.header($0, naiveZone: options.naiveZone) }) else {
      return nil
    }
    var emit: [Event] = []
    let pending = completed.removeValue(forKey: h.thread)
    let message = Substring(h.message)
    if message.hasPrefix("Failed to process message "),
      message.hasSuffix(" with unhandled exception.")
    {
      let call = message.dropFirst(26).dropLast(26)
      // The run is the one "Completed after" just closed, or one still open on this thread.
      let run = running.removeValue(forKey: h.thread)
      let name = Self.actorName(call) ?? pending?.name ?? run?.name ?? "?"
      let job = JobEvent(
        time: h.time, name: name, runID: pending?.runID ?? run?.id, phase: .failed,
        durationSeconds: pending?.durationSeconds ?? run.map { max(0, h.time - $0.start) })
      return LineOutcome(hold: .job(job))
    }
    if let pending { emit.append(.job(pending)) }
    if message.hasPrefix("Received message "), let (name, id) = Self.received(message) {
      if running.count >= Self.maxThreads { running.removeAll() }
      running[h.thread] = Run(name: name, id: id, start: h.time)
      let job = JobEvent(time: h.time, name: name, runID: id, phase: .started)
      return LineOutcome(hold: .job(job), emit: emit)
    }
    if message.hasPrefix("Completed after "), let run = running.removeValue(forKey: h.thread) {
      let ms = message.dropFirst(16).prefix { $0.isNumber || $0 == "." }
      let seconds = Double(ms).flatMap { $0.isFinite && $0 >= 0 ? $0 / 1000 : nil }
      if completed.count >= Self.maxThreads { completed.removeAll() }
      completed[h.thread] = JobEvent(
        time: h.time, name: run.name, runID: run.id, phase: .succeeded,
        durationSeconds: seconds ?? max(0, h.time - run.start))
      return LineOutcome(emit: emit)
    }
    let record = LogRecord(time: h.time, level: h.level, logger: h.logger, message: h.message)
    return LineOutcome(hold: .log(record), emit: emit)
  }

  /// Runs whose outcome is still open at the end of input: nothing followed "Completed after",
  /// so nothing failed them.
  public mutating func drain() -> [Event] {
    defer { completed.removeAll() }
    return completed.values.sorted { $0.time < $1.time }.map { .job($0) }
  }

  /// `[time] [PID n] [thread] [logger] [LEVEL] message`.
  static func header(_ bytes: LineBytes, naiveZone: NaiveZone) -> Header? {
    var c = ByteCursor(bytes)
    guard c.skip(UInt8(ascii: "[")), let time = TimestampParser.iso8601(&c, naiveZone: naiveZone),
      c.skip("] [PID ")
    else { return nil }
    let pid = c.read { ByteClass.isDigit($0) }
    guard !pid.isEmpty, c.skip("] [") else { return nil }
    let thread = c.read(until: UInt8(ascii: "]"))
    guard c.skip("] [") else { return nil }
    // Logger names may hold brackets of their own only as `(...)`: `ConsumerThread(default)`.
    let logger = c.read(until: UInt8(ascii: "]"))
    guard c.skip("] [") else { return nil }
    let levelRange = c.read { ByteClass.isUpper($0) }
    guard let level = PythonLoggingRules.levelWord(c, levelRange), c.skip(UInt8(ascii: "]")) else {
      return nil
    }
    c.skipSpaces()
    return Header(
      time: time, thread: c.string(pid) + " " + c.string(thread), logger: c.string(logger),
      level: level, message: c.string(c.rest))
  }

  /// `charge(201) with id '8ab...'.` → `charge` and the id.
  static func received(_ message: Substring) -> (String, String?)? {
    let rest = message.dropFirst(17)
    guard let name = actorName(rest) else { return nil }
    var id: String?
    if let marker = rest.ranges(of: " with id '").last {
      let tail = rest[marker.upperBound...]
      if let quote = tail.firstIndex(of: "'") { id = String(tail[..<quote]) }
    }
    return (name, id)
  }

  /// `sync_sku('C-3')` → `sync_sku`: the actor name before the arguments.
  static func actorName(_ call: Substring) -> String? {
    guard let paren = call.firstIndex(of: "("), paren > call.startIndex else { return nil }
    let name = call[..<paren]
    guard name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "_.".contains($0)) })
    else { return nil }
    return String(name)
  }
}
