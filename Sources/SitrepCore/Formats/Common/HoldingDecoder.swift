/// What one record-header line of a format means.
public struct LineOutcome: Sendable {
  /// What to hold back for a possible traceback (`.silent` for lines that yield nothing).
  public var hold: RecordHold.Held
  /// Events to emit at once (after the previous held record), e.g. a restart.
  public var emit: [Event]
  /// Requests the line records (a JSON request record), for the source's `RequestSink`.
  public var requests: [Request]
  /// Counted as ignored rather than parsed (recognised, but nothing for the model).
  public var ignored: Bool

  public init(
    hold: RecordHold.Held = .silent, emit: [Event] = [], requests: [Request] = [],
    ignored: Bool = false
  ) {
    self.hold = hold
    self.emit = emit
    self.requests = requests
    self.ignored = ignored
  }

  public static let ignoredLine = LineOutcome(ignored: true)
}

/// The rules of one line-oriented format whose records may be followed by tracebacks.
/// Rules may keep state (a job's start time, the last restart) between lines.
public protocol LineRules {
  /// Reads one sanitised line. `nil` when it is not a record of the format (then it may still
  /// be a traceback line of the held record).
  mutating func outcome(for line: String, readAt: EpochSeconds) -> LineOutcome?
  /// Events the rules still keep back when input pauses or ends (a run whose outcome only the
  /// next line would tell). Most rules keep nothing.
  mutating func drain() -> [Event]
}

extension LineRules {
  public mutating func drain() -> [Event] { [] }
}

/// Drives `LineRules` with the traceback hold and the counting every such format needs.
public final class HoldingDecoder<Rules: LineRules>: LineDecoder {
  public let formatID: String
  public var counts: LineCounts { tally.counts }

  private var rules: Rules
  private let requests: RequestSink
  private var hold = RecordHold()
  private var tally = LineTally()

  public init(formatID: String, rules: Rules, requests: RequestSink) {
    self.formatID = formatID
    self.rules = rules
    self.requests = requests
  }

  public func feed(_ line: LineBytes, readAt: EpochSeconds, into events: inout [Event]) {
    let text = TextSanitizer.display(line)
    if let outcome = rules.outcome(for: text, readAt: readAt) {
      hold.release(into: &events)
      events.append(contentsOf: outcome.emit)
      var refused = false
      for request in outcome.requests where !requests.record(request) { refused = true }
      hold.hold(outcome.hold, releasingInto: &events)
      if outcome.ignored { tally.ignored() } else { tally.parsed() }
      if refused { tally.future() }
      return
    }
    switch hold.continuation(text) {
    case .parsed: tally.parsed()
    case .ignored: tally.ignored()
    case nil: tally.malformed(line)
    }
  }

  public func flush(into events: inout [Event]) {
    hold.release(into: &events)
    events.append(contentsOf: rules.drain())
  }
}
