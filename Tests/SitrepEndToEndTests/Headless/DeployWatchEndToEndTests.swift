import Foundation
import Testing

/// `check --watch` on files a writer appends to in real time: the real binary, real files, real
/// clocks. Conditions are polled with deadlines; nothing waits a fixed time.
@Suite(.serialized) struct DeployWatchEndToEndTests {
  /// An nginx access log with 10 minutes of clean history, and a writer that keeps appending
  /// 20 requests a second at the wall clock with a share of them failing.
  final class LiveWriter: @unchecked Sendable {
    let dir: URL
    let lock = NSLock()
    private var errorShare = 0.01
    private var stopped = false
    private var pendingDeploy: String?
    private var thread: Thread?
    private var counter = 0

    var access: String { dir.appendingPathComponent("api.access.log").path }
    var deploys: String { dir.appendingPathComponent("deploys.jsonl").path }

    init(historySeconds: Double, deployAgo: Double?) throws {
      dir = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-watch-\(UUID())")
      try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
      let now = Date().timeIntervalSince1970
      var history = ""
      var t = now - historySeconds
      while t < now {
        history += line(at: t, failed: counter % 100 == 0)
        t += 0.05
      }
      try history.write(toFile: access, atomically: true, encoding: .utf8)
      let deployLines = deployAgo.map { Self.deploy("v2", at: now - $0, rollback: "v1") } ?? ""
      try Self.deploy("v1", at: now - historySeconds - 60, rollback: nil).appending(deployLines)
        .write(toFile: deploys, atomically: true, encoding: .utf8)
    }

    static func deploy(_ version: String, at t: Double, rollback: String?) -> String {
      let iso = ISO8601DateFormatter()
      iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
      let stamp = iso.string(from: Date(timeIntervalSince1970: t))
      let back = rollback.map { #", "rollback": "./deploy.sh \#($0)""# } ?? ""
      return #"{"ts": "\#(stamp)", "version": "\#(version)", "by": "ci"\#(back)}"# + "\n"
    }

    func line(at t: Double, failed: Bool) -> String {
      counter += 1
      let f = DateFormatter()
      f.locale = Locale(identifier: "en_US_POSIX")
      f.timeZone = TimeZone(identifier: "UTC")
      f.dateFormat = "dd/MMM/yyyy:HH:mm:ss Z"
      let stamp = f.string(from: Date(timeIntervalSince1970: t))
      let ms = 0.030 + Double(counter % 7) * 0.004
      return
        "10.0.0.\(counter % 200 + 2) - - [\(stamp)] \"GET /api/items/\(counter % 50) HTTP/1.1\" "
        + "\(failed ? 500 : 200) 512 \"-\" \"curl/8\" \(String(format: "%.3f", ms))\n"
    }

    /// Deploys `version` now (a deploy log line), then fails `share` of the requests.
    func deployNow(_ version: String, errorShare share: Double) {
      lock.withLock {
        pendingDeploy = Self.deploy(version, at: Date().timeIntervalSince1970, rollback: "v2")
        errorShare = share
      }
    }

    func setErrorShare(_ share: Double) { lock.withLock { errorShare = share } }

    func start() {
      let t = Thread { [self] in
        let out = FileHandle(forWritingAtPath: access)!
        out.seekToEndOfFile()
        var last = Date().timeIntervalSince1970
        var failures = 0.0
        while !lock.withLock({ stopped }) {
          let (share, deploy) = lock.withLock {
            let d = pendingDeploy
            pendingDeploy = nil
            return (errorShare, d)
          }
          if let deploy, let d = FileHandle(forWritingAtPath: deploys) {
            d.seekToEndOfFile()
            d.write(deploy.data(using: .utf8)!)
            d.closeFile()
          }
          let now = Date().timeIntervalSince1970
          var batch = ""
          while last < now {
            failures += share
            let failed = failures >= 1
            if failed { failures -= 1 }
            batch += line(at: last, failed: failed)
            last += 0.05
          }
          out.write(batch.data(using: .utf8)!)
          Thread.sleep(forTimeInterval: 0.1)  // the writer's pace, not a synchronisation
        }
        out.closeFile()
      }
      thread = t
      t.start()
    }

    func stop() { lock.withLock { stopped = true } }
    func remove() {
      stop()
      try? FileManager.default.removeItem(at: dir)
    }
  }

  /// A running `sitrep` whose output files are read while it runs.
  struct Running {
    let process = Process()
    let out: URL
    let err: URL

    init(_ arguments: [String]) throws {
      let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
        "sitrep-watch-out-\(UUID())")
      try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
      out = scratch.appendingPathComponent("stdout")
      err = scratch.appendingPathComponent("stderr")
      FileManager.default.createFile(atPath: out.path, contents: nil)
      FileManager.default.createFile(atPath: err.path, contents: nil)
      process.executableURL = URL(fileURLWithPath: SitrepBinary.path)
      process.arguments = arguments
      process.environment = CommandRunner.baseEnvironment()
      process.standardOutput = try FileHandle(forWritingTo: out)
      process.standardError = try FileHandle(forWritingTo: err)
      process.standardInput = FileHandle.nullDevice
      try process.run()
    }

