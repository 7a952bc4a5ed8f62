import Dispatch
import FoundationEssentials
import Glibc
import SitrepCore

/// Asks Prometheus on a thread of its own, one round every `interval` (and at once when the window
/// changes), so a slow or unreachable server never holds up the files or the keys. Between rounds
/// it sleeps in poll(2): no spinning. The model thread takes each round's readings when it wakes.
final class PrometheusPoller: @unchecked Sendable {
  let plan: PrometheusPlan
  private let clock: Clock
  private let wakeModel: @Sendable () -> Void
  private let lock = Lock()
  private var windowSeconds: Double
  private var latest: [PrometheusReading]?
  private var stopping = false
  private var started = false
  private let wake: (read: Int32, write: Int32)
  private let finished = DispatchSemaphore(value: 0)

  init(
    plan: PrometheusPlan, clock: Clock, windowSeconds: Double,
    wakeModel: @escaping @Sendable () -> Void
  ) throws {
    self.plan = plan
    self.clock = clock
    self.windowSeconds = windowSeconds
    self.wakeModel = wakeModel
    wake = try ModelThread.makePipe()
  }

  deinit {
    Glibc.close(wake.read)
    Glibc.close(wake.write)
  }

  func start() {
    started = true
    DetachedThread.start(stackBytes: 1 << 20) { [self] in
      run()
      finished.signal()
    }
  }

  /// Returns once the thread is done: at most one request's timeout after asking.
  func stop() {
    guard started else { return }
    started = false
    lock.withLock { stopping = true }
    ModelThread.wake(wake.write)
    finished.wait()
  }

  /// The window the numbers are for and the latest deploy (read around for the comparison); a
  /// change asks again at once.
  func setAsk(windowSeconds seconds: Double, deployAt: EpochSeconds?) {
    let changed = lock.withLock { () -> Bool in
      defer {
        windowSeconds = seconds
        self.deployAt = deployAt
      }
      return windowSeconds != seconds || self.deployAt != deployAt
    }
    if changed { ModelThread.wake(wake.write) }
  }

  private var deployAt: EpochSeconds?

  /// The newest round's readings, once.
  func take() -> [PrometheusReading]? {
    lock.withLock {
      defer { latest = nil }
      return latest
    }
  }

  private func run() {
    while true {
      let (window, deploy, stop) = lock.withLock { (windowSeconds, deployAt, stopping) }
      if stop { return }
      let readings = plan.read(now: clock.now(), windowSeconds: window, deployAt: deploy)
      lock.withLock { latest = readings }
      wakeModel()
      var p = pollfd(fd: wake.read, events: Int16(POLLIN), revents: 0)
      _ = poll(&p, 1, Int32(saturating: plan.settings.intervalSeconds * 1000))
      ModelThread.drain(wake.read)
    }
  }
}
