/// What a source is doing right now, as the sources view and the JSON report show it.
public enum SourceState: Sendable, Equatable {
  case following
  /// The file (or any file matching the glob) does not exist yet; checked again periodically.
  case waiting
  /// Exists but cannot be read (permission denied, a directory, ...); retried, never fatal.
  case unreadable(String)
  /// A one-shot read (headless report, rotated sibling) has been read to its end.
  case done
  /// A command source whose command ended (ssh could not connect, the host went away): why, and
  /// when it is tried again. Never shown as a quiet source.
  case failing(String)
  /// The files a glob matched that are gone (deleted, not back within
  /// `FollowOptions.vanishedRetireSeconds`): one row per glob with their summed counts.
  case vanished

  /// Whether the source is still giving what it has: a source that is waiting, unreadable (or,
  /// for a command, exited and restarting) is not, and a host none of whose sources answer is
  /// unreachable, not quiet (`HostBreakdown`). Kinds added later are not answering unless listed.
  public var isAnswering: Bool {
    switch self {
    // A vanished row sums retired files: it stands for no host's live source.
    case .following, .done, .vanished: true
    default: false
    }
  }

  /// The word the JSON report uses: `following | waiting | unreadable | done | failing | vanished`.
  public var label: String {
    switch self {
    case .following: "following"
    case .waiting: "waiting"
    case .unreadable: "unreadable"
    case .done: "done"
    case .failing: "failing"
    case .vanished: "vanished"
    }
  }
}

/// What the user needs to trust one source: what it is, what was read, what could not be. The
/// one health type: the follower (`FollowedFile`) keeps the reading half up to date as it reads,
/// and the pipeline adds what decoding learned (role, format, malformed and future lines, zone).
public struct SourceHealth: Sendable, Equatable {
  /// The follower's own state (following, waiting, unreadable, done).
  public typealias State = SourceState

  public var path: String
  /// Index into the specs the source set was made with.
  var specIndex = 0
  /// `nil` for the placeholder entry of a glob that matches nothing yet.
  var fileID: FileID?
  /// A rotated sibling read once for backfill.
  public var isRotated = false
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
  /// Lines cut at the line-length bound.
  public var truncated: Int
  /// Lines holding bytes that are not UTF-8 (shown with U+FFFD) or a NUL byte: read, but a sign
  /// the file is not the text log it seems.
  public var invalidUTF8 = 0
  public var withNUL = 0
  public var rotations: Int
  /// Times the file shrank under the reader (copytruncate), and the bytes read back from the copy.
  public var truncations = 0
  public var recoveredBytes = 0
  public var recentMalformed: [String]
  /// Lines older than the first one read were left unread: the start was bounded by bytes
  /// (`--backfill`, or the cap on a read by time), not found by time.
  public var leftOlderUnread: Bool
  /// When `leftOlderUnread`: the time of the first line read; `nil` when unknown.
  public var coversFrom: EpochSeconds?
  /// The zone of the source's zoneless stamps and where it came from; `nil` before the format is
  /// known and for metrics snapshots.
  public var zone: ZoneAssumption?
  /// Why a read stopped before the end of the file (a gzip past its bound), `nil` when it did not.
  public var stoppedEarly: String?
  /// The paths and globs that name this file; more than one when it was named twice (read once).
  public var namedBy: [String] = []
  /// Command sources (`[[source]] command`, `HOST:/path`, `journal:`, `docker:`): the argv run.
  public var command: [String]?
  /// The machine the source reads from (`[[source]] host`, `HOST:` of a shorthand), `nil` for
  /// this one.
  public var host: String?
  /// How the command last ended ("exited with status 255"), nil while it never has.
  public var lastExit: String?
  /// The last lines the command wrote to its standard error, oldest first (sanitised).
  public var stderrTail: [String] = []
  /// Times the command was started again after it ended.
  public var restarts = 0
  /// On a `vanished` row: how many files its counts add up.
  public var vanishedFiles = 0

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

  /// The reading half, as a follower starts it.
  init(path: String, specIndex: Int, fileID: FileID?, state: State) {
    self.init(path: path, state: state)
    self.specIndex = specIndex
    self.fileID = fileID
  }

  /// A one-line complaint when the source needs attention, `nil` when it is fine.
  public var trouble: String? {
    switch state {
    case .unreadable(let why): return "unreadable: \(why)"
    case .failing(let why): return why
    case .waiting: return "waiting for file"
    default: break
    }
    if let why = stoppedEarly { return why }
    // A vanished row sums files of possibly several formats: it has none of its own.
    if detection == nil && lines > 0 && state != .vanished { return "format not recognised" }
    if lines > 0 && malformed * 10 > lines { return "\(malformed) of \(lines) lines malformed" }
    if future > 0 {
      return "\(future) lines stamped more than \(Formatting.duration(FutureHorizon.seconds)) "
        + "ahead of now, left out"
    }
    return nil
  }
}
