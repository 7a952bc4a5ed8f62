/// What a source is doing right now, as the sources view and the JSON report show it.
public enum SourceState: Sendable, Equatable {
  case following
  /// The file (or any file matching the glob) does not exist yet; checked again periodically.
  case waiting
  /// Exists but cannot be read (permission denied, a directory, ...); retried, never fatal.
  case unreadable(String)
  /// A one-shot read (headless report, rotated sibling) has been read to its end.
  case done

  /// The word the JSON report uses: `following | waiting | unreadable | done`.
  public var label: String {
    switch self {
    case .following: "following"
    case .waiting: "waiting"
    case .unreadable: "unreadable"
    case .done: "done"
    }
  }
}

/// Per-file numbers a user needs to trust a source.
public struct SourceStatus: Sendable, Equatable {
  public var path: String
  /// Index into the `specs` the set was created with.
  public var specIndex: Int
  /// `nil` for the placeholder entry of a glob that matches nothing yet.
  public var fileID: FileID?
  public var state: SourceState
  /// True for a rotated sibling read once for backfill.
  public var isRotated: Bool = false
  public var bytesRead: Int = 0
  public var lines: Int = 0
  public var truncatedLines: Int = 0
  public var invalidUTF8Lines: Int = 0
  public var nulLines: Int = 0
  public var rotations: Int = 0
  public var truncations: Int = 0
  /// Bytes read from a copytruncate copy that would otherwise have been lost.
  public var recoveredBytes: Int = 0
  /// Lines older than the first one read were left unread: the start was bounded by bytes
  /// (`--backfill`, or the cap on a read by time), not found by time.
  public var leftOlderUnread = false
  /// When `leftOlderUnread`: the time of the first line read, from which this file's data is
  /// complete; `nil` when its lines carry no time sitrep can read there.
  public var coversFrom: EpochSeconds?
  /// When data was last read, by the clock passed to `pump`.
  public var lastReadAt: EpochSeconds?
  /// The paths and globs that name this file, as written (more than one when config and the
  /// command line, two globs or a symlink name the same file).
  public var namedBy: [String] = []

  public init(path: String, specIndex: Int, fileID: FileID?, state: SourceState) {
    self.path = path
    self.specIndex = specIndex
    self.fileID = fileID
    self.state = state
  }
}
