/// Every file of the configured sources, followed like `tail -F`: globs expanded (and rescanned),
/// rotated siblings read first when asked, rotation/truncation/re-creation survived, partial and
/// hostile lines bounded. Single-threaded: the run loop calls `pump` when `wakeDescriptor` is
/// readable or `nextTimeoutMs` has passed.
public final class SourceSet {
  public let specs: [SourceSpec]
  public let options: FollowOptions
  /// Specs with a `*` or `?`: globs for good. Those with only a `[` are globs while no file has
  /// that very name (`SourceSpec.isGlob`), so they are asked again each time.
  private let wildcardGlobs: Bool
  private let bracketOnlySpecs: [Int]
  public private(set) var files: [FollowedFile] = []

  private let registry: WatchRegistry
  private let timeProbe: BackfillLocator.TimeProbe?
  private var started = false
  private var nextStatPollAt: EpochSeconds = 0
  private var nextRescanAt: EpochSeconds = 0
  private var rescanRequested = false
  /// Every name a followed file was found under (its path, symlinks and other spellings of it).
  private var fileAtPath: [String: FollowedFile] = [:]
  private var fileWithIdentity: [FileIdentity: FollowedFile] = [:]
  private var fileWithID: [FileID: FollowedFile] = [:]
  private var nextID = 0
  /// Commands and remote files (`CommandSources`), followed next to the files.
  private let commands: CommandSources
  /// Glob matches gone since when (see `FollowOptions.vanishedRetireSeconds`).
  private var vanishedSince: [FileID: EpochSeconds] = [:]
  /// Files retired since the caller last asked, with their final reading health.
  private var retired: [SourceHealth] = []

  /// - Parameter timeProbe: reads a line's own time, for `backfillSeconds`; without one the
  ///   backfill is by bytes.
  public init(
    specs: [SourceSpec], options: FollowOptions = FollowOptions(),
    timeProbe: ((LineBytes) -> EpochSeconds?)? = nil
  ) {
    self.specs = specs
    self.options = options
    self.timeProbe = timeProbe
    wildcardGlobs = specs.contains(where: \.hasWildcard)
    bracketOnlySpecs = specs.indices.filter {
      specs[$0].command == nil && !specs[$0].hasWildcard && specs[$0].pattern.contains("[")
    }
    registry = WatchRegistry(useInotify: options.useInotify)
    commands = CommandSources(
      specs: specs, options: options, inotify: registry.descriptor,
      argv: CommandArgv(ssh: options.ssh, options: options, now: WallClock.now),
      headlessSeconds: options.commandReadSeconds)
    // Every followed file is an open descriptor: allow what the hard limit allows.
    _ = DescriptorBudget.raised
    for index in specs.indices { addMatches(ofSpec: index, initial: true) }
  }

  /// An inotify descriptor to put in poll(2) next to stdin, or -1 when inotify is unavailable
  /// (then `nextTimeoutMs` asks for stat polling).
  public var wakeDescriptor: Int32 { commands.wake?.descriptor ?? registry.descriptor }

  /// Per-file status, in spec order; a glob that matches nothing yet is one `waiting` entry.
  public var statuses: [SourceHealth] {
    var result: [SourceHealth] = []
    for index in specs.indices {
      if specs[index].command != nil {
        result += commands.statuses(ofSpec: index, spec: specs[index])
        continue
      }
      let matching = files.filter { $0.specIndex == index }
      // A spec whose file another spec already follows is listed with that file, not as waiting.
      if matching.isEmpty && !files.contains(where: { $0.namingSpecs.contains(index) }) {
        var placeholder = SourceHealth(
          path: specs[index].pattern, specIndex: index, fileID: nil, state: .waiting)
        placeholder.namedBy = [specs[index].pattern]
        result.append(placeholder)
      } else {
        result.append(contentsOf: matching.map(\.status))
      }
    }
    return result
  }

  public func file(_ id: FileID) -> FollowedFile? { fileWithID[id] }

  /// Where a line being handled now starts in its file (see `FollowedFile.position(of:)`); `nil`
  /// for a command's output, a compressed file, or a line whose place is unknown.
  public func position(of id: FileID, line: LineBytes) -> LinePosition? {
    // Lines come in runs from one file: most lookups skip hashing.
    if let last = lastPositioned, last.id == id { return last.position(of: line) }
    lastPositioned = fileWithID[id]
    return lastPositioned?.position(of: line)
  }
  private var lastPositioned: FollowedFile?

