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
  public var count: Int
  public var firstSeen: EpochSeconds
  public var lastSeen: EpochSeconds
  /// The most recent occurrence's message and traceback.
  public var sample: ExceptionInfo
  public var origin: ErrorOrigin
  /// Times of the latest occurrences, newest last (bounded), for the drill-down and windowed counts.
  public var recent: [EpochSeconds]

  public func count(since: EpochSeconds) -> Int { recent.filter { $0 >= since }.count }
}

/// All error signatures, bounded: beyond `maxSignatures` the least recently seen are evicted.
public struct ErrorSignatures: Sendable {
  public static let maxSignatures = 500
  public static let maxRecent = 200
  public private(set) var byKey: [String: ErrorSignature] = [:]

  public init() {}

  public mutating func record(_ ex: ExceptionInfo, at time: EpochSeconds, origin: ErrorOrigin) {
    let key = ErrorFingerprint.key(type: ex.type, message: ex.message, frame: ex.topFrame)
    if var sig = byKey[key] {
      sig.count += 1
      sig.firstSeen = Swift.min(sig.firstSeen, time)
      if time >= sig.lastSeen {
        sig.lastSeen = time
        sig.sample = ex
      }
      sig.recent.append(time)
      if sig.recent.count > Self.maxRecent {
        sig.recent.removeFirst(sig.recent.count - Self.maxRecent)
      }
      byKey[key] = sig
    } else {
      if byKey.count >= Self.maxSignatures,
        let oldest = byKey.values.min(by: { $0.lastSeen < $1.lastSeen })
      {
        byKey[oldest.key] = nil
      }
      byKey[key] = ErrorSignature(
        key: key,
        display: ErrorFingerprint.display(type: ex.type, message: ex.message, frame: ex.topFrame),
        type: ex.type, count: 1, firstSeen: time, lastSeen: time, sample: ex, origin: origin,
        recent: [time])
    }
  }

  /// Signatures seen in the window, most frequent first.
  public func active(since: EpochSeconds) -> [ErrorSignature] {
    byKey.values.filter { $0.lastSeen >= since }
      .sorted { ($0.count(since: since), $0.lastSeen) > ($1.count(since: since), $1.lastSeen) }
  }
}
