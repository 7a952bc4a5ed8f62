/// The log view asks for lines its files still hold beyond what it has: before the oldest line it
/// holds of each file, or after the newest of an older page (when the page bound dropped the lines
/// below it). The model thread answers with a `BackReadPage`.
public struct BackReadRequest: Sendable, Equatable {
  public enum Direction: Sendable, Equatable {
    case older
    case newer
  }

  /// One file's edge: the line to read on from, and for `newer` the offset to stop before.
  public struct Anchor: Sendable, Equatable {
    public var path: String
    public var position: LinePosition
    /// The line's read time, given to the lines read back (they were written before it).
    public var readAt: EpochSeconds
    public var until: Int?
    /// The line's text as it was shown: the file must still hold it at `position`, or it changed.
    public var text: String?

    public init(
      path: String, position: LinePosition, readAt: EpochSeconds, until: Int? = nil,
      text: String? = nil
    ) {
      self.path = path
      self.position = position
      self.readAt = readAt
      self.until = until
      self.text = text
    }
  }

  /// Told back with the page, so an answer to an earlier request is known and dropped.
  public var id: Int
  public var direction: Direction
  public var anchors: [Anchor]
  /// Lines read per file at most (a page also ends at a record's first line, and at
  /// `LineBackReader.maxPageBytes`).
  public var pageLines: Int
  /// A search going on past the lines held: pages of one file are read on, older and older,
  /// until one has a line it matches (see `IngestPipeline.readBack(_:until:)`).
  public var search: String?

  public init(
    id: Int, direction: Direction, anchors: [Anchor], pageLines: Int, search: String? = nil
  ) {
    self.id = id
    self.direction = direction
    self.anchors = anchors
    self.pageLines = pageLines
    self.search = search
  }
}

/// Lines read back from the files for one request, in file order per file, merged by their
/// stated time across files.
public struct BackReadPage: Sendable, Equatable {
  /// What became of one file's read.
  public struct Outcome: Sendable, Equatable {
    public var path: String
    public var linesRead: Int
    /// Older: the file's first line is in the page. Newer: the page reached `until`.
    public var reachedEnd: Bool
    /// The file was rotated away, re-created or truncated since its lines were read: what came
    /// before them is gone from the path.
    public var changed: Bool
    /// The source cannot be read back (a command's output, a compressed file, no format yet).
    public var unreadable: Bool

    public init(
      path: String, linesRead: Int = 0, reachedEnd: Bool = false, changed: Bool = false,
      unreadable: Bool = false
    ) {
      self.path = path
      self.linesRead = linesRead
      self.reachedEnd = reachedEnd
      self.changed = changed
      self.unreadable = unreadable
    }
  }

  public var requestID: Int
  public var direction: BackReadRequest.Direction
  public var lines: [ArchivedLine]
  public var outcomes: [Outcome]
  /// Lines a search read and passed over between this page and the lines the view holds: the
  /// view then holds this page alone, with a gap below it.
  public var passedOver: Int

  public init(
    requestID: Int, direction: BackReadRequest.Direction, lines: [ArchivedLine],
    outcomes: [Outcome], passedOver: Int = 0
  ) {
    self.requestID = requestID
    self.direction = direction
    self.lines = lines
    self.outcomes = outcomes
    self.passedOver = passedOver
  }

  /// Merges per-file pages by the time each line states (a line stating none keeps its place
  /// after the line above it in its file), stable within a file.
  public static func merged(_ perFile: [[ArchivedLine]]) -> [ArchivedLine] {
    guard perFile.count > 1 else { return perFile.first ?? [] }
    var keyed: [(key: EpochSeconds, file: Int, index: Int, line: ArchivedLine)] = []
    for (f, lines) in perFile.enumerated() {
      var last = -EpochSeconds.infinity
      for (i, line) in lines.enumerated() {
        if let stamped = line.stamped { last = max(last, stamped) }
        keyed.append((last, f, i, line))
      }
    }
    keyed.sort { a, b in
      if a.key != b.key { return a.key < b.key }
      if a.file != b.file { return a.file < b.file }
      return a.index < b.index
    }
    return keyed.map(\.line)
  }
}
