import Glibc

/// The command sources of a `SourceSet`: one `CommandSource` per command or remote file, the
/// listings of remote globs, and the epoll set their pipes and the set's inotify descriptor wake.
final class CommandSources {
  private(set) var sources: [CommandSource] = []
  private var listings: [RemoteGlobListing] = []
  let wake: WakeSet?
  private var argvBuilder: CommandArgv
  private let options: FollowOptions
  /// Command sources' ids start here, clear of the files' (which index `SourceSet.files`).
  static let firstID = 1 << 30
  private var nextID = firstID
  /// How long a headless read waits for a command that does not end by itself.
  let headlessSeconds: Double

  init(
    specs: [SourceSpec], options: FollowOptions, inotify: Int32, argv: CommandArgv,
    headlessSeconds: Double
  ) {
    self.options = options
    argvBuilder = argv
    self.headlessSeconds = headlessSeconds
    wake = specs.contains(where: { $0.command != nil }) ? WakeSet() : nil
    wake?.add(inotify)
    let now = argv.now
    for (index, spec) in specs.enumerated() {
      guard let target = spec.command else { continue }
      if case .remoteGlob(let host, let pattern) = target {
        listings.append(RemoteGlobListing(specIndex: index, host: host, pattern: pattern))
      } else {
        add(spec: spec, index: index, target: target, path: spec.pattern, now: now)
      }
    }
  }

  var isEmpty: Bool { sources.isEmpty && listings.isEmpty }

  func source(_ id: FileID) -> CommandSource? {
    let index = id.rawValue - Self.firstID
    return sources.indices.contains(index) ? sources[index] : nil
  }

  /// Statuses of spec `index`: its sources, or one entry saying why there are none yet.
  func statuses(ofSpec index: Int, spec: SourceSpec) -> [SourceHealth] {
    let mine = sources.filter { $0.specIndex == index }.map(\.status)
    if !mine.isEmpty { return mine }
    // Its only files are followed under another spec's name: listed there.
    if sources.contains(where: { $0.status.namedBy.contains(spec.pattern) }) { return [] }
    var placeholder = SourceHealth(
      path: spec.pattern, specIndex: index, fileID: nil, state: .waiting)
    placeholder.namedBy = [spec.pattern]
    placeholder.host = spec.command?.host
    if let listing = listings.first(where: { $0.specIndex == index }) {
      placeholder.command = argvBuilder.listing(host: listing.host, pattern: listing.pattern)
      placeholder.stderrTail = listing.stderrTail
      if let why = listing.failure { placeholder.state = .failing(why) }
    }
    return [placeholder]
  }

  /// Services every source and listing; the bytes read.
  func pump(
    now: EpochSeconds, budget: Int, specs: [SourceSpec], _ sink: (IngestItem) -> Void
  ) -> Int {
    argvBuilder.now = now
    for listing in listings where listing.isDue(now: now) && !isHeldBack(listing.host) {
      listing.service(
        now: now, argv: argvBuilder.listing(host: listing.host, pattern: listing.pattern),
        wake: wake, rescanSeconds: 30)
      for path in listing.takeFound() {
        add(
          spec: specs[listing.specIndex], index: listing.specIndex,
          target: .remoteFile(host: listing.host, path: path), path: "\(listing.host):\(path)",
          now: now)
      }
    }
    var remaining = budget
    for source in sources where !source.isFinished {
      let read = source.service(
        now: now, argv: argvBuilder.argv(for: source.target, live: true), wake: wake,
        budget: max(1, remaining), quietSeconds: options.quietSeconds,
        holdSeconds: options.partialLineHoldSeconds, sink)
      remaining = max(0, remaining - read)
    }
    return budget - remaining
  }

  /// Whether a source's pipes may hold more than one pump took.
  var hasMore: Bool {
    var fds = sources.flatMap(\.descriptors).map {
      pollfd(fd: $0, events: Int16(POLLIN), revents: 0)
    }
    guard !fds.isEmpty else { return false }
    return poll(&fds, nfds_t(fds.count), 0) > 0
  }