  /// The name a source is shown under and the spec it came from, for a file or a command.
  public func origin(of id: FileID) -> (path: String, spec: SourceSpec)? {
    if let file = file(id) { return (file.path, file.spec) }
    if let command = commands.source(id) { return (command.path, command.spec) }
    return nil
  }

  /// Every source's name: the files' paths and the commands' names.
  public var paths: [String] { files.map(\.path) + commands.sources.map(\.path) }

  /// Stops every command (SIGTERM to its process group, SIGKILL after a grace period) and
  /// closes the hosts' shared ssh connections. The run loops call it on their way out.
  public func stopCommands() { commands.stopAll() }

  /// How long the caller may block in poll(2): stat polling, quiet reports, held partial lines, old files
  /// still drained and glob rescans. -1 when only inotify events can bring news.
  public func nextTimeoutMs(now: EpochSeconds) -> Int32 {
    let active = files.filter { !$0.isFinished }
    if active.contains(where: { $0.dirty || $0.hasMore }) || !started { return 0 }
    var deadline: EpochSeconds?
    func consider(_ moment: EpochSeconds) { deadline = min(deadline ?? moment, moment) }
    let polling = !registry.isActive || active.contains(where: \.needsPolling)
    if polling && !active.isEmpty { consider(nextStatPollAt) }
    if hasGlobSpec { consider(nextRescanAt) }
    if let moment = commands.deadline(now: now) { consider(moment) }
    for file in active {
      if let moment = file.deadline(
        quietSeconds: options.quietSeconds, holdSeconds: options.partialLineHoldSeconds)
      {
        consider(moment)
      }
    }
    guard let deadline else { return -1 }
    let milliseconds = ((deadline - now) * 1000).rounded(.up)
    guard milliseconds.isFinite else { return 0 }
    return Int32(clamping: Int(max(0, min(milliseconds, Double(Int32.max)))))
  }

  /// Drains inotify events and reads new bytes of every file, up to about `budgetBytes`.
  /// Returns true when more is pending (call again after redrawing).
  @discardableResult
  public func pump(
    now: EpochSeconds, budgetBytes: Int = .max, _ sink: (IngestItem) -> Void
  ) -> Bool {
    pump(now: now, budgetBytes: budgetBytes, pauseAfterLines: nil, sink)
  }

  /// During a one-shot read (`readHeads`, `readOnce`): how many files it may hold paused and
  /// open; nil while following.
  private var heldOpenLimit: Int?

  private func pump(
    now: EpochSeconds, budgetBytes: Int, pauseAfterLines: Int?,
    _ sink: (IngestItem) -> Void
  ) -> Bool {
    var environment = FollowEnvironment(
      options: options, registry: registry, timeProbe: timeProbe, now: now,
      pauseAfterLines: pauseAfterLines)
    started = true
    noteWakeups()
    if now >= nextStatPollAt {
      for file in files where !registry.isActive || file.needsPolling { file.dirty = true }
      nextStatPollAt = now + options.statPollSeconds
    }
    if hasGlobSpec && (rescanRequested || now >= nextRescanAt) {
      rescanRequested = false
      nextRescanAt = now + options.globRescanSeconds
      for index in specs.indices where specs[index].isGlob {
        addMatches(ofSpec: index, initial: false)
      }
    }
    var remaining = max(0, budgetBytes)
    if !commands.isEmpty && pauseAfterLines == nil && heldOpenLimit == nil {
      remaining -= min(remaining, commands.pump(now: now, budget: remaining, specs: specs, sink))
    }
    var paused = heldOpenLimit == nil ? 0 : files.lazy.filter(\.isPaused).count
    for file in files where !file.isFinished && !file.isPaused && (file.dirty || file.hasMore) {
      if remaining == 0 {
        break
      }
      file.dirty = false
      // Past the budget of files held open, a head read reads a file whole instead of pausing.
      if let held = heldOpenLimit, environment.pauseAfterLines != nil, paused >= held {
        environment.pauseAfterLines = nil
      }
      remaining -= min(remaining, read(file, environment, budget: remaining, sink))
      if file.isPaused { paused += 1 }
      // A one-shot read closes a file it read to the end at once, so a glob of thousands of
      // files never holds them all open (see `DescriptorBudget`).
      if heldOpenLimit != nil, !file.isRotated, !file.isSnapshot, !file.isPaused, !file.hasMore,
        file.current != nil, file.status.state == .following
      {
        file.finishOneShot(registry, sink)
      }
      // A live file must not overtake its rotated siblings: stop while one is unfinished.
      if file.isRotated && !file.isFinished { break }
    }
    for file in files where !file.isFinished {
      file.closeDrainedFiles(
        now: now, holdSeconds: options.partialLineHoldSeconds, registry: registry, sink)
      if !file.isSnapshot {
        file.flushIfQuiet(
          now: now, quietSeconds: options.quietSeconds,
          holdSeconds: options.partialLineHoldSeconds, sink)
      }
    }
    retireVanished(now: now)
    return files.contains { !$0.isFinished && !$0.isPaused && ($0.dirty || $0.hasMore) }
      || (remaining == 0 && commands.hasMore)
  }

