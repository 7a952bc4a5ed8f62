import Glibc

/// One running command: spawned without a shell in a process group of its own, stdin from
/// /dev/null, stdout and stderr on non-blocking pipes. Stopping it signals the whole group
/// (SIGTERM, then SIGKILL after a grace period) and reaps it, so neither zombies nor orphans are
/// left behind; `LiveChildren` does the same at exit for whatever is still running.
final class ChildProcess {
  let pid: pid_t
  /// Read ends, -1 once closed (after EOF).
  private(set) var stdout: Int32
  private(set) var stderr: Int32
  /// How it ended, once reaped.
  private(set) var ending: ChildEnding?
  /// The poll set its pipes wake; each leaves it before it is closed (a number closed while
  /// still registered could come back as another pipe that epoll then never reports).
  private let wake: WakeSet?

  private init(pid: pid_t, stdout: Int32, stderr: Int32, wake: WakeSet?) {
    self.pid = pid
    self.stdout = stdout
    self.stderr = stderr
    self.wake = wake
    wake?.add(stdout)
    wake?.add(stderr)
  }

  deinit { stop() }

  /// Starts `argv` (looked up on PATH when argv[0] has no slash). Throws the spawn error's text,
  /// e.g. "No such file or directory" for a program that is not installed.
  static func spawn(_ argv: [String], wake: WakeSet?) throws(ChildSpawnError) -> ChildProcess {
    guard let program = argv.first, !program.isEmpty else {
      throw ChildSpawnError(description: "empty command")
    }
    var out: [Int32] = [-1, -1]
    var err: [Int32] = [-1, -1]
    guard makePipe(&out) else { throw ChildSpawnError(errno: errno) }
    guard makePipe(&err) else {
      let code = errno
      close(out[0])
      close(out[1])
      throw ChildSpawnError(errno: code)
    }
    defer {
      close(out[1])
      close(err[1])
    }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_adddup2(&actions, out[1], 1)
    posix_spawn_file_actions_adddup2(&actions, err[1], 2)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    // Its own process group, so stopping it reaches what it started (sh -c, ssh's children),
    // and the terminal's Ctrl-C is ours to handle. The signal mask and dispositions are reset:
    // the model thread that spawns it blocks every signal, and SIGPIPE may be ignored.
    var empty = sigset_t()
    sigemptyset(&empty)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for s in [SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGCHLD, SIGTSTP, SIGTTOU, SIGTTIN] {
      sigaddset(&defaults, s)
    }
    posix_spawnattr_setsigmask(&attributes, &empty)
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setpgroup(&attributes, 0)
    posix_spawnattr_setflags(
      &attributes,
      Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    var pid: pid_t = 0
    let cArguments = argv.map { strdup($0) } + [nil]
    defer { for p in cArguments { free(p) } }
    let status = LiveChildren.spawning {
      posix_spawnp(&pid, program, &actions, &attributes, cArguments, environ)
    }
    guard status == 0 else {
      close(out[0])
      close(err[0])
      throw ChildSpawnError(errno: status)
    }
    for fd in [out[0], err[0]] { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
    LiveChildren.add(pid)
    return ChildProcess(pid: pid, stdout: out[0], stderr: err[0], wake: wake)
  }

  /// A pipe whose ends are not inherited by other children (pipe2 is not imported).
  private static func makePipe(_ ends: inout [Int32]) -> Bool {
    guard pipe(&ends) == 0 else { return false }
    for fd in ends { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
    return true
  }

  /// Reads what is there from one of its pipes into `buffer`: the count, 0 at EOF (the pipe is
  /// then closed), nil when nothing is there yet.
  func read(stream: KeyPath<ChildProcess, Int32>, into buffer: UnsafeMutableRawPointer, count: Int)
    -> Int?
  {
    let fd = self[keyPath: stream]
    guard fd >= 0 else { return 0 }
    while true {
      let n = Glibc.read(fd, buffer, count)
      if n > 0 { return n }
      if n < 0 && errno == EINTR { continue }
      if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { return nil }
      closePipe(fd)
      return 0
    }
  }

  private func closePipe(_ fd: Int32) {
    wake?.remove(fd)
    close(fd)
    if fd == stdout { stdout = -1 }
    if fd == stderr { stderr = -1 }
  }

  /// Reaps it if it has ended; true once it has.
  @discardableResult
  func reap() -> Bool {
    if ending != nil { return true }
    var status: Int32 = 0
    let result = waitpid(pid, &status, WNOHANG)
    guard result == pid else { return false }
    ending = ChildEnding(waitStatus: status)
    LiveChildren.remove(pid)
    // Whatever it started and left behind in its group goes with it.
    _ = kill(-pid, SIGKILL)
    return true
  }

  /// Lets it finish for up to `seconds`, then stops it.
  func finish(within seconds: Double) {
    let deadline = monotonicSeconds() + seconds
    while !reap() && monotonicSeconds() < deadline { usleep(5_000) }
    stop()
  }

  /// Ends the whole group: SIGTERM, up to `grace` seconds to go, then SIGKILL; reaped either way.
  func stop(grace: Double = 1) {
    for fd in [stdout, stderr] where fd >= 0 { closePipe(fd) }
    guard !reap() else { return }
    _ = kill(-pid, SIGTERM)
    let deadline = monotonicSeconds() + grace
    while !reap() {
      if monotonicSeconds() >= deadline {
        _ = kill(-pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        ending = ChildEnding(waitStatus: status)
        LiveChildren.remove(pid)
        return
      }
      usleep(5_000)
    }
  }
}

/// How a command ended: its exit status or the signal that killed it.
public enum ChildEnding: Sendable, Equatable, CustomStringConvertible {
  case exited(Int32)
  case signalled(Int32)

  init(waitStatus status: Int32) {
    // WIFEXITED / WTERMSIG are macros Swift does not import.
    let signal = status & 0x7f
    self = signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
  }

  public var description: String {
    switch self {
    case .exited(let code): "exited with status \(code)"
    case .signalled(let signal):
      "killed by signal \(signal)" + (strsignal(signal).map { " (\(String(cString: $0)))" } ?? "")
    }
  }
}

struct ChildSpawnError: Error, CustomStringConvertible {
  var description: String

  init(description: String) { self.description = description }
  init(errno code: Int32) { description = String(cString: strerror(code)) }
}

/// The process groups of every command still running, killed by an `atexit` handler so an exit
/// from anywhere (an error, a signal the app turns into an exit) leaves none behind.
enum LiveChildren {
  nonisolated(unsafe) private static var pids: Set<pid_t> = []
  nonisolated(unsafe) private static var installed = false
  nonisolated(unsafe) private static var farewells: [String: @Sendable () -> Void] = [:]
  nonisolated(unsafe) private static var mutex = pthread_mutex_t()

  static func spawning<T>(_ body: () -> T) -> T {
    lock {
      if !installed {
        installed = true
        atexit { LiveChildren.killAll() }
      }
    }
    return body()
  }

  static func add(_ pid: pid_t) { lock { _ = pids.insert(pid) } }
  static func remove(_ pid: pid_t) { lock { _ = pids.remove(pid) } }
  static var running: Int { lock { pids.count } }

  /// Something to do once at exit after the commands are gone (closing a host's shared ssh
  /// connection), under a key so it is registered once; `say` runs and forgets it now.
  static func atExit(_ key: String, _ body: @escaping @Sendable () -> Void) {
    lock { farewells[key] = body }
  }

  static func say(_ key: String) {
    let body = lock { farewells.removeValue(forKey: key) }
    body?()
  }

  static func killAll() {
    let all = lock { pids }
    for pid in all { _ = kill(-pid, SIGTERM) }
    let deadline = monotonicSeconds() + 0.5
    var left = all
    while !left.isEmpty && monotonicSeconds() < deadline {
      left = left.filter { pid in
        var status: Int32 = 0
        return waitpid(pid, &status, WNOHANG) == 0
      }
      if !left.isEmpty { usleep(5_000) }
    }
    for pid in left {
      _ = kill(-pid, SIGKILL)
      var status: Int32 = 0
      _ = waitpid(pid, &status, 0)
    }
    lock { pids.removeAll() }
    for key in lock({ farewells.keys.sorted() }) { say(key) }
  }

  private static func lock<T>(_ body: () -> T) -> T {
    pthread_mutex_lock(&mutex)
    defer { pthread_mutex_unlock(&mutex) }
    return body()
  }
}

/// Seconds on the monotonic clock, for grace periods that must not jump with the wall clock.
func monotonicSeconds() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_MONOTONIC, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

/// The wall clock, for the `--since` of a command's window.
enum WallClock {
  static var now: EpochSeconds {
    var t = timespec()
    clock_gettime(CLOCK_REALTIME, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
  }
}
