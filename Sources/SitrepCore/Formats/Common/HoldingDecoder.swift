/// What one record-header line of a format means.
public struct LineOutcome: Sendable {
  /// What to hold back for a possible traceback (`.silent` for lines that yield nothing).
  public var hold: RecordHold.Held
  /// Events to emit at once (after the previous held record), e.g. a restart.
  public var emit: [Event]
  /// Counted as ignored rather than parsed (recognised, but nothing for the model).
  public var ignored: Bool

  public init(hold: RecordHold.Held = .silent, emit: [Event] = [], ignored: Bool = false) {
    self.hold = hold
    self.emit = emit
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
}

extension LineRules {
  public static var readsBytes: Bool { false }

  public mutating func outcome(bytes line: LineBytes, readAt: EpochSeconds) -> LineOutcome? {
    outcome(for: TextSanitizer.display(line), readAt: readAt)
  }
}

/// Drives `LineRules` with the traceback hold and the counting every such format needs.
public final class HoldingDecoder<Rules: LineRules>: SourceDecoder {
  public let formatID: String
  public var counts: DecodeCounts { tally.counts }

  private var rules: Rules
  private var hold = RecordHold()
  private var tally = DecodeTally()

  public init(formatID: String, rules: Rules) {
    self.formatID = formatID
    self.rules = rules
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
    hold.hold(outcome.hold, releasingInto: &events)
    if outcome.ignored { tally.ignored() } else { tally.parsed() }
  }

  private func continuation(_ text: String, _ line: LineBytes) {
    switch hold.continuation(text) {
    case .parsed: tally.parsed()
    case .ignored: tally.ignored()
    case nil: tally.malformed(line)
    }
  }

  public func flush(into events: inout [Event]) { hold.release(into: &events) }
}
