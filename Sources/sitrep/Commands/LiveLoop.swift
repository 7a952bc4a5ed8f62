import CNcurses
import FoundationEssentials
import Glibc
import SitrepCore

/// Follows the sources live for a headless command: pumps what the files hold, sleeps in poll(2)
/// on the source set's wake descriptor (and the signal pipe, when one is given) until more
/// arrives, and calls `onLook` every `lookEvery` seconds of wall time. Near-zero CPU while the
/// files are quiet: nothing spins. `report --follow` and `check --watch` both run on it.
struct LiveLoop {
  enum Ending: Equatable {
    /// The deadline passed.
    case deadline
    /// `onLook` said the answer is known.
    case decided
    /// SIGINT, SIGTERM or SIGHUP.
    case signalled
  }

  let pipeline: IngestPipeline
  var lookEvery: Double = 10
  /// The read end of the signal pipe (`installSignalPipe`), or nil to leave signals alone.
  var signalPipe: Int32?
  var progress: ProgressLine?

  /// Installs handlers for SIGINT, SIGTERM and SIGHUP that write to a pipe poll(2) can wake on,
  /// so a stopped watch still prints its verdict so far.
  static func installSignalPipe() -> Int32? {
    var fds: [Int32] = [0, 0]
    guard pipe(&fds) == 0 else { return nil }
    _ = fcntl(fds[0], F_SETFL, O_NONBLOCK)
    _ = fcntl(fds[1], F_SETFL, O_NONBLOCK)
    sitrep_install_signal_handlers(fds[1])
    // A blocked signal mask is inherited across exec: a runner that spawns sitrep from a thread
    // blocking SIGTERM (Foundation's Process does) would leave the watch deaf to it.
    var set = sigset_t()
    sigemptyset(&set)
    for s in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&set, s) }
    pthread_sigmask(SIG_UNBLOCK, &set, nil)
    return fds[0]
  }

  var signalled: Bool { signalPipe != nil && sitrep_signal_received() != 0 }

  /// Runs until `end` (wall seconds), a signal, or `onLook` returning true. `onLook` is given the
  /// wall time of the look; the first comes at once.
  func run(until end: Double, onLook: (Double) -> Bool = { _ in false }) -> Ending {
    var nextLook = Date().timeIntervalSince1970
    while true {
      let now = Date().timeIntervalSince1970
      if signalled { return .signalled }
      if now >= end { return .deadline }
      let more = pipeline.pump(now: now)
      progress?.update(lines: pipeline.linesIngested)
      if now >= nextLook {
        if onLook(now) { return .decided }
        nextLook = now + lookEvery
      }
      if !more {
        var fds = [
          pollfd(fd: pipeline.sources.wakeDescriptor, events: Int16(POLLIN), revents: 0),
          pollfd(fd: signalPipe ?? -1, events: Int16(POLLIN), revents: 0),
        ]
        let until = Swift.min(end, nextLook)
        var timeout = Int32(saturating: max(0, min(1000, ((until - now) * 1000).rounded(.up))))
        let sourceTimeout = pipeline.sources.nextTimeoutMs(now: now)
        if sourceTimeout >= 0 { timeout = min(timeout, sourceTimeout) }
        // A negative descriptor is skipped by poll(2): no wake descriptor, no signal pipe.
        _ = poll(&fds, 2, timeout)
      }
    }
  }
}
