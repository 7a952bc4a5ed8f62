import FoundationEssentials
import Glibc

/// Writes the demo's log files as time passes: nginx access logs for two services, a Celery worker
/// log, an app log with tracebacks, and a deploy log. Deterministic for a seed and start time, so
/// golden tests can replay it. Only writes; the dashboard reads the files like any others.
public final class DemoGenerator {
  public let directory: String
  public let start: EpochSeconds
  public let scenario: DemoScenario
  public let offsetSeconds: Int
  private var rng: SplitMix64
  private var writtenUntil: EpochSeconds
  private var nextArrival: [Double]
  private var nextTask: [Double]
  private var pendingLines: [(time: Double, file: String, text: String)] = []
  private var runCounter: UInt64 = 0
  private var deploysWritten = 0
  private var handles: [String: OutputFile] = [:]
  /// The first failed write (a full disk, say): the demo keeps going, and its caller can say why
  /// the files stopped growing.
  public private(set) var writeError: OutputFileError?

  public var accessLogPaths: [String] { scenario.services.map { path("\($0.name).access.log") } }
  public var workerLogPath: String { path("worker.log") }
  public var appLogPath: String { path("api.app.log") }
  public var deployLogPath: String { path("deploys.jsonl") }
  public var allPaths: [String] { accessLogPaths + [appLogPath, workerLogPath, deployLogPath] }
  public var deployTime: EpochSeconds { start + scenario.deployAfter }

  public init(
    directory: String, start: EpochSeconds, seed: UInt64 = 42, scenario: DemoScenario = .standard,
    offsetSeconds: Int = 0
  ) throws {
    self.directory = directory
    self.start = start
    self.scenario = scenario
    self.offsetSeconds = offsetSeconds
    rng = SplitMix64(seed: seed)
    writtenUntil = start - scenario.history
    nextArrival = scenario.services.map { _ in start - scenario.history }
    // Stagger task schedules so they do not all fire on the same second.
    nextTask = scenario.tasks.enumerated().map { i, t in
      start - scenario.history + Double(i) * 1.7 + t.every / 3
    }
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    for p in allPaths {
      handles[p] = try OutputFile(creating: p)
    }
  }

  private func path(_ name: String) -> String {
    directory.hasSuffix("/") ? directory + name : directory + "/" + name
  }

  /// Writes every line with a time before `t`. Call with increasing times.
  public func write(until t: EpochSeconds) {
    guard t > writtenUntil else { return }
    let afterDeploy = { (time: Double) in time >= self.deployTime }
    writeDeploys(until: t)
    for (si, service) in scenario.services.enumerated() {
      while nextArrival[si] < t {
        let time = nextArrival[si]
        request(service, at: time, afterDeploy: afterDeploy(time))
        nextArrival[si] += rng.exponential(mean: 1 / service.rps)
      }
    }
    for (ti, task) in scenario.tasks.enumerated() {
      while nextTask[ti] < t {
        let time = nextTask[ti]
        runTask(task, at: time, afterDeploy: afterDeploy(time))
        nextTask[ti] += task.every * (0.9 + 0.2 * rng.unit())
      }
    }
    flush(until: t)
    writtenUntil = t
  }

  private func writeDeploys(until t: EpochSeconds) {
    let deploys: [(Double, String)] = [
      (
        start - scenario.history + 60,
        #"{"ts": "\#(CivilClock(start - scenario.history + 60).iso)", "service": "api", "version": "v1.4.1", "by": "ci", "commit": "9c1e2f0"}"#
      ),
      (
        deployTime,
        #"{"ts": "\#(CivilClock(deployTime).iso)", "service": "api", "version": "v1.4.2", "by": "alice", "commit": "3f2a1c9", "rollback": "./deploy.sh v1.4.1"}"#
      ),
    ]
    while deploysWritten < deploys.count && deploys[deploysWritten].0 < t {
      let d = deploys[deploysWritten]
      pendingLines.append((d.0, deployLogPath, d.1))
      // The app restarts with the new version, as uvicorn says in its log.
      pendingLines.append(
        (
          d.0 + 2, appLogPath,
          "\(CivilClock(d.0 + 2, offsetSeconds: offsetSeconds).asctime) INFO uvicorn.error: Application startup complete."
        ))
      deploysWritten += 1
    }
  }

