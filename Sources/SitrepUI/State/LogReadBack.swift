import SitrepCore

/// What the log view holds beyond the lines kept in memory: pages read back from the files on
/// demand (scrolling up past the oldest kept line, `g`, a search going on past the top), bounded,
/// and what is known about each file's edge (its first line reached, changed since, not readable).
public struct LogReadBack: Sendable, Equatable {
  /// Lines read per file in one request.
  public static let pageLines = 2000
  /// Lines read back held at once; past it the ones at the far end from the reading are dropped.
  public static let maxHeld = 3 * pageLines

  /// What to do once the page asked for arrives.
  public enum Then: Sendable, Equatable {
    /// Keep the lines shown where they are (the page lands above them).
    case stay
    /// Show the page's first line at the top (`g`).
    case top
    /// Carry on the search the way it went (`n`/`N` past the edge).
    case search(forward: Bool)
  }

  /// Read back, older than the kept lines, in file order (merged by time across files).
  public var lines: [ArchivedLine] = []
  /// The request in flight, and what to do with its answer.
  public var pending: BackReadRequest?
  public var then: Then = .stay
  /// The number the next request carries (answers to older ones are dropped).
  public var nextID = 1
  /// The page bound dropped read-back lines between these and the kept lines: the kept lines
  /// are not shown until reading on down reaches them again (or `G` returns to the end).
  public var gapBelow = false
  /// Files whose first line is held.
  public var startReached: Set<String> = []
  /// Files rotated away, re-created or truncated since: nothing before what is held can be read.
  public var changed: Set<String> = []
  /// Files whose lines have no place in a file to read from (a command's output, gzip).
  public var unreadable: Set<String> = []

  public init() {}

  public var isReading: Bool { pending != nil }
}

extension LogViewState {
  /// Shows the read-back lines with the kept ones (or alone, across a gap), in the order of the
  /// times the lines state: a view of several files holds each file from its own first line, and
  /// a page of older lines of a busy file is newer than the kept lines of a quiet one.
  mutating func showHeld() {
    lines = readBack.gapBelow ? readBack.lines : Self.mergedByTime(readBack.lines, kept)
  }

  /// Two runs of held lines as one, by the time each line states (a traceback line its record's;
  /// a line stating none goes with the line before it), on equal times `first`'s line first. Each
  /// run keeps its own order, so a record is never split.
  static func mergedByTime(_ first: [ArchivedLine], _ second: [ArchivedLine]) -> [ArchivedLine] {
    if first.isEmpty { return second }
    if second.isEmpty { return first }
    var out: [ArchivedLine] = []
    out.reserveCapacity(first.count + second.count)
    var (i, j) = (0, 0)
    var (keyI, keyJ) = (-EpochSeconds.infinity, -EpochSeconds.infinity)
    while i < first.count && j < second.count {
      keyI = first[i].stamped ?? keyI
      keyJ = second[j].stamped ?? keyJ
      if keyI <= keyJ {
        out.append(first[i])
        i += 1
      } else {
        out.append(second[j])
        j += 1
      }
    }
    out.append(contentsOf: first[i...])
    out.append(contentsOf: second[j...])
    return out
  }

  /// The line shown at `row`, to find it again once the held lines are laid out anew.
  private func shownLine(atRow row: Int) -> ArchivedLine? {
    let visible = visibleIndices
    return visible.indices.contains(row) ? lines[visible[row]] : nil
  }

  /// The row `line` shows at now, if it still shows.
  private func row(of line: ArchivedLine?) -> Int? {
    guard let line, let index = lines.firstIndex(of: line) else { return nil }
    return visibleIndices.firstIndex(of: index)
  }

  /// Each file's first line shown, with a position to read on from.
  func firstShown() -> [(path: String, line: ArchivedLine)] {
    var seen: Set<String> = []
    var out: [(String, ArchivedLine)] = []
    for line in lines where !seen.contains(line.path) {
      seen.insert(line.path)
      out.append((line.path, line))
    }
    return out
  }

  /// The request for the page before the first line shown of each file that has more to give;
  /// `nil` when none has (each file's first line is held, or the file changed).
  mutating func olderRequest() -> BackReadRequest? {
    var anchors: [BackReadRequest.Anchor] = []
    for (path, line) in firstShown() {
      let b = readBack
      if b.startReached.contains(path) || b.changed.contains(path) || b.unreadable.contains(path) {
        continue
      }
      guard let position = line.position else {
        readBack.unreadable.insert(path)
        continue
      }
      if position.offset == 0 {
        readBack.startReached.insert(path)
        continue
      }
      anchors.append(.init(path: path, position: position, readAt: line.time, text: line.text))
    }
    guard !anchors.isEmpty else { return nil }
    return request(.older, anchors)
  }

