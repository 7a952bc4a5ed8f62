/// What one record-header line of a format means.
public struct LineOutcome: Sendable {
  /// A request the rules recorded into their sink themselves: its status, and whether the sink
  /// took it (false: stamped in the future and left out).
  public struct Recorded: Sendable {
    public var status: Int
    public var taken: Bool
  }

  /// What to hold back for a possible traceback (`.silent` for lines that yield nothing).
  public var hold: RecordHold.Held
  /// Counted as ignored rather than parsed (recognised, but nothing for the model).
  public var ignored: Bool
  /// A request the rules recorded into the sink themselves
  /// (`outcome(bytes:readAt:recordingInto:)`): its status and whether the sink took it.
  public var recorded: Recorded?
  /// The parts few lines have, boxed: a JSON line has none, and moving and destroying two empty
  /// arrays with every line was a tenth of handing its record on (measured).
  private var extras: Extras?

  private final class Extras: Sendable {
    let emit: [Event]
    let requests: [Request]
    let routesAsWritten: Bool

    init(emit: [Event], requests: [Request], routesAsWritten: Bool) {
      self.emit = emit
      self.requests = requests
      self.routesAsWritten = routesAsWritten
    }
  }

  /// Events to emit at once (after the previous held record), e.g. a restart.
  public var emit: [Event] {
    get { extras?.emit ?? [] }
    set { setExtras(emit: newValue, requests: requests, routesAsWritten: routesAsWritten) }
  }
  /// Requests the line records (a JSON request record), for the source's `RequestSink`.
  public var requests: [Request] {
    get { extras?.requests ?? [] }
    set { setExtras(emit: emit, requests: newValue, routesAsWritten: routesAsWritten) }
  }
  /// The requests carry the route the application itself logged (`/api/orders/{order_id}`):
  /// kept as written rather than derived from the path again.
  public var routesAsWritten: Bool {
    get { extras?.routesAsWritten ?? false }
    set { setExtras(emit: emit, requests: requests, routesAsWritten: newValue) }
  }

  /// Whether the outcome carries emitted events, requests or written routes: most lines do not,
  /// and their decoder skips all three at once.
  var hasExtras: Bool { extras != nil }

  private mutating func setExtras(emit: [Event], requests: [Request], routesAsWritten: Bool) {
    extras =
      emit.isEmpty && requests.isEmpty && !routesAsWritten
      ? nil : Extras(emit: emit, requests: requests, routesAsWritten: routesAsWritten)
  }

  public init(
    hold: RecordHold.Held = .silent, emit: [Event] = [], requests: [Request] = [],
    routesAsWritten: Bool = false, ignored: Bool = false
  ) {
    self.hold = hold
    self.ignored = ignored
    recorded = nil
    extras = nil
    setExtras(emit: emit, requests: requests, routesAsWritten: routesAsWritten)
  }

  /// An outcome holding `hold` and nothing else, written field by field (the general init sorts
  /// its extras into a box or none): a decoder's fresh outcome for each line.
  public init(holding hold: RecordHold.Held) {
    self.hold = hold
    ignored = false
    recorded = nil
    extras = nil
  }

  public static let ignoredLine = LineOutcome(ignored: true)

  /// Holds `record`. Written over a silent hold without destroying it first (a payload-less case
  /// holds nothing to destroy), as a decoder's cleared outcome always is: assigning destroyed the
  /// silent hold through the enum's value witness, 33 instructions a JSON line (measured,
  /// callgrind).
  public mutating func hold(_ record: consuming LogRecord) {
    guard case .silent = hold else {
      hold = .log(record)
      return
    }
    withUnsafeMutablePointer(to: &hold) { $0.initialize(to: .log(record)) }
  }

