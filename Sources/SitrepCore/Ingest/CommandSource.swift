import Glibc

/// A command's standard output followed like a file: its lines go out as `IngestItem`s under
/// one `FileID`, like a `FollowedFile`'s. While following, a command that ends is started again
/// after `CommandBackoff`'s delay, and the lines a restarted command sends again (a tail's or
/// journal's backlog) are skipped up to the last line already read (`CommandResume`). Its
/// standard error's last lines and how it ended are kept on its `SourceHealth`.
final class CommandSource {
  let id: FileID
  let specIndex: Int
  let spec: SourceSpec
  let target: CommandTarget
  /// The name it is shown under (`web1:/var/log/nginx/access.log`).
  let path: String
  var status: SourceHealth

  private var process: ChildProcess?
  private let splitter: LineSplitter
  private let errorSplitter: LineSplitter
  var backoff = CommandBackoff()
  /// When to start (again); nil while running or once a one-shot read is over.
  private(set) var startAt: EpochSeconds?
  private var startedAt: EpochSeconds = 0
  /// When its stdout reached EOF without the process being reaped yet.
  private var endOfOutputAt: EpochSeconds?
  private var lastDataAt: EpochSeconds?
  private var quietReported = true
  private var partialSince: EpochSeconds?
  private var resume = CommandResume()
  private var lastEnding: ChildEnding?
  /// A one-shot read: not started again when it ends.
  private var oneShot = false
  private(set) var isFinished = false
  /// Not before the host's shared connection is up (`SourceSet` decides), so the files of one
  /// host share one ssh connection instead of racing to open their own.
  var isHeldBack: (EpochSeconds) -> Bool = { _ in false }

  static let stderrLinesKept = 5

  init(
    id: FileID, specIndex: Int, spec: SourceSpec, target: CommandTarget, path: String,
    argv: [String], maxLineBytes: Int, now: EpochSeconds
  ) {
    self.id = id
    self.specIndex = specIndex
    self.spec = spec
    self.target = target
    self.path = path
    splitter = LineSplitter(maxLineBytes: maxLineBytes, chunkBytes: 64 * 1024)
    errorSplitter = LineSplitter(maxLineBytes: 4096, chunkBytes: 4096)
    status = SourceHealth(path: path, specIndex: specIndex, fileID: id, state: .waiting)
    status.namedBy = [spec.pattern]
    status.command = argv
    status.host = target.host ?? spec.host
    startAt = now
  }

  var isRunning: Bool { process != nil }

  /// The descriptors worth polling; empty when not running.
  var descriptors: [Int32] {
    guard let process else { return [] }
    return [process.stdout, process.stderr].filter { $0 >= 0 }
  }

  /// Starts, reads, reaps and schedules a restart as due. Returns the bytes read.
  func service(
    now: EpochSeconds, argv: [String], wake: WakeSet?, budget: Int, quietSeconds: Double,
    holdSeconds: Double, _ sink: (IngestItem) -> Void
  ) -> Int {
    if process == nil, let at = startAt, now >= at, !isHeldBack(now) {
      start(argv: argv, wake: wake, now: now)
    }
    guard let process else { return 0 }
    var total = 0
    // Standard error first: a complaint explains the end that may follow on stdout.
    drainStandardError(process, now: now, sink)
    while total < budget {
      let space = splitter.readSpace
      guard let n = process.read(stream: \.stdout, into: space.pointer, count: space.count) else {
        break
      }
      if n == 0 {
        if endOfOutputAt == nil { endOfOutputAt = now }
        break
      }
      total += n
      noteData(bytes: n, now: now)
      splitter.consume(n) { emit($0, $1, now: now, sink) }
      partialSince = splitter.heldBytes > 0 ? (partialSince ?? now) : nil
    }
    if endOfOutputAt != nil {
      drainStandardError(process, now: now, sink)
      // An ended command closes its output and is reaped at once; one that closed its stdout
      // and lingers is stopped after a moment.
      if process.reap() || now - (endOfOutputAt ?? now) >= 2 {
        process.stop()
        ended(process, now: now, sink)
      }
    } else {
      flushIfQuiet(now: now, quietSeconds: quietSeconds, holdSeconds: holdSeconds, sink)
    }
    return total
  }

