import Dispatch
import Glibc
import SitrepCore
import Synchronization

/// What one follow benchmark run measured.
public struct FollowBenchmarkResult: Sendable, Equatable, CustomStringConvertible {
  public var lines: Int
  public var bytes: Int
  /// From the writer's first byte to the follower's last line.
  public var seconds: Double
  /// How long the writer alone took: when it is close to `seconds`, the writer was the limit.
  public var writerSeconds: Double
  /// Reading the finished file again from its start (page cache, no writer): the follower's own
  /// ceiling in lines per second.
  public var catchUpLinesPerSecond: Double
  public var linesPerSecond: Double { seconds > 0 ? Double(lines) / seconds : 0 }
  public var megabytesPerSecond: Double { seconds > 0 ? Double(bytes) / seconds / 1e6 : 0 }

  public var description: String {
    let rate = Int(saturating: linesPerSecond.rounded())
    let throughput = (megabytesPerSecond * 10).rounded() / 10
    let elapsed = (seconds * 1000).rounded() / 1000
    return "followed \(lines) lines (\(bytes) bytes) in \(elapsed) s: \(rate) lines/s, "
      + "\(throughput) MB/s (writer alone \((writerSeconds * 1000).rounded() / 1000) s); "
      + "catch-up read \(Int(saturating: catchUpLinesPerSecond.rounded())) lines/s"
  }
}

/// Lines per second followed from a fast writer: a thread appends nginx-like lines as fast as it
/// can while this thread follows the file the way the run loop does (poll, then pump).
public enum FollowBenchmark {
  public static func run(lines: Int, directory: String) -> FollowBenchmarkResult {
    let path = directory + "/sitrep-bench-follow-\(getpid()).log"
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      return FollowBenchmarkResult(
        lines: 0, bytes: 0, seconds: 0, writerSeconds: 0, catchUpLinesPerSecond: 0)
    }
    defer { unlink(path) }
    let set = SourceSet(
      specs: [SourceSpec(pattern: path)], options: FollowOptions(quietSeconds: 60))
    set.pump(now: clockSeconds()) { _ in }
    let total = max(0, lines)
    let writerTime = WriterClock()
    let start = clockSeconds()
    DispatchQueue.global().async {
      writeLines(total, to: descriptor)
      close(descriptor)
      writerTime.finished(at: clockSeconds())
    }
    var seenLines = 0
    var seenBytes = 0
    while seenLines < total {
      let timeout = set.nextTimeoutMs(now: clockSeconds())
      var wake = pollfd(fd: set.wakeDescriptor, events: Int16(POLLIN), revents: 0)
      _ = poll(&wake, set.wakeDescriptor >= 0 ? 1 : 0, timeout < 0 ? 100 : min(timeout, 100))
      set.pump(now: clockSeconds()) { item in
        if case .line(_, let bytes, _) = item {
          seenLines += 1
          seenBytes += bytes.count + 1
        }
      }
      if clockSeconds() - start > 600 { break }  // a broken follower must not hang the caller
    }
    let end = clockSeconds()
    return FollowBenchmarkResult(
      lines: seenLines, bytes: seenBytes, seconds: end - start,
      writerSeconds: writerTime.seconds(since: start),
      catchUpLinesPerSecond: catchUpRate(path))
  }

  private static func catchUpRate(_ path: String) -> Double {
    let again = SourceSet(
      specs: [SourceSpec(pattern: path)], options: FollowOptions(fromStart: true))
    var count = 0
    let start = clockSeconds()
    again.readOnce(now: 0) { item in
      if case .line = item { count += 1 }
    }
    let seconds = clockSeconds() - start
    return seconds > 0 ? Double(count) / seconds : 0
  }

  private static func clockSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
  }

  private static func writeLines(_ count: Int, to descriptor: Int32) {
    let prefix = Array(
      "203.0.113.9 - - [24/Nov/2026:14:02:31 +0000] \"GET /api/orders/".utf8)
    let suffix = Array(
      " HTTP/1.1\" 200 512 \"-\" \"python-httpx/0.27\" 0.038 0.036\n".utf8)
    var batch: [UInt8] = []
    batch.reserveCapacity(1 << 20)
    for number in 0..<count {
      batch.append(contentsOf: prefix)
      batch.append(contentsOf: String(number).utf8)
      batch.append(contentsOf: suffix)
      if batch.count >= 1 << 20 || number == count - 1 {
        batch.withUnsafeBytes { bytes in
          var written = 0
          while written < bytes.count {
            let got = write(descriptor, bytes.baseAddress! + written, bytes.count - written)
            if got <= 0 { return }
            written += got
          }
        }
        batch.removeAll(keepingCapacity: true)
      }
    }
  }
}

/// When the writer thread finished, shared with the measuring thread.
private final class WriterClock: Sendable {
  private let end = Mutex<Double?>(nil)

  func finished(at moment: Double) { end.withLock { $0 = moment } }
  func seconds(since start: Double) -> Double { end.withLock { ($0 ?? start) - start } }
}