  private func request(_ service: DemoScenario.Service, at time: Double, afterDeploy: Bool) {
    let total = service.routes.reduce(0) { $0 + $1.weight }
    var pick = rng.unit() * total
    var route = service.routes[0]
    for r in service.routes {
      pick -= r.weight
      if pick <= 0 {
        route = r
        break
      }
    }
    var median = route.medianMs
    if afterDeploy && route.template == scenario.slowedRoute { median *= scenario.slowdown }
    let ms = Swift.max(0.2, median * Glibc.exp(0.5 * rng.normal()))
    var status = route.method == "POST" ? 201 : 200
    if rng.chance(route.errorRate) {
      status = rng.pick([500, 502, 503])
    } else if rng.chance(0.03) && route.template != "/health" {
      status = rng.pick([404, 401, 422])
    }
    let path = route.makePath(&rng)
    let client = "10.0.\(rng.next() % 8).\(rng.next() % 250 + 2)"
    let bytes = status >= 500 ? 21 : Int(200 + rng.next() % 4000)
    let ua =
      route.template == "/health"
      ? "kube-probe/1.29"
      : rng.pick(["python-httpx/0.27.0", "Mozilla/5.0 (X11; Linux x86_64)", "okhttp/4.12.0"])
    let line =
      "\(client) - - [\(CivilClock(time).nginx)] \"\(route.method) \(path) HTTP/1.1\" \(status) \(bytes) \"-\" \"\(ua)\" \(String(cFormat: "%.3f", ms / 1000))"
    pendingLines.append((time, self.path("\(service.name).access.log"), line))
    if status >= 500 && service.name == "api" {
      let ts = CivilClock(time - ms / 1000, offsetSeconds: offsetSeconds).asctime
      pendingLines.append(
        (
          time - ms / 1000, appLogPath,
          """
          \(ts) ERROR app.orders: unhandled error on \(route.method) \(path)
          Traceback (most recent call last):
            File "/srv/app/orders.py", line 42, in get_order
              row = repo.fetch(order_id)
            File "/srv/app/repo.py", line 17, in fetch
              return self._pool.fetch(key, timeout=2)
          TimeoutError: database pool exhausted after 2s
          """
        ))
    } else if rng.chance(0.01) {
      let ts = CivilClock(time, offsetSeconds: offsetSeconds).asctime
      pendingLines.append(
        (time, appLogPath, "\(ts) INFO app.orders: order \(rng.next() % 100000) created"))
    }
  }

  private func runTask(_ task: DemoScenario.Task, at time: Double, afterDeploy: Bool) {
    runCounter += 1
    let id = Self.uuid(runCounter, &rng)
    let took = Swift.max(0.005, task.medianSeconds * Glibc.exp(0.4 * rng.normal()))
    let end = time + took
    let startStamp = CivilClock(time, offsetSeconds: offsetSeconds).asctime
    let endStamp = CivilClock(end, offsetSeconds: offsetSeconds).asctime
    pendingLines.append(
      (time, workerLogPath, "[\(startStamp): INFO/MainProcess] Task \(task.name)[\(id)] received"))
    let broken = afterDeploy && task.name == scenario.brokenTask
    if broken || rng.chance(task.failureRate) {
      let (exType, exMessage, file, line, fn, code) =
        broken
        ? ("KeyError", "'sku'", "/srv/app/tasks.py", 88, "sync_sku", "sku = payload[\"sku\"]")
        : task.name.hasPrefix("reports.")
          ? (
            "ValueError", "no rows for report window", "/srv/app/reports.py", 31, "build_report",
            "raise ValueError(\"no rows for report window\")"
          )
          : (
            "ConnectionError", "smtp unreachable", "/srv/app/mail.py", 57, "send",
            "conn = smtplib.SMTP(host, timeout=5)"
          )
      let repr = "\(exType)(\(exMessage.hasPrefix("'") ? exMessage : "'\(exMessage)'"))"
      pendingLines.append(
        (
          end, workerLogPath,
          """
          [\(endStamp): ERROR/ForkPoolWorker-\(1 + rng.next() % 4)] Task \(task.name)[\(id)] raised unexpected: \(repr)
          Traceback (most recent call last):
            File "/srv/venv/lib/python3.12/site-packages/celery/app/trace.py", line 453, in trace_task
              R = retval = fun(*args, **kwargs)
            File "\(file)", line \(line), in \(fn)
              \(code)
          \(exType): \(exMessage)
          """
        ))
    } else if task.name == "tasks.send_receipt" && rng.chance(0.05) {
      pendingLines.append(
        (
          end, workerLogPath,
          "[\(endStamp): INFO/ForkPoolWorker-1] Task \(task.name)[\(id)] retry: Retry in 10s: ConnectionError('smtp unreachable')"
        ))
    } else {
      pendingLines.append(
        (
          end, workerLogPath,
          "[\(endStamp): INFO/ForkPoolWorker-\(1 + rng.next() % 4)] Task \(task.name)[\(id)] succeeded in \(String(cFormat: "%.4f", took))s: None"
        ))
    }
  }

  /// Writes pending lines with a time before `t`, in time order; later ones wait (a task still running).
  private func flush(until t: Double) {
    let ready = pendingLines.filter { $0.time < t }.sorted { $0.time < $1.time }
    pendingLines.removeAll { $0.time < t }
    var chunks: [String: String] = [:]
    for l in ready { chunks[l.file, default: ""] += l.text + "\n" }
    for (file, text) in chunks.sorted(by: { $0.key < $1.key }) {
      do {
        try handles[file]?.write(text)
      } catch let error as OutputFileError {
        if writeError == nil { writeError = error }
      } catch {}
    }
  }

  static func uuid(_ n: UInt64, _ rng: inout SplitMix64) -> String {
    let a = rng.next()
    let b = rng.next() ^ n
    func hex(_ v: UInt64, _ digits: Int) -> String {
      let s = String(v, radix: 16)
      return String(repeating: "0", count: Swift.max(0, digits - s.count)) + s.suffix(digits)
    }
    return
      "\(hex(a >> 32, 8))-\(hex((a >> 16) & 0xFFFF, 4))-4\(hex(a & 0xFFF, 3))-a\(hex(b >> 52, 3))-\(hex(b & 0xFFFF_FFFF_FFFF, 12))"
  }
}
