import Glibc

extension FollowedFile {
  /// Reads what is new, then looks at what the path points to now.
  ///
  /// Rotation by rename: the new file is opened first, the old descriptor is read to its end and
  /// kept (as `draining`) for late writes by a server that has not reopened its log yet; nothing
  /// is lost and nothing is read twice because each descriptor has its own offset.
  ///
  /// Copytruncate: the size dropping below our offset means the file was truncated, and reading
  /// restarts at 0. copytruncate itself has a window we cannot close: lines written between its
  /// copy and its truncate are in neither file for us (they went to the copy after our last read
  /// of the original, or were truncated away), and if the writer refills the file past our old
  /// offset before we look, we cannot see the truncation and skip what was written up to it.
  func readLive(_ environment: FollowEnvironment, budget: Int, _ sink: (IngestItem) -> Void)
    -> Int
  {
    var used = 0
    for open in draining {
      let outcome = open.read(budget: .max) { deliver($0, $1, to: sink) }
      if outcome.bytes > 0 {
        open.drainUntil = environment.now + environment.options.rotatedDrainSeconds
        open.lastDataAt = environment.now
        noteData(bytes: outcome.bytes, now: environment.now)
        used += outcome.bytes
      }
    }
    if current == nil && !openCurrent(environment, sink) { return used }
    guard let open = current else { return used }
    let outcome = readCurrent(open, environment, budget: max(0, budget - used), sink)
    used += outcome.bytes
    noteData(bytes: outcome.bytes, now: environment.now)
    if let error = outcome.error {
      retire(open, registry: environment.registry, sink)
      current = nil
      status.state = .unreadable(FileSystem.describe(errno: error))
      needsPolling = true
      return used
    }
    guard outcome.reachedEnd else {
      hasMore = true
      return used
    }
    hasMore = false
    checkWhatIsAtPath(environment, sink)
    return used
  }

  /// Reads the current file; in the first step of a planned headless read, only its first
  /// `pauseAfterLines` lines, leaving it open there (`isPaused`) for `SourceSet.remainder(of:)`.
  private func readCurrent(
    _ open: OpenFile, _ environment: FollowEnvironment, budget: Int,
    _ sink: (IngestItem) -> Void
  ) -> OpenFile.ReadOutcome {
    guard let pause = environment.pauseAfterLines, !open.isCompressed else {
      return open.read(budget: budget) { deliver($0, $1, to: sink) }
    }
    var lines = 0
    let outcome = open.read(
      budget: budget, stop: { lines >= pause },
      emit: {
        lines += 1
        deliver($0, $1, to: sink)
      })
    if !outcome.reachedEnd && outcome.error == nil && lines >= pause { isPaused = true }
    return outcome
  }

  /// Opens the file at the path. The first open at start-up is positioned for backfill; any
  /// later one (the file appeared, was re-created or rotated) starts at offset 0, unless this
  /// source read that very file before (a symlink switched back): then where it left off. With
  /// `catchUp`, after a rotation that left the path empty, generations rotated away in between
  /// are read first (the caller drains the file it held itself otherwise, then catches up).
  @discardableResult
  func openCurrent(
    _ environment: FollowEnvironment, _ sink: (IngestItem) -> Void, catchUp: Bool = true
  ) -> Bool {
    let registry = environment.registry
    let (descriptor, error) = FileSystem.openForReading(path)
    guard descriptor >= 0 else {
      if error == ENOENT {
        status.state = .waiting
        startAtBackfill = false  // when it appears, everything in it is new
      } else {
        status.state = .unreadable(FileSystem.describe(errno: error))
      }
      needsPolling = !registry.watchDirectory(directory) || error != ENOENT
      return false
    }
    guard let info = FileSystem.info(descriptor: descriptor), info.refusal == nil else {
      let why = FileSystem.info(descriptor: descriptor)?.refusal
      close(descriptor)
      status.state = .unreadable(why ?? FileSystem.describe(errno: EISDIR))
      registry.watchDirectory(directory)
      needsPolling = true
      return false
    }
    let open: OpenFile
    if let drained = takeBackDrained(info) {
      // Switched back (a symlink flipped away and back) while the old descriptor was drained.
      close(descriptor)
      open = drained
    } else {
      let start =
        startAtBackfill
        ? backfillStart(descriptor, info, environment) : resumeOffset(descriptor, info)
      open = OpenFile(
        descriptor: descriptor, info: info, offset: start,
        maxLineBytes: environment.options.maxLineBytes, gzip: false)
    }
    startAtBackfill = false
    if catchUp, pendingReset == .rotated, let held = draining.last?.info {
      // Rotated away while nothing was at the path: generations in between are read first.
      readMissedGenerations(after: held, before: open.info, environment, sink)
    }
    if open.watch == nil {
      open.watch = registry.watchFile(path, mask: InotifyWatcher.fileMask, for: id)
    }
    registry.watchDirectory(directory)
    needsPolling = open.watch == nil
    current = open
    status.state = .following
    if let reason = pendingReset {
      pendingReset = nil
      if reason == .rotated { status.rotations += 1 }
      sink(.reset(id, reason))
    }
    return true
  }

