/// Where an error was seen: a service's app log or a job.
public struct ErrorOrigin: Sendable, Equatable, Hashable {
  public var service: String?
  public var job: String?
  public init(service: String? = nil, job: String? = nil) {
    self.service = service
    self.job = job
  }
}

/// One group of errors sharing a fingerprint.
public struct ErrorSignature: Sendable, Equatable {
  public var key: String
  public var display: String
  public var type: String
  /// An exception, a plain ERROR record, or a record that only repeats a failed request.
  public var kind: ErrorKind
  public var count: Int
  public var firstSeen: EpochSeconds
  public var lastSeen: EpochSeconds
  /// The most recent occurrence's message and traceback.
  public var sample: ExceptionInfo
  public var origin: ErrorOrigin
  /// Times of the latest occurrences, newest last (bounded by `ErrorSignatures.maxRecent`), for
  /// the drill-down.
  public var recent: [EpochSeconds]
  /// Occurrences per second over the last 80 minutes: the windowed counts past `recent`.
  public var occurrences = OccurrenceSeconds()
  /// The hosts it came from, sorted (sources that name their host; bounded by `maxHosts`).
  public var hosts: [String] = []
  public static let maxHosts = 32

  mutating func noteHost(_ host: String?) {
    guard let host, hosts.count < Self.maxHosts else { return }
    let i = hosts.firstIndex { $0 >= host } ?? hosts.endIndex
    if i < hosts.endIndex && hosts[i] == host { return }
    hosts.insert(host, at: i)
  }

  public func count(since: EpochSeconds) -> Int { count(from: since, through: .infinity) }

  /// Occurrences from `from` to `to`, both included. Exact from the kept times while they reach
  /// back to `from`; past them, by whole seconds (the second holding `from` counts whole).
  public func count(from: EpochSeconds, through to: EpochSeconds) -> Int {
    if recent.count >= count || (recent.min().map { $0 < from } ?? true) {
      return recent.lazy.filter { $0 >= from && $0 <= to }.count
    }
    return occurrences.count(from: from, through: to)
  }
}

/// All error signatures, bounded: beyond `maxSignatures` the least recently seen are evicted.
public struct ErrorSignatures: Sendable {
  public static let maxSignatures = 500
  public static let maxRecent = 200
  public private(set) var byKey: [String: ErrorSignature] = [:]
  /// First-seen times of evicted signatures, so a returning one is not new.
  private var evicted = EvictedFirstSeen()

  public init() {}

  /// An exception (from a traceback, an `error=` field, or a failed job).
  public mutating func record(
    _ ex: ExceptionInfo, at time: EpochSeconds, origin: ErrorOrigin, host: String? = nil
  ) {
    record(
      key: ErrorFingerprint.key(type: ex.type, message: ex.message, frame: ex.topFrame),
      kind: .exception, sample: ex, at: time, origin: origin, host: host
    ) { ErrorFingerprint.display(type: ex.type, message: ex.message, frame: ex.topFrame) }
  }

  /// An ERROR (or worse) record: by its exception when it has one, otherwise by logger and
  /// message template, as a request echo when it only repeats a failed request.
  public mutating func record(log r: LogRecord, origin: ErrorOrigin, host: String? = nil) {
    if let ex = r.exception {
      record(ex, at: r.time, origin: origin, host: host)
      return
    }
    let sample = ExceptionInfo(type: r.logger ?? r.level.label, message: r.message)
    record(
      key: ErrorFingerprint.logKey(logger: r.logger, message: r.message),
      kind: RequestEcho.isEcho(r) ? .request : .log, sample: sample, at: r.time, origin: origin,
      host: host
    ) { ErrorFingerprint.logDisplay(logger: r.logger, level: r.level, message: r.message) }
  }

  private mutating func record(
    key: String, kind: ErrorKind, sample: ExceptionInfo, at time: EpochSeconds,
    origin: ErrorOrigin, host: String?, display: () -> String
  ) {
    if var sig = byKey[key] {
      sig.noteHost(host)
      sig.count += 1
      sig.firstSeen = Swift.min(sig.firstSeen, time)
      if time >= sig.lastSeen {
        sig.lastSeen = time
        sig.sample = sample
      }
      sig.recent.append(time)
      sig.occurrences.add(at: time)
      if sig.recent.count > Self.maxRecent {
        sig.recent.removeFirst(sig.recent.count - Self.maxRecent)
      }
      byKey[key] = sig
      return
    }
    if byKey.count >= Self.maxSignatures,
      let oldest = byKey.values.min(by: { $0.lastSeen < $1.lastSeen })
    {
      evicted.remember(key: oldest.key, firstSeen: oldest.firstSeen)
      byKey[oldest.key] = nil
    }
    let firstSeen = evicted.firstSeen(key: key).map { Swift.min($0, time) } ?? time
    var sig = ErrorSignature(
      key: key, display: display(), type: sample.type, kind: kind, count: 1,
      firstSeen: firstSeen, lastSeen: time, sample: sample, origin: origin, recent: [time])
    sig.occurrences.add(at: time)
    sig.noteHost(host)
    byKey[key] = sig
  }

  /// Signatures seen in the window: exceptions and plain ERROR records first, records that only
  /// repeat a failed request after them (the cause before its echo); most frequent first within.
  public func active(since: EpochSeconds) -> [ErrorSignature] {
    byKey.values.filter { $0.lastSeen >= since }
      .map { (sig: $0, count: $0.count(since: since)) }
      .sorted {
        if $0.sig.kind.rank != $1.sig.kind.rank { return $0.sig.kind.rank < $1.sig.kind.rank }
        if ($0.count, $0.sig.lastSeen) != ($1.count, $1.sig.lastSeen) {
          return ($0.count, $0.sig.lastSeen) > ($1.count, $1.sig.lastSeen)
        }
        // Equal counts and times in key order: the same list on every redraw and report.
        return $0.sig.key < $1.sig.key
      }
      .map(\.sig)
  }
}