    var stdout: String { (try? String(contentsOf: out, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOf: err, encoding: .utf8)) ?? "" }

    /// Polls until `condition` holds or `seconds` pass; false on the deadline.
    func waitFor(_ seconds: Double, _ condition: () -> Bool) -> Bool {
      let deadline = Date().addingTimeInterval(seconds)
      while Date() < deadline {
        if condition() { return true }
        usleep(50_000)
      }
      return condition()
    }

    func finish(within seconds: Double) -> Int32? {
      guard waitFor(seconds, { !process.isRunning }) else {
        process.terminate()
        return nil
      }
      return process.terminationStatus
    }
  }

  /// Start the watch, then deploy: the gate waits for the deploy, watches it, and exits 2 within
  /// seconds of half the requests failing, naming the metric and the rollback.
  @Test func aGrossRegressionAfterTheNextDeployIsCriticalWithinSeconds() throws {
    let writer = try LiveWriter(historySeconds: 600, deployAgo: nil)
    defer { writer.remove() }
    writer.start()
    let watch = try Running([
      "check", "--watch", "3m", "--next", "--look-every", "1s", writer.access, writer.deploys,
    ])
    #expect(watch.waitFor(60) { watch.stdout.contains("waiting for the next deploy") })
    let deployedAt = Date()
    writer.deployNow("v3", errorShare: 0.5)
    let status = watch.finish(within: 90)
    let took = Date().timeIntervalSince(deployedAt)
    #expect(status == 2, "stdout: \(watch.stdout)\nstderr: \(watch.stderr)")
    let last = watch.stdout.split(separator: "\n").last.map(String.init) ?? ""
    #expect(last.hasPrefix("SITREP CRITICAL - deploy v3: "), "\(last)")
    #expect(last.contains("error_rate"))
    #expect(last.contains("roll back: ./deploy.sh v2"))
    #expect(watch.stdout.contains("watch v3 +"), "a progress line per look: \(watch.stdout)")
    // One slot of 10 s must fill after the deploy; the rest is reading and looking.
    #expect(took < 45, "took \(took) s")
  }

  /// SIGTERM mid-watch: the verdict so far (nothing significant, not conclusive) and exit 1;
  /// with --json, the full analysis on stdout.
  @Test func sigtermGivesTheVerdictSoFar() throws {
    let writer = try LiveWriter(historySeconds: 600, deployAgo: 5)
    defer { writer.remove() }
    writer.start()
    let watch = try Running([
      "check", "--since-deploy", "--watch", "10m", "--look-every", "1s", "--json", writer.access,
      writer.deploys,
    ])
    // A progress line after a look, with the tests' evidence ("; worst ...").
    #expect(watch.waitFor(90) { watch.stderr.contains("; worst ") })
    watch.process.terminate()  // SIGTERM
    let status = watch.finish(within: 30)
    #expect(status == 1, "stdout: \(watch.stdout)\nstderr: \(watch.stderr)")
    #expect(watch.stderr.contains("SITREP WARNING - deploy v2: stopped after"))
    let json = try JSONSerialization.jsonObject(with: Data(watch.stdout.utf8)) as? [String: Any]
    let check = json?["check"] as? [String: Any]
    let gate = json?["gate"] as? [String: Any]
    #expect(check?["exit_code"] as? Int == 1)
    #expect(check?["stopped_early"] as? Bool == true)
    #expect(gate?["verdict"] as? String == "watching")
    #expect((gate?["tests"] as? [Any])?.isEmpty == false)
    #expect((gate?["samples"] as? [String: Any])?["before_requests"] as? Int ?? 0 > 10_000)
  }

  /// `--next` with no deploy coming: UNKNOWN (3) once the watch's length has passed, not a hang.
  @Test func noDeployAppearingIsUnknown() throws {
    let writer = try LiveWriter(historySeconds: 120, deployAgo: nil)
    defer { writer.remove() }
    let result = try CommandRunner.sitrep(
      ["check", "--watch", "3s", "--next", writer.access, writer.deploys], timeout: 60)
    #expect(result.status == 3, "\(result.stdout)")
    #expect(result.stdout.contains("SITREP UNKNOWN - no the next deploy appeared") == false)
    #expect(result.stdout.contains("SITREP UNKNOWN - no next deploy appeared in 3s"))
  }

  /// The watch's options say what they take, and go with --watch only.
  @Test func watchOptionsAreValidated() throws {
    for args in [
      ["check", "--deploy", "v2", "x.log"], ["check", "--watch", "2h", "x.log"],
      ["check", "--watch", "10m", "--next", "--deploy", "v2", "x.log"],
      ["check", "--watch", "10m", "--at", "2026-11-24T14:00:00Z", "x.log"],
    ] {
      let result = try CommandRunner.sitrep(args, timeout: 30)
      #expect(result.status == 64, "\(args): \(result.stderr)")
      #expect(!result.stderr.isEmpty)
    }
  }
}
