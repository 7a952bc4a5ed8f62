import Glibc

extension FollowedFile {
  /// A rotated sibling: read whole (gzip too) once, then closed and marked done. With a time
  /// window, siblings last modified before it hold only older lines and are skipped unread.
  func readRotated(_ environment: FollowEnvironment, budget: Int, _ sink: (IngestItem) -> Void)
    -> Int
  {
    if current == nil {
      let (descriptor, error) = FileSystem.openForReading(path)
      // Rotated further away or unreadable: a one-shot backfill does not wait for it.
      guard descriptor >= 0 else {
        status.state = error == ENOENT ? .done : .unreadable(FileSystem.describe(errno: error))
        isFinished = true
        return 0
      }
      guard let info = FileSystem.info(descriptor: descriptor), info.isRegular else {
        close(descriptor)
        status.state = .unreadable(FileSystem.describe(errno: EISDIR))
        isFinished = true
        return 0
      }
      if let seconds = environment.options.backfillSeconds,
        info.modifiedSeconds < environment.now - seconds
      {
        close(descriptor)
        status.state = .done
        isFinished = true
        return 0
      }
      current = OpenFile(
        descriptor: descriptor, info: info, offset: 0,
        maxLineBytes: environment.options.maxLineBytes,
        gzip: path.hasSuffix(RotatedName.readableCompression))
      current?.decompressedLimit = environment.options.gzipLimit(compressed: info.size)
      status.state = .following
    }
    guard let open = current else { return 0 }
    let outcome = open.read(budget: budget) { deliver($0, $1, to: sink) }
    noteData(bytes: outcome.bytes, now: environment.now)
    guard outcome.reachedEnd else {
      hasMore = true
      return outcome.bytes
    }
    hasMore = false
    if outcome.stoppedAtLimit {
      status.stoppedEarly =
        "gzip read stopped at \(Self.mebibytes(open.offset)) decompressed from "
        + "\(Self.mebibytes(open.info.size)) (bound: \(environment.options.gzipMaxRatio)x, "
        + "at most \(Self.mebibytes(environment.options.gzipMaxBytes))): the rest is unread"
    }
    finishOneShot(environment.registry, sink)
    if let error = outcome.error { status.state = .unreadable(FileSystem.describe(errno: error)) }
    return outcome.bytes
  }

  /// `4.6 MiB`: sizes in a source's note.
  static func mebibytes(_ bytes: Int) -> String {
    let tenths = bytes / ((1 << 20) / 10)
    return "\(tenths / 10).\(tenths % 10) MiB"
  }

  /// End of a one-shot read: emit what is held, tell the caller to flush, close, mark done.
  func finishOneShot(_ registry: WatchRegistry, _ sink: (IngestItem) -> Void) {
    for open in draining { retire(open, registry: registry, sink) }
    draining = []
    if let open = current { retire(open, registry: registry, sink) }
    current = nil
    if let watch = snapshotWatch { registry.release(watch, for: id) }
    snapshotWatch = nil
    if !isSnapshot { sink(.quiet(id)) }
    quietPending = false
    isFinished = true
    hasMore = false
    if status.state == .following { status.state = .done }
  }

  /// A snapshot source (metrics): whenever the file changed, read it whole and end the snapshot.
  func readSnapshot(_ environment: FollowEnvironment, _ sink: (IngestItem) -> Void) -> Int {
    let registry = environment.registry
    let (descriptor, error) = FileSystem.openForReading(path)
    guard descriptor >= 0 else {
      status.state = error == ENOENT ? .waiting : .unreadable(FileSystem.describe(errno: error))
      needsPolling = !registry.watchDirectory(directory) || error != ENOENT
      return 0
    }
    guard let info = FileSystem.info(descriptor: descriptor), info.refusal == nil else {
      let why = FileSystem.info(descriptor: descriptor)?.refusal
      close(descriptor)
      status.state = .unreadable(why ?? FileSystem.describe(errno: EISDIR))
      needsPolling = true
      return 0
    }
    registry.watchDirectory(directory)
    let watch = registry.watchFile(path, mask: InotifyWatcher.snapshotMask, for: id)
    if let old = snapshotWatch, old != watch { registry.release(old, for: id) }
    snapshotWatch = watch
    needsPolling = watch == nil
    status.state = .following
    if info == snapshotSeen {
      close(descriptor)
      return 0
    }
    let open = OpenFile(
      descriptor: descriptor, info: info, offset: 0,
      maxLineBytes: environment.options.maxLineBytes, gzip: false)
    let outcome = open.read(budget: .max) { deliver($0, $1, to: sink) }
    // A last line without newline is still part of a complete snapshot.
    open.splitter.flushPartialLine(flags: []) { deliver($0, $1, to: sink) }
    snapshotSeen = info
    status.bytesRead += outcome.bytes
    sink(.snapshotEnd(id))
    return outcome.bytes
  }
}