  /// Makes a used outcome what `init(holding: .silent)` makes, in place, writing only what is not
  /// so already (a decoder's `apply` leaves the hold silent): a decoder's outcome for each line.
  mutating func clear() {
    if case .silent = hold {} else { hold = .silent }
    ignored = false
    recorded = nil
    if extras != nil { extras = nil }
  }
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
  /// `outcome(bytes:readAt:)`, recording any request the line holds into `requests` at once
  /// (`LineOutcome.recorded`) rather than returning it as a value. Rules that read requests from
  /// bytes implement it so a request costs no `Request` and no array; the default returns them in
  /// the outcome.
  mutating func outcome(
    bytes line: LineBytes, readAt: EpochSeconds, recordingInto requests: RequestSink
  )
    -> LineOutcome?
  /// `outcome(bytes:readAt:recordingInto:)` written into `outcome`, a fresh
  /// `LineOutcome(holding: .silent)`: false when the line is not the format's. Rules on the hot path
  /// implement it: a large outcome returned from branches was built, copied into the return value
  /// and destroyed, a retain and release of each of its strings per line (measured).
  mutating func decode(
    bytes line: LineBytes, readAt: EpochSeconds, recordingInto requests: RequestSink,
    into outcome: inout LineOutcome
  ) -> Bool
  /// Events the rules still keep back when input pauses or ends (a run whose outcome only the
  /// next line would tell). Most rules keep nothing.
  mutating func drain() -> [Event]
  /// Whether what the rules make of a line depends on that line alone (no start time kept for a
  /// later line, no restart remembered): then a file may be decoded in chunks on several threads
  /// and merged (`HoldingDecoder.decodeChunk`).
  static var readsLinesApart: Bool { get }
}

extension LineRules {
  public static var readsBytes: Bool { false }

  public mutating func outcome(bytes line: LineBytes, readAt: EpochSeconds) -> LineOutcome? {
    outcome(for: TextSanitizer.display(line), readAt: readAt)
  }

  public mutating func outcome(
    bytes line: LineBytes, readAt: EpochSeconds, recordingInto requests: RequestSink
  ) -> LineOutcome? {
    outcome(bytes: line, readAt: readAt)
  }

  public mutating func decode(
    bytes line: LineBytes, readAt: EpochSeconds, recordingInto requests: RequestSink,
    into outcome: inout LineOutcome
  ) -> Bool {
    guard let read = self.outcome(bytes: line, readAt: readAt, recordingInto: requests) else {
      return false
    }
    outcome = read
    return true
  }

  public mutating func drain() -> [Event] { [] }

  public static var readsLinesApart: Bool { false }
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
  /// What each header line is decoded into, kept and cleared line after line. A fresh local
  /// `LineOutcome(holding: .silent)` per line was built twice, copied and destroyed through
  /// outlined value witnesses (the decoder is generic): about 200 instructions a line of a JSON
  /// app log (measured, callgrind).
  private var outcome = LineOutcome(holding: .silent)

  public init(formatID: String, rules: Rules, requests: RequestSink) {
    self.formatID = formatID
    self.rules = rules
    self.requests = requests
  }

  /// A decoder of the same rules writing to `requests`, holding nothing, for a parallel lane.
  public func laneCopy(requests: RequestSink) -> HoldingDecoder {
    HoldingDecoder(formatID: formatID, rules: rules, requests: requests)
  }

  public func feed(_ line: LineBytes, readAt: EpochSeconds, into events: inout [Event]) {
    // `readsBytes` is static: each specialisation keeps one of these branches.
    if Rules.readsBytes {
      outcome.clear()
      if rules.decode(bytes: line, readAt: readAt, recordingInto: requests, into: &outcome) {
        apply(&outcome, into: &events)
      } else {
        continuation(TextSanitizer.display(line), line)
      }
      return
    }
    let text = TextSanitizer.display(line)
    if var outcome = rules.outcome(for: text, readAt: readAt) {
      apply(&outcome, into: &events)
    } else {
      continuation(text, line)
    }
  }

