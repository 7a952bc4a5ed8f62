import Glibc

/// The files a remote glob (`web1:/var/log/app/*.log`) matches, listed on the host by
/// `CommandArgv.listing` (NUL-separated) at the start and again every so often while following,
/// so a file that appears later is picked up.
final class RemoteGlobListing {
  let specIndex: Int
  let host: String
  let pattern: String
  private var process: ChildProcess?
  private var output: [UInt8] = []
  private var found: [String] = []
  private var known: Set<String> = []
  private var nextAt: EpochSeconds = 0
  private(set) var stderrTail: [String] = []
  private var errors: [UInt8] = []
  /// Why the last listing failed; nil when it worked.
  private(set) var failure: String?

  init(specIndex: Int, host: String, pattern: String) {
    self.specIndex = specIndex
    self.host = host
    self.pattern = pattern
  }

  func isDue(now: EpochSeconds) -> Bool { process != nil || now >= nextAt }

  var deadline: EpochSeconds? { process == nil ? nextAt : nil }

  /// Starts a listing when due and collects what it printed; at its end the new paths wait in
  /// `takeFound`.
  func service(now: EpochSeconds, argv: [String], wake: WakeSet?, rescanSeconds: Double) {
    if process == nil {
      guard now >= nextAt else { return }
      output = []
      errors = []
      do {
        process = try ChildProcess.spawn(argv, wake: wake)
      } catch {
        failure = "cannot start \(argv.first ?? ""): \(error.description)"
        nextAt = now + rescanSeconds
        return
      }
    }
    guard let process else { return }
    let outputEnded = drain(process)
    if outputEnded, process.reap() {
      finish(process)
      nextAt = now + rescanSeconds
    }
  }

  func readToEnd(argv: [String], wake: WakeSet?, seconds: Double) {
    let stopAt = monotonicSeconds() + seconds
    service(now: 0, argv: argv, wake: wake, rescanSeconds: .infinity)
    while let process = self.process {
      if monotonicSeconds() >= stopAt {
        process.stop()
        failure = "listing still running after \(Formatting.duration(seconds)): stopped"
        self.process = nil
        return
      }
      var fds = [process.stdout, process.stderr].filter { $0 >= 0 }.map {
        pollfd(fd: $0, events: Int16(POLLIN), revents: 0)
      }
      _ = poll(&fds, nfds_t(fds.count), fds.isEmpty ? 10 : 100)
      service(now: 0, argv: argv, wake: wake, rescanSeconds: .infinity)
    }
  }

  func takeFound() -> [String] {
    defer { found = [] }
    return found
  }

  func stop() {
    process?.stop()
    process = nil
  }

  /// Reads what is there; true once both pipes reached their end.
  private func drain(_ process: ChildProcess) -> Bool {
    var buffer = [UInt8](repeating: 0, count: 16384)
    var ended = true
    for stream in [\ChildProcess.stdout, \ChildProcess.stderr] {
      while true {
        let n = buffer.withUnsafeMutableBytes {
          process.read(stream: stream, into: $0.baseAddress!, count: $0.count)
        }
        guard let n else {
          ended = false
          break
        }
        if n == 0 { break }
        if stream == \ChildProcess.stdout {
          output += buffer[..<n]
        } else if errors.count < 65536 {
          errors += buffer[..<n]
        }
      }
    }
    return ended
  }

  private func finish(_ process: ChildProcess) {
    self.process = nil
    stderrTail = errors.split(separator: UInt8(ascii: "\n")).suffix(CommandSource.stderrLinesKept)
      .map { bytes in Array(bytes).withUnsafeBufferPointer { TextSanitizer.display($0) } }
    if process.ending == .exited(0) {
      failure = nil
    } else {
      failure =
        "listing \(pattern) on \(host): ssh \(process.ending?.description ?? "ended")"
        + (stderrTail.last.map { ": " + $0 } ?? "")
    }
    for name in output.split(separator: 0) {
      let path = String(decoding: name, as: UTF8.self)
      if known.insert(path).inserted { found.append(path) }
    }
  }
}
