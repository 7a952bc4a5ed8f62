import Foundation
import Glibc
import Testing

@testable import SitrepCore

/// Wall-clock seconds, the clock `pump` is given in these tests.
func wallNow() -> EpochSeconds { Date().timeIntervalSince1970 }

/// A fresh directory under /tmp, removed when the value goes away.
final class TemporaryDirectory {
  let path: String

  init() {
    var template = Array("/tmp/sitrep-ingest-XXXXXX".utf8CString)
    guard let made = mkdtemp(&template) else { fatalError("mkdtemp failed") }
    path = String(cString: made)
  }

  deinit { try? FileManager.default.removeItem(atPath: path) }

  func file(_ name: String) -> String { path + "/" + name }
}

/// Writes, appends, renames and truncates files the way log writers and logrotate do.
enum FileOps {
  static func write(_ path: String, _ text: String) {
    _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
  }

  static func writeBytes(_ path: String, _ bytes: [UInt8]) {
    _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
  }

  static func append(_ path: String, _ text: String) { appendBytes(path, Array(text.utf8)) }

  static func appendBytes(_ path: String, _ bytes: [UInt8]) {
    let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT, 0o644)
    precondition(descriptor >= 0, "open \(path) failed")
    bytes.withUnsafeBytes { _ = Glibc.write(descriptor, $0.baseAddress, $0.count) }
    close(descriptor)
  }

  static func rename(_ from: String, _ to: String) { precondition(Glibc.rename(from, to) == 0) }
  static func remove(_ path: String) { try? FileManager.default.removeItem(atPath: path) }
  static func truncate(_ path: String) { precondition(Glibc.truncate(path, 0) == 0) }
  static func makeDirectory(_ path: String) {
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }
}

/// Drives a `SourceSet` the way the run loop does (poll on its descriptor with its timeout, then
/// pump) and records what came out. Waits are conditions polled with a deadline.
final class FollowHarness {
  let set: SourceSet
  private(set) var lines: [FileID: [String]] = [:]
  private(set) var flags: [FileID: [LineFlags]] = [:]
  private(set) var resets: [FileID: [ResetReason]] = [:]
  private(set) var quiets: [FileID: Int] = [:]
  private(set) var snapshots: [FileID: [[String]]] = [:]
  private var snapshotLines: [FileID: [String]] = [:]

  init(
    _ specs: [SourceSpec], options: FollowOptions = FollowOptions(),
    timeProbe: ((LineBytes) -> EpochSeconds?)? = nil
  ) {
    set = SourceSet(specs: specs, options: options, timeProbe: timeProbe)
  }

  convenience init(path: String, options: FollowOptions = FollowOptions()) {
    self.init([SourceSpec(pattern: path)], options: options)
  }

  func record(_ item: IngestItem) {
    switch item {
    case .line(let id, let bytes, let lineFlags):
      let text = String(decoding: bytes, as: UTF8.self)
      lines[id, default: []].append(text)
      flags[id, default: []].append(lineFlags)
      snapshotLines[id, default: []].append(text)
    case .snapshotEnd(let id):
      snapshots[id, default: []].append(snapshotLines[id] ?? [])
      snapshotLines[id] = []
    case .quiet(let id): quiets[id, default: 0] += 1
    case .reset(let id, let reason): resets[id, default: []].append(reason)
    }
  }

  /// All lines of the first file (most tests follow one).
  var first: [String] { lines[FileID(rawValue: 0)] ?? [] }
  var firstStatus: SourceHealth { self.set.statuses[0] }

  /// One turn of the run loop: block in poll(2) at most `maxWaitMs`, then pump.
  func turn(maxWaitMs: Int32 = 20) {
    let timeout = set.nextTimeoutMs(now: wallNow())
    let wait = timeout < 0 ? maxWaitMs : min(timeout, maxWaitMs)
    var descriptor = pollfd(fd: set.wakeDescriptor, events: Int16(POLLIN), revents: 0)
    _ = poll(&descriptor, set.wakeDescriptor >= 0 ? 1 : 0, wait)
    set.pump(now: wallNow()) { record($0) }
  }

  /// Runs the loop until `condition` holds or `seconds` pass; returns whether it held.
  @discardableResult
  func run(until condition: () -> Bool, seconds: Double = 10) -> Bool {
    let deadline = wallNow() + seconds
    while wallNow() < deadline {
      turn()
      if condition() { return true }
    }
    return condition()
  }
}
