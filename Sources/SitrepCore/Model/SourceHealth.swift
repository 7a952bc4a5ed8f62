/// What the user needs to trust one source: what it is, what was read, what could not be.
public struct SourceHealth: Sendable, Equatable {
  /// The follower's own state (following, waiting, unreadable, done).
  public typealias State = SourceState

  public var path: String
  public var role: SourceRole?
  public var service: String?
  public var detection: Detection?
  public var state: State
  public var bytesRead: Int
  public var lines: Int
  public var malformed: Int
  /// Lines stamped more than `FutureHorizon.seconds` after now (or `--at`): read and parsed, but
  /// left out of every number.
  public var future: Int
  public var truncated: Int
  public var rotations: Int
  public var recentMalformed: [String]
  /// Older lines of the file were left unread (see `SourceStatus.leftOlderUnread`).
  public var leftOlderUnread: Bool
  /// When `leftOlderUnread`: the time of the first line read; `nil` when unknown.
  public var coversFrom: EpochSeconds?
  /// The zone of the source's zoneless stamps and where it came from; `nil` before the format is
  /// known and for metrics snapshots.
  public var zone: ZoneAssumption?
  /// The paths and globs that name this file; more than one when it was named twice (read once).
  public var namedBy: [String] = []

  public init(
    path: String, role: SourceRole? = nil, service: String? = nil, detection: Detection? = nil,
    state: State, bytesRead: Int = 0, lines: Int = 0, malformed: Int = 0, future: Int = 0,
    truncated: Int = 0,
    rotations: Int = 0, recentMalformed: [String] = [], leftOlderUnread: Bool = false,
    coversFrom: EpochSeconds? = nil, zone: ZoneAssumption? = nil
  ) {
    self.zone = zone
    self.path = path
    self.role = role
    self.service = service
    self.detection = detection
    self.state = state
    self.bytesRead = bytesRead
    self.lines = lines
    self.malformed = malformed
    self.future = future
    self.truncated = truncated
    self.rotations = rotations
    self.recentMalformed = recentMalformed
    self.leftOlderUnread = leftOlderUnread
    self.coversFrom = coversFrom
  }

  /// A one-line complaint when the source needs attention, `nil` when it is fine.
  public var trouble: String? {
    switch state {
    case .unreadable(let why): return "unreadable: \(why)"
    case .waiting: return "waiting for file"
    default: break
    }
    if detection == nil && lines > 0 { return "format not recognised" }
    if lines > 0 && malformed * 10 > lines { return "\(malformed) of \(lines) lines malformed" }
    if future > 0 {
      return "\(future) lines stamped more than \(Formatting.duration(FutureHorizon.seconds)) "
        + "ahead of now, left out"
    }
    return nil
  }
}