  func deadline(now: EpochSeconds) -> EpochSeconds? {
    var result: EpochSeconds?
    for source in sources where !source.isFinished {
      if let d = source.deadline(
        now: now, quietSeconds: options.quietSeconds, holdSeconds: options.partialLineHoldSeconds)
      {
        result = min(result ?? d, d)
      }
    }
    for listing in listings {
      // Past due and not run: held back for its host's connection; look again soon.
      if let d = listing.deadline.map({ max($0, now + 0.1) }) { result = min(result ?? d, d) }
    }
    return result
  }

  /// Headless: every listing, then every source, read to its end (or `headlessSeconds`).
  func readOnce(now: EpochSeconds, specs: [SourceSpec], _ sink: (IngestItem) -> Void) {
    argvBuilder.now = now
    for listing in listings {
      listing.readToEnd(
        argv: argvBuilder.listing(host: listing.host, pattern: listing.pattern), wake: wake,
        seconds: headlessSeconds)
      for path in listing.takeFound() {
        add(
          spec: specs[listing.specIndex], index: listing.specIndex,
          target: .remoteFile(host: listing.host, path: path), path: "\(listing.host):\(path)",
          now: now)
      }
    }
    for source in sources where !source.isFinished && source.everStarted {
      source.finishFollowing(
        now: now, argv: argvBuilder.argv(for: source.target, live: true), sink)
    }
    for source in sources where !source.isFinished {
      source.readToEnd(
        now: now, argv: argvBuilder.argv(for: source.target, live: false),
        deadline: headlessSeconds, wake: wake, sink)
    }
  }

  func stopAll() {
    for source in sources { source.stop() }
    for listing in listings { listing.stop() }
    for host in Set(sources.compactMap(\.target.host)).sorted() {
      LiveChildren.say(argvBuilder.controlPath(host: host))
    }
  }

  /// The hosts' shared connections go with us (at `stopAll`, or at exit however it comes)
  /// rather than lingering for ControlPersist.
  private func closeAtExit(host: String) {
    let socket = argvBuilder.controlPath(host: host)
    let argv = argvBuilder.ssh + ["-o", "ControlPath=\(socket)", "-O", "exit", "--", host]
    LiveChildren.atExit(socket) {
      guard case .found = FileSystem.info(path: socket) else { return }
      if let child = try? ChildProcess.spawn(argv, wake: nil) { child.finish(within: 3) }
    }
  }

  /// A host whose first source is still opening the shared connection: a listing waits for it
  /// (its socket appearing), as a second file does, rather than racing to open its own.
  private func isHeldBack(_ host: String) -> Bool {
    guard sources.contains(where: { $0.target.host == host && $0.isRunning }) else { return false }
    if case .found = FileSystem.info(path: argvBuilder.controlPath(host: host)) { return false }
    return true
  }

  private func add(
    spec: SourceSpec, index: Int, target: CommandTarget, path: String, now: EpochSeconds
  ) {
    // The same remote file named twice (a path and a glob, two globs) is read once, listed with
    // every name, as a local file is.
    if case .remoteFile = target, let same = sources.first(where: { $0.target == target }) {
      if !same.status.namedBy.contains(spec.pattern) { same.status.namedBy.append(spec.pattern) }
      return
    }
    let argv = argvBuilder.argv(for: target, live: true)
    let source = CommandSource(
      id: FileID(rawValue: nextID), specIndex: index, spec: spec, target: target, path: path,
      argv: argv, maxLineBytes: options.maxLineBytes, now: now)
    source.backoff = options.commandBackoff
    nextID += 1
    if let host = target.host {
      prepareControlDirectory()
      closeAtExit(host: host)
      let socket = argvBuilder.controlPath(host: host)
      // The first source of a host opens its connection; the others wait for its socket (up to
      // 5 s, or until that first one has ended) so they share it.
      if let first = sources.first(where: { $0.target.host == host }) {
        let since = now
        source.isHeldBack = { now in
          if case .found = FileSystem.info(path: socket) { return false }
          return first.isRunning && now - since < 5
        }
      }
    }
    sources.append(source)
  }

  private var preparedDirectory = false

  private func prepareControlDirectory() {
    guard !preparedDirectory else { return }
    preparedDirectory = true
    _ = mkdir(argvBuilder.controlDirectory, 0o700)
  }
}