  /// Headless one-shot read: the backfill (or everything with `fromStart`) of every file, then
  /// each file is closed and marked `done`. Missing and unreadable files keep their state. Files
  /// paused by `readHeads` go on from where they stopped.
  public func readOnce(now: EpochSeconds, _ sink: (IngestItem) -> Void) {
    heldOpenLimit = options.maxHeldFiles ?? DescriptorBudget.heldFiles
    defer { heldOpenLimit = nil }
    for file in files { file.isPaused = false }
    // Loop only while a read was cut short; a file still being written to keeps producing
    // inotify wake-ups and must not keep a one-shot read going forever.
    repeat {
      _ = pump(now: now, budgetBytes: .max, pauseAfterLines: nil, sink)
    } while files.contains { !$0.isFinished && $0.hasMore }
    for file in files where !file.isFinished {
      let wasFollowing = file.status.state == .following
      file.finishOneShot(registry, sink)
      if wasFollowing { file.status.state = .done }
    }
    commands.readOnce(now: now, specs: specs, sink)
  }

  /// The first step of a planned headless read: rotated, compressed and snapshot files whole,
  /// and the first `lines` lines (to the end of the chunk holding them) of each live plain file,
  /// which then waits, open, in `pausedFiles`. Its owner reads what is left as it sees fit
  /// (`remainder(of:)`, `skipRemainder`), then `readOnce` finishes every file.
  func readHeads(now: EpochSeconds, lines: Int, _ sink: (IngestItem) -> Void) {
    heldOpenLimit = options.maxHeldFiles ?? DescriptorBudget.heldFiles
    defer { heldOpenLimit = nil }
    repeat {
      _ = pump(now: now, budgetBytes: .max, pauseAfterLines: lines, sink)
    } while files.contains { !$0.isFinished && !$0.isPaused && $0.hasMore }
  }

  /// Files `readHeads` left waiting, in reading order.
  var pausedFiles: [FileID] { files.filter(\.isPaused).map(\.id) }

  /// What is left of a paused file, up to its last newline: bytes no line has been given from.
  /// Nil when nothing whole is left, or the file is not paused.
  func remainder(of id: FileID) -> FileRemainder? {
    guard let file = file(id), file.isPaused, let open = file.current,
      let start = open.unconsumedOffset,
      let size = FileSystem.info(descriptor: open.descriptor)?.size,
      let end = ChunkedLineReader.lastLineEnd(descriptor: open.descriptor, start: start, end: size),
      end > start
    else { return nil }
    return FileRemainder(
      descriptor: open.descriptor, bytes: start..<end, maxLineBytes: options.maxLineBytes,
      chunkBytes: options.bulkChunkBytes, lanes: options.bulkLanes,
      waveBytes: options.bulkWaveBytes)
  }

  /// Records that `remainder` was read by its owner: the file moves past it, with its lines
  /// counted as if it had read them itself.
  func skipRemainder(
    _ remainder: FileRemainder, of id: FileID, read: ChunkedLineReader.Totals, now: EpochSeconds
  ) {
    guard let file = file(id), let open = file.current else { return }
    file.status.lines += read.lines
    file.status.truncated += read.truncated
    file.status.invalidUTF8 += read.invalidUTF8
    file.status.withNUL += read.nul
    file.noteData(bytes: remainder.bytes.upperBound - open.offset, now: now)
    open.skip(to: remainder.bytes.upperBound)
    if let error = read.error {
      file.status.state = .unreadable(FileSystem.describe(errno: error))
    }
  }

  private func read(
    _ file: FollowedFile, _ environment: FollowEnvironment, budget: Int,
    _ sink: (IngestItem) -> Void
  ) -> Int {
    if file.isSnapshot { return file.readSnapshot(environment, sink) }
    if file.isRotated { return file.readRotated(environment, budget: budget, sink) }
    return file.readLive(environment, budget: budget, sink)
  }

