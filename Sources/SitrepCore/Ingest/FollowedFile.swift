/// One file path being followed (or a rotated sibling read once). Identity matters: it owns open
/// descriptors and keeps its id and counters across rotations of the file at its path.
public final class FollowedFile {
  public let id: FileID
  public let path: String
  public let specIndex: Int
  public let spec: SourceSpec
  /// A rotated sibling (`x.log.1`, `x.log.2.gz`) read once, oldest first, before the live file.
  public let isRotated: Bool
  public internal(set) var status: SourceHealth

  let directory: String
  let name: String
  /// How to position the first open: a bounded tail at start-up, everything for files that
  /// appear later (they are new), everything for rotated siblings.
  var startAtBackfill: Bool

  /// The descriptor for what is at `path` now.
  var current: OpenFile?
  /// Old descriptors after a rename rotation, still read for late writes until their deadline.
  var draining: [OpenFile] = []
  /// What to report when the next file appears at the path.
  var pendingReset: ResetReason?
  /// Something may have changed: check at the next pump.
  var dirty = true
  /// Stopped reading because the byte budget ran out; more is waiting.
  var hasMore = false
  /// Stopped after its first lines in a planned headless read, waiting for its remainder to be read
  /// (see `SourceSet.readHeads`); not read again until `SourceSet.readOnce`.
  var isPaused = false
  /// inotify cannot tell us about this file (unreadable, missing directory): stat it periodically.
  var needsPolling = false
  /// Data arrived and `.quiet` has not been sent since.
  var quietPending = false
  var lastDataAt: EpochSeconds = 0
  /// Files this source read and closed, and how far (see `ResumePoint`), oldest first in order.
  var resumePoints: [ResumePoint.Key: ResumePoint] = [:]
  var resumeOrder: [ResumePoint.Key] = []
  /// For snapshot sources: the file as last read, to skip re-reading an unchanged file.
  var snapshotSeen: FileSystem.Info?

  init(
    id: FileID, path: String, specIndex: Int, spec: SourceSpec, isRotated: Bool,
    startAtBackfill: Bool
  ) {
    self.id = id
    self.path = path
    self.specIndex = specIndex
    self.spec = spec
    self.isRotated = isRotated
    self.startAtBackfill = startAtBackfill
    (directory, name) = FileSystem.splitPath(path)
    status = SourceHealth(path: path, specIndex: specIndex, fileID: id, state: .waiting)
    status.isRotated = isRotated
    status.namedBy = [spec.pattern]
    namingSpecs = [specIndex]
  }

  public var isSnapshot: Bool { spec.isSnapshot }

  /// Every spec that names this file (the first one decides its role, format and service).
  public private(set) var namingSpecs: Set<Int>

  /// Whether this follower is on the file with `identity`: through a descriptor it holds (its
  /// current file or one it still drains after a rotation), else through what its path names now.
  /// An identity seen once is not enough: after a file is deleted its inode may be reused by a new,
  /// unrelated file.
  func isFollowing(_ identity: FileIdentity) -> Bool {
    let open = (current.map { [$0] } ?? []) + draining
    if open.isEmpty { return FileIdentity(of: path) == identity }
    return open.contains { .inode(device: $0.info.device, inode: $0.info.inode) == identity }
  }

  /// Another spec named this file (the same path, a symlink to it, a second glob): it is still
  /// read once, and listed with what named it.
  func noteNamed(bySpec index: Int, pattern: String) {
    guard !namingSpecs.contains(index) else { return }
    namingSpecs.insert(index)
    if !status.namedBy.contains(pattern) { status.namedBy.append(pattern) }
  }

  /// A one-shot read is over (rotated sibling read, or `readOnce` finished): never touched again.
  var isFinished = false
  /// The watch a snapshot source keeps on its path.
  var snapshotWatch: Int32?

  /// Counts a line and passes it on.
  func deliver(_ line: LineBytes, _ flags: LineFlags, to sink: (IngestItem) -> Void) {
    status.lines += 1
    if flags.contains(.truncated) { status.truncated += 1 }
    if flags.contains(.invalidUTF8) { status.invalidUTF8 += 1 }
    if flags.contains(.nul) { status.withNUL += 1 }
    sink(.line(id, line, flags))
  }

  func noteData(bytes: Int, now: EpochSeconds) {
    guard bytes > 0 else { return }
    status.bytesRead += bytes
    lastDataAt = now
    quietPending = true
  }

  /// Sends `.quiet` once the file has been still for `quietSeconds`; emits a held partial line
  /// only after `holdSeconds` still (its newline may yet come), followed by another `.quiet`.
  func flushIfQuiet(
    now: EpochSeconds, quietSeconds: Double, holdSeconds: Double, _ sink: (IngestItem) -> Void
  ) {
    if holdsPartialLine && now - lastDataAt >= holdSeconds {
      flushPartialLines(sink)
      quietPending = true
    }
    guard quietPending, now - lastDataAt >= quietSeconds else { return }
    quietPending = false
    sink(.quiet(id))
  }

  /// Some descriptor holds the start of a line whose newline has not come yet.
  var holdsPartialLine: Bool {
    (current?.splitter.heldBytes ?? 0) > 0 || draining.contains { $0.splitter.heldBytes > 0 }
  }

  func flushPartialLines(_ sink: (IngestItem) -> Void) {
    for open in draining { open.splitter.flushPartialLine { deliver($0, $1, to: sink) } }
    current?.splitter.flushPartialLine { deliver($0, $1, to: sink) }
  }

  /// Closes a descriptor after emitting what it still held.
  func retire(_ open: OpenFile, registry: WatchRegistry, _ sink: (IngestItem) -> Void) {
    open.splitter.flushPartialLine { deliver($0, $1, to: sink) }
    rememberResumePoint(open)
    if let watch = open.watch { registry.release(watch, for: id) }
  }

  /// The earliest moment this file needs attention without any inotify event.
  func deadline(quietSeconds: Double, holdSeconds: Double) -> EpochSeconds? {
    var earliest: EpochSeconds?
    if quietPending { earliest = lastDataAt + quietSeconds }
    if holdsPartialLine {
      earliest = min(earliest ?? lastDataAt + holdSeconds, lastDataAt + holdSeconds)
    }
    for open in draining {
      earliest = min(earliest ?? open.drainUntil, open.drainUntil)
    }
    return earliest
  }
}

extension FollowedFile {
  /// Where a line this file just delivered starts, for the log view to read older lines from
  /// later. Asked only while the line is being handled (its bytes still point into a splitter),
  /// and only when raw lines are kept: the headless read never asks.
  func position(of line: LineBytes) -> LinePosition? {
    // Per line on the live path: the current file first, and no array built to look.
    if let open = current, let offset = open.splitter.fileOffset(of: line) {
      return LinePosition(offset: offset, device: open.info.device, inode: open.info.inode)
    }
    for open in draining {
      guard let offset = open.splitter.fileOffset(of: line) else { continue }
      return LinePosition(offset: offset, device: open.info.device, inode: open.info.inode)
    }
    return nil
  }
}