  /// The request for the lines between the read-back lines and the kept ones, after a gap.
  mutating func newerRequest() -> BackReadRequest? {
    guard readBack.gapBelow else { return nil }
    var anchors: [BackReadRequest.Anchor] = []
    var lastOf: [String: ArchivedLine] = [:]
    var order: [String] = []
    for line in readBack.lines where line.position != nil {
      if lastOf[line.path] == nil { order.append(line.path) }
      lastOf[line.path] = line
    }
    for path in order {
      guard let line = lastOf[path], let position = line.position else { continue }
      let until = kept.first { $0.path == path }?.position?.offset
      anchors.append(
        .init(path: path, position: position, readAt: line.time, until: until, text: line.text))
    }
    guard !anchors.isEmpty else {
      readBack.gapBelow = false
      showHeld()
      return nil
    }
    return request(.newer, anchors)
  }

  private mutating func request(
    _ direction: BackReadRequest.Direction, _ anchors: [BackReadRequest.Anchor]
  ) -> BackReadRequest {
    let request = BackReadRequest(
      id: readBack.nextID, direction: direction, anchors: anchors,
      pageLines: LogReadBack.pageLines)
    readBack.nextID += 1
    readBack.pending = request
    return request
  }

  /// Forgets every line read back: the view shows the kept lines again.
  mutating func dropReadBack() {
    let next = readBack.nextID
    readBack = LogReadBack()
    readBack.nextID = next
    showHeld()
  }

  /// How many of `lines` pass the filter.
  func visibleCount(_ some: [ArchivedLine]) -> Int {
    guard !filter.isEmpty else { return some.count }
    let pattern = LinePattern(filter)
    return some.reduce(0) { $0 + (pattern.matches($1.text) ? 1 : 0) }
  }

  /// Takes a page the model thread read. Lines above keep their place on the screen; the bound
  /// drops the far end. `false` when the page answers an older request (dropped).
  mutating func take(_ page: BackReadPage) -> Bool {
    guard let pending = readBack.pending, pending.id == page.requestID else { return false }
    readBack.pending = nil
    for outcome in page.outcomes {
      if outcome.changed { readBack.changed.insert(outcome.path) }
      if outcome.unreadable { readBack.unreadable.insert(outcome.path) }
      if page.direction == .older && outcome.reachedEnd {
        readBack.startReached.insert(outcome.path)
      }
    }
    let shownBefore = visibleIndices.count
    let bottomRow = bottom ?? (shownBefore - 1)
    switch page.direction {
    case .older where page.passedOver > 0:
      // A search read on past lines it did not keep: this page alone, a gap below it.
      readBack.lines = page.lines
      readBack.gapBelow = true
      cursor = nil
      showHeld()
      bottom = max(0, visibleIndices.count - 1)
    case .older:
      // The screen keeps the lines it showed: found again by identity, since the page's lines
      // of one file may fall between the held lines of another.
      let bottomLine = shownLine(atRow: bottomRow)
      let cursorLine = cursor.map { lines[$0] }
      readBack.lines = Self.mergedByTime(page.lines, readBack.lines)
      let excess = readBack.lines.count - LogReadBack.maxHeld
      if excess > 0 {
        // The newest read-back lines go (and the kept ones with them, out of sight).
        readBack.lines.removeLast(excess)
        readBack.gapBelow = true
      }
      showHeld()
      bottom = max(
        0, min(row(of: bottomLine) ?? (visibleIndices.count - 1), visibleIndices.count - 1))
      cursor = cursorLine.flatMap { lines.firstIndex(of: $0) }
    case .newer:
      let reached = page.outcomes.allSatisfy { $0.reachedEnd || $0.changed || $0.unreadable }
      let bottomLine = shownLine(atRow: bottomRow)
      let cursorLine = cursor.map { lines[$0] }
      readBack.lines = Self.mergedByTime(readBack.lines, page.lines)
      if reached { readBack.gapBelow = false }
      let excess = readBack.lines.count - LogReadBack.maxHeld
      if excess > 0 {
        let dropped = Array(readBack.lines.prefix(excess))
        readBack.lines.removeFirst(excess)
        readBack.startReached.subtract(Set(dropped.map(\.path)))
      }
      showHeld()
      bottom = max(0, min(row(of: bottomLine) ?? 0, visibleIndices.count - 1))
      cursor = cursorLine.flatMap { lines.firstIndex(of: $0) }
    }
    return true
  }
}