  /// When the run loop should come back without news on the pipes.
  func deadline(now: EpochSeconds, quietSeconds: Double, holdSeconds: Double) -> EpochSeconds? {
    var result: EpochSeconds?
    func consider(_ t: EpochSeconds) { result = min(result ?? t, t) }
    // Past its start time and not started: held back for its host's connection; look again soon.
    if process == nil, let at = startAt { consider(max(at, now + 0.1)) }
    if let at = endOfOutputAt { consider(at + 0.05) }
    if process != nil, !quietReported, let last = lastDataAt { consider(last + quietSeconds) }
    if let since = partialSince { consider(since + holdSeconds) }
    if resume.isCatchingUp, let last = lastDataAt { consider(last + quietSeconds) }
    return result
  }

  /// A headless read: runs the one-shot argv to its end or to `deadline`, then stops it.
  func readToEnd(
    now: EpochSeconds, argv: [String], deadline: Double, wake: WakeSet?,
    _ sink: (IngestItem) -> Void
  ) {
    oneShot = true
    let stopAt = monotonicSeconds() + deadline
    while !isFinished {
      _ = service(
        now: now, argv: argv, wake: wake, budget: .max, quietSeconds: .infinity,
        holdSeconds: .infinity, sink)
      if isFinished { break }
      if monotonicSeconds() >= stopAt {
        if let process {
          drainStandardError(process, now: now, sink)
          process.stop()
          self.process = nil
        }
        finishOneShot(stoppedAfter: deadline, sink)
        break
      }
      guard let process else { continue }
      var fds = [process.stdout, process.stderr].filter { $0 >= 0 }.map {
        pollfd(fd: $0, events: Int16(POLLIN), revents: 0)
      }
      let wait = endOfOutputAt == nil ? 100 : 10
      _ = poll(&fds, nfds_t(fds.count), Int32(wait))
    }
  }

  /// Whether it was started while following (`report --follow`): its headless end is then to
  /// take what is left in its pipes and stop, not to run it again.
  private(set) var everStarted = false

  /// The end of a headless follow: what is in its pipes is read, the command stopped, held
  /// lines given, and the source is `done` (or stays `failing`).
  func finishFollowing(now: EpochSeconds, argv: [String], _ sink: (IngestItem) -> Void) {
    if let process {
      _ = service(
        now: now, argv: argv, wake: nil, budget: .max, quietSeconds: .infinity,
        holdSeconds: .infinity, sink)
      process.stop()
      self.process = nil
    }
    splitter.flushPartialLine { emit($0, $1, now: now, sink) }
    releaseBacklog(sink, now: now)
    sink(.quiet(id))
    isFinished = true
    startAt = nil
    if status.state == .following { status.state = .done }
  }

  func stop() {
    process?.stop()
    process = nil
    startAt = nil
  }

  private func start(argv: [String], wake: WakeSet?, now: EpochSeconds) {
    startAt = nil
    endOfOutputAt = nil
    splitter.reset()
    errorSplitter.reset()
    status.command = argv
    do {
      process = try ChildProcess.spawn(argv, wake: wake)
      everStarted = true
      startedAt = now
      status.state = .following
    } catch {
      let why = "cannot start \(argv.first ?? ""): \(error.description)"
      status.lastExit = why
      scheduleRestart(now: now, ranFor: 0, why: why)
    }
  }

  private func ended(_ process: ChildProcess, now: EpochSeconds, _ sink: (IngestItem) -> Void) {
    self.process = nil
    endOfOutputAt = nil
    splitter.flushPartialLine { emit($0, $1, now: now, sink) }
    errorSplitter.flushPartialLine { line, _ in keepStandardError(line) }
    partialSince = nil
    releaseBacklog(sink, now: now)
    if !quietReported || oneShot {
      quietReported = true
      sink(.quiet(id))
    }
    lastEnding = process.ending
    let ending = process.ending?.description ?? "ended"
    let program = status.command?.first.map { FileSystem.splitPath($0).name } ?? "command"
    status.lastExit = "\(program) \(ending)"
    if oneShot {
      finishOneShot(stoppedAfter: nil, sink)
      return
    }
    scheduleRestart(now: now, ranFor: now - startedAt, why: "\(program) \(ending)")
  }