  /// Where the first read starts. By time: the first line at or after the moment, but never more
  /// than `backfillTimeMaxBytes` before the end. By bytes: the last `backfillBytes`. Whenever the
  /// start was set by a byte bound, the status records that older lines were left unread and the
  /// time of the first line read, so an answer can say what its data covers.
  private func backfillStart(
    _ descriptor: Int32, _ info: FileSystem.Info, _ environment: FollowEnvironment
  ) -> Int {
    let options = environment.options
    if options.fromStart || (spec.includeRotated && options.backfillSeconds == nil) { return 0 }
    let locator = BackfillLocator(
      descriptor: descriptor, size: info.size, maxLineBytes: options.maxLineBytes)
    let start: Int
    var byTime = false
    if let seconds = options.backfillSeconds, let probe = environment.timeProbe {
      let bound = locator.startForLast(bytes: options.backfillTimeMaxBytes)
      if let found = locator.startForTime(since: environment.now - seconds, probe: probe) {
        byTime = found >= bound
        start = max(found, bound)
      } else {
        // The probe does not know this file's times: bound by bytes.
        start = locator.startForLast(bytes: options.backfillBytes)
      }
    } else {
      start = locator.startForLast(bytes: options.backfillBytes)
    }
    if start > 0 && !byTime {
      status.leftOlderUnread = true
      status.coversFrom = environment.timeProbe.flatMap {
        locator.timeOfFirstLine(atOrAfter: start, probe: $0)
      }
    }
    return start
  }

  /// At end of file: truncated? replaced? gone?
  private func checkWhatIsAtPath(_ environment: FollowEnvironment, _ sink: (IngestItem) -> Void) {
    guard let open = current else { return }
    let registry = environment.registry
    if open.looksTruncated() {
      recoverFromCopy(open, environment, sink)
      // Held bytes were real content of the old generation: hand them over before restarting.
      open.splitter.flushPartialLine { deliver($0, $1, to: sink) }
      open.rewind()
      status.truncations += 1
      sink(.reset(id, .truncated))
      hasMore = true
      return
    }
    switch FileSystem.info(path: path) {
    case .found(let info) where info.sameFile(as: open.info):
      return
    case .found:
      // Another file has the path. Open it before finishing the old one, so that whatever the
      // writer put in the old file before creating the new one is read.
      let stillLinked = (FileSystem.info(descriptor: open.descriptor)?.linkCount ?? 0) > 0
      current = nil
      pendingReset = stillLinked ? .rotated : .recreated
      guard openCurrent(environment, sink, catchUp: false) else {
        keepDraining(open, environment, sink)
        if stillLinked { readMissedGenerations(after: open.info, before: nil, environment, sink) }
        return
      }
      keepDraining(open, environment, sink)
      if stillLinked {
        readMissedGenerations(after: open.info, before: current?.info, environment, sink)
      }
      hasMore = true
    case .failed(let error) where error == ENOENT || error == ENOTDIR:
      // Renamed away (a new file may follow) or deleted. Keep the old descriptor for late writes.
      let stillLinked = (FileSystem.info(descriptor: open.descriptor)?.linkCount ?? 0) > 0
      current = nil
      pendingReset = stillLinked ? .rotated : .recreated
      if stillLinked {
        keepDraining(open, environment, sink)
      } else {
        retire(open, registry: registry, sink)
      }
      status.state = .waiting
      needsPolling = !registry.watchDirectory(directory)
    case .failed:
      return  // e.g. a directory on the way became unsearchable: keep reading what we have
    }
  }

  /// Reads the rest of the truncated generation from logrotate's copy, through the same splitter
  /// so a line cut at our last read is completed.
  private func recoverFromCopy(
    _ open: OpenFile, _ environment: FollowEnvironment, _ sink: (IngestItem) -> Void
  ) {
    guard
      let copy = CopytruncateRecovery.openCopy(
        of: path, continuingAt: open.offset, after: open.recentBytes)
    else { return }
    defer { close(copy) }
    let bytes = open.readToEnd(of: copy) { deliver($0, $1, to: sink) }
    noteData(bytes: bytes, now: environment.now)
    status.recoveredBytes += bytes
  }

  private func keepDraining(
    _ open: OpenFile, _ environment: FollowEnvironment, _ sink: (IngestItem) -> Void
  ) {
    let outcome = open.read(budget: .max) { deliver($0, $1, to: sink) }
    noteData(bytes: outcome.bytes, now: environment.now)
    open.drainUntil = environment.now + environment.options.rotatedDrainSeconds
    open.lastDataAt = environment.now
    draining.append(open)
  }

  /// Closes old descriptors whose grace period for late writes is over.
  ///
  /// One that ends in the middle of a line is still being written (its writer has not finished
  /// the line), so it is kept until the line ends or `holdSeconds` pass without a byte, as a
  /// held partial line is anywhere else. Closed, it would emit the start of the line as a line
  /// of its own; and if the file came back to the path (a symlink flipped back while we were
  /// still reading the other target), its resume point would start after that start and read the
  /// rest as another line: one line counted twice, as two malformed ones (issue 19's soak).
  func closeDrainedFiles(
    now: EpochSeconds, holdSeconds: Double, registry: WatchRegistry,
    _ sink: (IngestItem) -> Void
  ) {
    guard !draining.isEmpty else { return }
    var kept: [OpenFile] = []
    for open in draining {
      guard now >= open.drainUntil else {
        kept.append(open)
        continue
      }
      let outcome = open.read(budget: .max) { deliver($0, $1, to: sink) }
      if outcome.bytes > 0 {
        noteData(bytes: outcome.bytes, now: now)
        open.lastDataAt = now
      }
      if open.splitter.heldBytes > 0, now < open.lastDataAt + holdSeconds {
        open.drainUntil = open.lastDataAt + holdSeconds
        kept.append(open)
        continue
      }
      retire(open, registry: registry, sink)
    }
    draining = kept
  }
}