  /// Takes `outcome`'s record, leaving it silent. In place, not consumed: a consumed outcome was
  /// copied into the call and the original destroyed (measured).
  private func apply(_ outcome: inout LineOutcome, into events: inout [Event]) {
    var refused = false
    var mark = RecordHold.mark(of: outcome.hold)
    // Only an outcome with extras releases the held record here, before its own events; the
    // rest release it as they hold the next (`hold(_:releasingInto:)`), once: asking for the
    // empty arrays and releasing twice cost 76 instructions a JSON line (measured, callgrind).
    if outcome.hasExtras {
      hold.release(into: &events)
      if !outcome.emit.isEmpty { events.append(contentsOf: outcome.emit) }
      for request in outcome.requests {
        if !requests.record(request, routeAsWritten: outcome.routesAsWritten) { refused = true }
        if request.status >= 500 { mark = .error }
      }
    }
    if let recorded = outcome.recorded {
      if !recorded.taken { refused = true }
      if recorded.status >= 500 { mark = .error }
    }
    lastLineMark = mark
    if outcome.ignored { tally.ignored() } else { tally.parsed() }
    if refused { tally.future() }
    // Swapped into the hold, not passed: passing the field on copied the record (a retain and a
    // release of each of its strings, measured), and only the outcome's own copy is ever used.
    hold.hold(taking: &outcome.hold, releasingInto: &events)
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

  // MARK: - Chunks of a bulk read

  /// What a stretch of lines decoded on its own gave, to be merged in file order by `absorb`.
  struct Chunk {
    /// The lines before the stretch's first record: they belong to whatever record the stretch
    /// before it ended holding (a traceback cut by the chunk's edge), so they wait for the merge.
    var lead: [[UInt8]] = []
    /// Whether the stretch had a record of its own.
    var sawRecord = false
    /// What the stretch's records released, in order; its last record is still in `hold`.
    var events: [Event] = []
    /// The lines after `lead`, counted.
    var tally = LineTally()
    /// What the stretch held at its end, waiting for traceback lines from the next one.
    var hold = RecordHold()
  }

  /// Decodes `lines` (from `base`) as a stretch of its own, starting with nothing held: a lane's
  /// share of a bulk read. The decoder holds nothing afterwards. Only for rules that read lines
  /// apart (`Rules.readsLinesApart`): then the stretches merged in order give what one decoder
  /// reading every line gives.
  func decodeChunk(
    _ base: UnsafePointer<UInt8>, _ lines: UnsafeBufferPointer<ChunkedLineReader.Line>,
    readAt: EpochSeconds
  ) -> Chunk {
    var chunk = Chunk()
    hold = RecordHold()
    tally = LineTally()
    for line in lines {
      let bytes = LineBytes(start: base + line.start, count: line.count)
      if chunk.sawRecord {
        feed(bytes, readAt: readAt, into: &chunk.events)
        continue
      }
      // Header-or-not is the rules' call alone (`readsLinesApart`), so asking now is what the
      // merge would have asked.
      guard var outcome = rules.outcome(bytes: bytes, readAt: readAt, recordingInto: requests)
      else {
        chunk.lead.append(Array(bytes))
        continue
      }
      chunk.sawRecord = true
      apply(&outcome, into: &chunk.events)
    }
    chunk.tally = tally
    chunk.hold = hold
    tally = LineTally()
    hold = RecordHold()
    return chunk
  }

  /// Adds a stretch `decodeChunk` read, the next one in the file after what this decoder has
  /// read: its lead lines continue the record held now, which is then released before the
  /// stretch's own events, and the stretch's last record becomes the one held.
  func absorb(_ chunk: Chunk, into events: inout [Event]) {
    for line in chunk.lead {
      line.withUnsafeBufferPointer { continuation(TextSanitizer.display($0), $0) }
    }
    tally.absorb(chunk.tally)
    guard chunk.sawRecord else { return }
    hold.release(into: &events)
    events.append(contentsOf: chunk.events)
    hold = chunk.hold
  }
}