  private func scheduleRestart(now: EpochSeconds, ranFor: Double, why: String) {
    if oneShot {
      status.state = .failing(why + lastComplaint)
      isFinished = true
      return
    }
    let delay = backoff.delay(afterRunOf: ranFor)
    startAt = now + delay
    status.restarts += 1
    resume.restarting()
    status.state = .failing(
      why + lastComplaint + "; retrying in \(Formatting.duration(delay))")
  }

  /// ": <its last stderr line>" when it wrote one.
  private var lastComplaint: String {
    status.stderrTail.last.map { ": " + $0 } ?? ""
  }

  private func finishOneShot(stoppedAfter seconds: Double?, _ sink: (IngestItem) -> Void) {
    isFinished = true
    startAt = nil
    if let seconds {
      status.state = .done
      status.stoppedEarly = "still running after \(Formatting.duration(seconds)): stopped"
      sink(.quiet(id))
      return
    }
    if lastEnding == .exited(0) {
      status.state = .done
    } else {
      status.state = .failing((status.lastExit ?? "ended") + lastComplaint)
    }
  }

  private func noteData(bytes: Int, now: EpochSeconds) {
    status.bytesRead += bytes
    lastDataAt = now
    quietReported = false
  }

  private func emit(
    _ line: LineBytes, _ flags: LineFlags, now: EpochSeconds, _ sink: (IngestItem) -> Void
  ) {
    if resume.isCatchingUp {
      resume.hold(line, flags)
      if resume.isFull { releaseBacklog(sink, now: now) }
      return
    }
    deliver(line, flags, sink)
  }

  private func deliver(_ line: LineBytes, _ flags: LineFlags, _ sink: (IngestItem) -> Void) {
    status.lines += 1
    if flags.contains(.truncated) { status.truncated += 1 }
    if flags.contains(.invalidUTF8) { status.invalidUTF8 += 1 }
    if flags.contains(.nul) { status.withNUL += 1 }
    if !flags.contains(.partial) { resume.remember(line) }
    sink(.line(id, line, flags))
  }

  private func releaseBacklog(_ sink: (IngestItem) -> Void, now: EpochSeconds) {
    guard resume.isCatchingUp else { return }
    for (bytes, flags) in resume.release() {
      bytes.withUnsafeBufferPointer { deliver($0, flags, sink) }
    }
  }

  private func flushIfQuiet(
    now: EpochSeconds, quietSeconds: Double, holdSeconds: Double, _ sink: (IngestItem) -> Void
  ) {
    guard let last = lastDataAt else { return }
    if let since = partialSince, now - since >= holdSeconds {
      splitter.flushPartialLine { emit($0, $1, now: now, sink) }
      partialSince = nil
    }
    if now - last >= quietSeconds {
      releaseBacklog(sink, now: now)
      if !quietReported {
        quietReported = true
        sink(.quiet(id))
      }
    }
  }

  private func drainStandardError(
    _ process: ChildProcess, now: EpochSeconds, _ sink: (IngestItem) -> Void
  ) {
    while true {
      let space = errorSplitter.readSpace
      guard let n = process.read(stream: \.stderr, into: space.pointer, count: space.count), n > 0
      else { return }
      errorSplitter.consume(n) { line, flags in
        if target.stderrIsData && Self.looksStamped(line) {
          noteData(bytes: line.count + 1, now: now)
          emit(line, flags, now: now, sink)
        } else {
          keepStandardError(line)
        }
      }
    }
  }

  private func keepStandardError(_ line: LineBytes) {
    let text = TextSanitizer.display(line)
    guard !text.allSatisfy({ $0 == " " }) else { return }
    status.stderrTail.append(text)
    if status.stderrTail.count > Self.stderrLinesKept { status.stderrTail.removeFirst() }
  }

  /// `docker logs` puts the container's stderr on its own stderr, each line stamped
  /// (`2026-11-26T10:00:00.000000000Z …`); its own complaints are not.
  static func looksStamped(_ line: LineBytes) -> Bool {
    line.count > 20 && line[4] == UInt8(ascii: "-") && line[10] == UInt8(ascii: "T")
      && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(line[0])
  }
}