  private func noteWakeups() {
    registry.drain { wake in
      switch wake {
      case .everything:
        for file in files { file.dirty = true }
        rescanRequested = true
      case .files(let ids):
        for id in ids { file(id)?.dirty = true }
      case .directoryEntry(let directory, let name):
        for file in files where file.directory == directory && (name == nil || file.name == name) {
          file.dirty = true
        }
        if globDirectories.contains(directory) { rescanRequested = true }
      }
    }
  }

  /// Whether any spec is a glob, asked on every pump: without scanning every pattern each time
  /// (that scan was a few per cent of the live loop's time in the soak).
  private var hasGlobSpec: Bool {
    wildcardGlobs || bracketOnlySpecs.contains { specs[$0].isGlob }
  }

  /// Directories of glob specs whose directory part is literal: entries appearing there trigger
  /// an immediate rescan rather than waiting for the periodic one.
  private var globDirectories: Set<String> {
    Set(
      specs.filter(\.isGlob).map { FileSystem.splitPath($0.pattern).directory }.filter {
        !SourceSpec(pattern: $0).isGlob
      })
  }

  /// Adds files newly matching a spec: rotated siblings (oldest first) before their live file.
  private func addMatches(ofSpec index: Int, initial: Bool) {
    let spec = specs[index]
    guard spec.command == nil else { return }
    let matched = spec.isGlob ? FileSystem.glob(spec.pattern) : [spec.pattern]
    if spec.isGlob {
      let directory = FileSystem.splitPath(spec.pattern).directory
      if !SourceSpec(pattern: directory).isGlob { registry.watchDirectory(directory) }
    }
    // A path the user named is followed even when it looks rotated; glob matches are not.
    let live = spec.isGlob ? matched.filter { !RotatedName.isRotated($0) } : matched
    for path in live {
      if let known = fileAtPath[path] {
        known.noteNamed(bySpec: index, pattern: spec.pattern)
        continue
      }
      if spec.includeRotated && !spec.isSnapshot {
        for sibling in RotatedName.siblings(of: path)
        where RotatedName.isReadable(sibling) && fileAtPath[sibling] == nil {
          add(path: sibling, spec: index, rotated: true, initial: initial)
        }
      }
      add(path: path, spec: index, rotated: false, initial: initial)
    }
  }

  /// Follows the file at `path`, unless it is one already followed under another name: then that
  /// file is also named by this spec, and read once.
  private func add(path: String, spec index: Int, rotated: Bool, initial: Bool) {
    let identity = FileIdentity(of: path)
    if let same = fileWithIdentity[identity], same.isFollowing(identity) {
      fileAtPath[path] = same
      same.noteNamed(bySpec: index, pattern: specs[index].pattern)
      return
    }
    let file = FollowedFile(
      id: FileID(rawValue: nextID), path: path, specIndex: index, spec: specs[index],
      isRotated: rotated, startAtBackfill: initial)
    nextID += 1
    fileAtPath[path] = file
    fileWithIdentity[identity] = file
    fileWithID[file.id] = file
    files.append(file)
  }
}

extension SourceSet {
  /// The files retired since the last call (their final reading health, in retirement order).
  /// The caller folds their counts into a total and forgets their ids.
  public func takeRetired() -> [SourceHealth] {
    defer { retired.removeAll() }
    return retired
  }

  /// Retires glob matches gone for `vanishedRetireSeconds`. Only a glob's own matches retire: a
  /// path the user named is a row they asked to see, waiting or not. A file still drained after
  /// a rename, or one another spec names by path, stays.
  fileprivate func retireVanished(now: EpochSeconds) {
    var leaving: [FollowedFile] = []
    for file in files where !file.isRotated && !file.isSnapshot {
      let gone =
        file.status.state == .waiting && file.current == nil && file.draining.isEmpty
        && file.namingSpecs.allSatisfy { specs[$0].isGlob }
      guard gone else {
        vanishedSince[file.id] = nil
        continue
      }
      let since = vanishedSince[file.id] ?? now
      vanishedSince[file.id] = since
      if now - since >= options.vanishedRetireSeconds { leaving.append(file) }
    }
    guard !leaving.isEmpty else { return }
    let ids = Set(leaving.map(\.id))
    files.removeAll { ids.contains($0.id) }
    fileAtPath = fileAtPath.filter { !ids.contains($0.value.id) }
    fileWithIdentity = fileWithIdentity.filter { !ids.contains($0.value.id) }
    for file in leaving {
      fileWithID[file.id] = nil
      vanishedSince[file.id] = nil
      retired.append(file.status)
    }
  }
}
