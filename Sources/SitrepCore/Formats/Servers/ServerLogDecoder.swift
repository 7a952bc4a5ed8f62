/// A request line a server's rules read and recorded into the source's sink.
public struct RecordedRequest {
  /// The line's own time; nil when it had none and took the read time (uvicorn's lines).
  public var time: EpochSeconds?
  /// False when the model refused it as stamped in the future.
  public var kept: Bool
  /// The response status: a 5xx is an error line in the raw-log view.
  public var status: Int

  public init(time: EpochSeconds?, kept: Bool, status: Int) {
    self.time = time
    self.kept = kept
    self.status = status
  }
}

/// What a line of a server's own (not a request) means.
public struct ServerOutcome {
  public var line: LineOutcome
  /// The line's own time; nil when it has none (Django's `Internal Server Error: /x`, uWSGI's
  /// messages). What such a line holds or emits waits for the next stamped line: see
  /// `ServerLogDecoder`.
  public var time: EpochSeconds?

  public init(_ line: LineOutcome, time: EpochSeconds?) {
    self.line = line
    self.time = time
  }

  public static func ignored(time: EpochSeconds?) -> ServerOutcome {
    ServerOutcome(.ignoredLine, time: time)
  }
}

/// The rules of one server's log: its request lines, read from the raw bytes straight into the
/// sink, and its other lines (banners, error records), read from sanitised text.
public protocol ServerLogRules {
  /// Reads and records a request line; nil when the line is not one.
  mutating func request(_ line: LineBytes, readAt: EpochSeconds, into sink: RequestSink)
    -> RecordedRequest?
  /// Reads any other line of the server's; nil when it is not one (it may still belong to a
  /// traceback).
  mutating func outcome(for text: String, readAt: EpochSeconds) -> ServerOutcome?
  /// True when a traceback can come with no header line at all (uWSGI writes the app's
  /// traceback straight to its log): it then opens an error record of its own.
  var headlessTracebacks: Bool { get }
}

/// Decodes a server's log where requests and the server's own records share one file.
///
/// Records without a time of their own (Django's `Internal Server Error: /x`, a uWSGI traceback
/// with no header) are held until the next stamped line and take its time: the server writes the
/// failed request's line right after the traceback, when the response went out, so that is when
/// the error happened to the second. When the source goes quiet first they take the newest time
/// the file has shown, and only a file with no time at all gives them the read time: a backfilled
/// error stamped "now" would read as a current outage.
public final class ServerLogDecoder<Rules: ServerLogRules>: LineDecoder {
  public let formatID: String
  public var counts: LineCounts { tally.counts }

  private var rules: Rules
  private let requests: RequestSink
  private var hold = RecordHold()
  private var heldUntimed = false
  /// Released records and events with no time yet, and when the first of them was read.
  private var waiting: [Event] = []
  private var waitingReadAt: EpochSeconds?
  /// The newest time a line of the file carried.
  private var newestStamp: EpochSeconds?
  private var tally = LineTally()
  public private(set) var lastLineMark = LineMark.plain

  public init(formatID: String, rules: Rules, requests: RequestSink) {
    self.formatID = formatID
    self.rules = rules
    self.requests = requests
  }

  public func feed(_ line: LineBytes, readAt: EpochSeconds, into events: inout [Event]) {
    if let recorded = rules.request(line, readAt: readAt, into: requests) {
      lastLineMark = LineMark(isError: recorded.status >= 500)
      if let t = recorded.time { settle(at: t, into: &events) } else { releaseHeld(into: &events) }
      tally.parsed()
      if !recorded.kept { tally.future() }
      return
    }
    let text = TextSanitizer.display(line)
    if let outcome = rules.outcome(for: text, readAt: readAt) {
      apply(outcome, readAt: readAt, into: &events)
      return
    }
    let answer = hold.continuation(text)
    lastLineMark = hold.mark(ofContinuation: answer)
    switch answer {
    case .parsed:
      tally.parsed()
      return
    case .ignored:
      tally.ignored()
      return
    case nil: break
    }
    if rules.headlessTracebacks, text.hasPrefix("Traceback (most recent call last):") {
      releaseHeld(into: &events)
      let record = LogRecord(
        time: readAt, level: .error, message: "exception logged without a header line")
      hold.hold(.log(record), releasingInto: &events)
      lastLineMark = .error
      heldUntimed = true
      if waitingReadAt == nil { waitingReadAt = readAt }
      _ = hold.continuation(text)
      tally.parsed()
      return
    }
    // Consoles space their banners with blank lines; they carry nothing.
    if text.allSatisfy({ $0 == " " }) {
      tally.ignored()
      return
    }
    tally.malformed(line)
  }

  public func flush(into events: inout [Event]) {
    releaseHeld(into: &events)
    guard !waiting.isEmpty else { return }
    stampWaiting(at: newestStamp ?? waitingReadAt ?? 0, into: &events)
  }

  private func apply(_ outcome: ServerOutcome, readAt: EpochSeconds, into events: inout [Event]) {
    let line = outcome.line
    lastLineMark = RecordHold.mark(of: line.hold)
    if line.requests.contains(where: { $0.status >= 500 }) { lastLineMark = .error }
    if let t = outcome.time {
      settle(at: t, into: &events)
      events.append(contentsOf: line.emit)
      hold.hold(line.hold, releasingInto: &events)
      heldUntimed = false
    } else {
      releaseHeld(into: &events)
      if !line.emit.isEmpty {
        waiting.append(contentsOf: line.emit)
        if waitingReadAt == nil { waitingReadAt = readAt }
      }
      hold.hold(line.hold, releasingInto: &events)
      heldUntimed = true
      if hold.isHolding, waitingReadAt == nil { waitingReadAt = readAt }
    }
    var refused = false
    for request in line.requests where !requests.record(request) { refused = true }
    if line.ignored { tally.ignored() } else { tally.parsed() }
    if refused { tally.future() }
  }

  /// A stamped line at `t`: what waited for a time takes it.
  private func settle(at t: EpochSeconds, into events: inout [Event]) {
    releaseHeld(into: &events)
    if !waiting.isEmpty { stampWaiting(at: t, into: &events) }
    if t.isFinite, newestStamp == nil || t > newestStamp! { newestStamp = t }
  }

  private func releaseHeld(into events: inout [Event]) {
    guard hold.isHolding else { return }
    if heldUntimed {
      hold.release(into: &waiting)
      heldUntimed = false
      // A banner line held nothing: no read time to remember.
      if waiting.isEmpty { waitingReadAt = nil }
    } else {
      hold.release(into: &events)
    }
  }

  private func stampWaiting(at t: EpochSeconds, into events: inout [Event]) {
    for event in waiting { events.append(Self.stamped(event, t)) }
    waiting.removeAll(keepingCapacity: true)
    waitingReadAt = nil
  }

  static func stamped(_ event: Event, _ t: EpochSeconds) -> Event {
    switch event {
    case .log(var r):
      r.time = t
      return .log(r)
    case .job(var j):
      j.time = t
      return .job(j)
    case .deploy(var d):
      d.time = t
      return .deploy(d)
    case .metrics:
      return event
    }
  }
}
