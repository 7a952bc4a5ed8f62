/// What one record-header line of a format means.
public struct LineOutcome: Sendable {
  /// What to hold back for a possible traceback (`.silent` for lines that yield nothing).
  public var hold: RecordHold.Held
  /// Events to emit at once (after the previous held record), e.g. a restart.
  public var emit: [Event]
  /// Requests the line records (a JSON request record), for the source's `RequestSink`.
  public var requests: [Request]
  /// The requests carry the route the application itself logged (`/api/orders/{order_id}`):
  /// kept as written rather than derived from the path again.
  public var routesAsWritten: Bool
  /// Counted as ignored rather than parsed (recognised, but nothing for the model).
  public var ignored: Bool

  public init(
    hold: RecordHold.Held = .silent, emit: [Event] = [], requests: [Request] = [],
    routesAsWritten: Bool = false, ignored: Bool = false
  ) {
    self.hold = hold
    self.emit = emit
    self.requests = requests
    self.routesAsWritten = routesAsWritten
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
  /// Whether the rules read raw bytes (`outcome(bytes:readAt:)`) rather than a sanitised String:
  /// a format that picks a few values out of a line need not copy the whole of it first.
  static var readsBytes: Bool { get }
  /// Reads one raw line; only called when `readsBytes`. The rules sanitise what they keep.
  mutating func outcome(bytes line: LineBytes, readAt: EpochSeconds) -> LineOutcome?
  /// Events the rules still keep back when input pauses or ends (a run whose outcome only the
  /// next line would tell). Most rules keep nothing.
  mutating func drain() -> [Event]
}

extension LineRules {
  public static var readsBytes: Bool { false }

  public mutating func outcome(bytes line: LineBytes, readAt: EpochSeconds) -> LineOutcome? {
    outcome(for: TextSanitizer.display(line), readAt: readAt)
  }

  public mutating func drain() -> [Event] { [] }
}

/// Drives `LineRules` with the traceback hold and the counting every such format needs.
public final class HoldingDecoder<Rules: LineRules>: LineDecoder {
  public let formatID: String
  public var counts: LineCounts { tally.counts }
  public private(set) var lastLineMark = LineMark.plain

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
    // `readsBytes` is static: each specialisation keeps one of these branches.
    if Rules.readsBytes {
      if let outcome = rules.outcome(bytes: line, readAt: readAt) {
        apply(outcome, into: &events)
      } else {
        continuation(TextSanitizer.display(line), line)
      }
      return
    }
    let text = TextSanitizer.display(line)
    if let outcome = rules.outcome(for: text, readAt: readAt) {
      apply(outcome, into: &events)
    } else {
      continuation(text, line)
    }
  }

  private func apply(_ outcome: LineOutcome, into events: inout [Event]) {
    hold.release(into: &events)
    events.append(contentsOf: outcome.emit)
    var refused = false
    for request in outcome.requests
    where !requests.record(request, routeAsWritten: outcome.routesAsWritten) {
      refused = true
    }
    hold.hold(outcome.hold, releasingInto: &events)
    lastLineMark = RecordHold.mark(of: outcome.hold)
    if outcome.requests.contains(where: { $0.status >= 500 }) { lastLineMark = .error }
    if outcome.ignored { tally.ignored() } else { tally.parsed() }
    if refused { tally.future() }
  }

  private func continuation(_ text: String, _ line: LineBytes) {
    let answer = hold.continuation(text)
    lastLineMark = hold.mark(ofContinuation: answer)
    switch answer {
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
