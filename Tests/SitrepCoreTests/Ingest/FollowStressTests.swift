import Foundation
import Glibc
import Synchronization
import Testing

@testable import SitrepCore

/// What the writer thread and the following test thread tell each other.
private final class StressSignals: Sendable {
  let rotationsSeen = Atomic<Int>(0)
  let truncationsSeen = Atomic<Int>(0)
  let writerFinished = Atomic<Bool>(false)
}

/// Parses the decimal number a stress line starts with.
private func lineNumber(_ line: LineBytes) -> Int? {
  var value = 0
  var digits = 0
  for byte in line {
    guard byte >= 0x30 && byte <= 0x39 else { break }
    value = value &* 10 &+ Int(byte - 0x30)
    digits += 1
  }
  return digits > 0 ? value : nil
}

/// Appends `range` as numbered lines in batches, each batch split across two write(2) calls at an
/// arbitrary byte so the follower regularly sees half-written lines.
private func appendNumbered(_ descriptor: Int32, _ range: Range<Int>) {
  var batch: [UInt8] = []
  var number = range.lowerBound
  while number < range.upperBound {
    batch.removeAll(keepingCapacity: true)
    let end = min(number + 997, range.upperBound)
    for value in number..<end {
      batch.append(contentsOf: "\(value) padding-to-look-like-a-log-line\n".utf8)
    }
    let cut = batch.count / 3
    batch.withUnsafeBytes { bytes in
      _ = write(descriptor, bytes.baseAddress, cut)
      _ = write(descriptor, bytes.baseAddress! + cut, bytes.count - cut)
    }
    number = end
  }
}

/// Blocks (spinning on an atomic with a deadline) until the follower reports `count`.
private func waitFor(_ value: borrowing Atomic<Int>, toReach count: Int) {
  let deadline = wallNow() + 30
  while value.load(ordering: .acquiring) < count && wallNow() < deadline { sched_yield() }
}

@Suite(.serialized) struct FollowStressTests {
  static let total = 500_000
  static let segments = 5

  /// Follows until the writer is done and `complete()` holds, with a deadline.
  private func follow(
    _ set: SourceSet, signals: StressSignals, until complete: @autoclosure () -> Bool,
    _ sink: (IngestItem) -> Void
  ) {
    let deadline = wallNow() + 120
    while wallNow() < deadline {
      let timeout = set.nextTimeoutMs(now: wallNow())
      var descriptor = pollfd(fd: set.wakeDescriptor, events: Int16(POLLIN), revents: 0)
      _ = poll(&descriptor, 1, timeout < 0 ? 50 : min(timeout, 50))
      set.pump(now: wallNow(), sink)
      let status = set.statuses[0]
      signals.rotationsSeen.store(status.rotations, ordering: .releasing)
      signals.truncationsSeen.store(status.truncations, ordering: .releasing)
      if signals.writerFinished.load(ordering: .acquiring) && complete() { return }
    }
  }

  @Test func renameRotationUnderLoadDeliversEveryLineExactlyOnce() {
    let directory = TemporaryDirectory()
    let path = directory.file("busy.log")
    FileOps.write(path, "")
    let options = FollowOptions(quietSeconds: 60)
    let set = SourceSet(specs: [SourceSpec(pattern: path)], options: options)
    set.pump(now: wallNow()) { _ in }
    let signals = StressSignals()
    let total = Self.total
    let segmentLength = total / Self.segments
    let writer = Thread {
      var descriptor = open(path, O_WRONLY | O_APPEND)
      for segment in 0..<Self.segments {
        let start = segment * segmentLength
        appendNumbered(
          descriptor, start..<(segment == Self.segments - 1 ? total : start + segmentLength))
        guard segment < Self.segments - 1 else { break }
        // logrotate `create`: rename, make the new file, then the writer reopens. Rotations are
        // hours apart in real life; here the next waits until the follower has seen this one.
        rename(path, path + ".\(segment + 1)")
        let fresh = open(path, O_WRONLY | O_APPEND | O_CREAT, 0o644)
        close(descriptor)
        descriptor = fresh
        waitFor(signals.rotationsSeen, toReach: segment + 1)
      }
      close(descriptor)
      signals.writerFinished.store(true, ordering: .releasing)
    }
    writer.start()
    var seen = [UInt8](repeating: 0, count: total)
    var received = 0
    var unparsable = 0
    follow(set, signals: signals, until: received >= total) { item in
      guard case .line(_, let bytes, _) = item else { return }
      received += 1
      if let number = lineNumber(bytes), number >= 0, number < total {
        seen[number] &+= 1
      } else {
        unparsable += 1
      }
    }
    let writerFinished = signals.writerFinished.load(ordering: .acquiring)
    #expect(writerFinished)
    #expect(unparsable == 0)
    #expect(seen.filter { $0 == 0 }.count == 0, "lost lines")
    #expect(seen.filter { $0 > 1 }.count == 0, "duplicated lines")
    #expect(set.statuses[0].rotations == Self.segments - 1)
    #expect(set.statuses[0].lines == total)
  }

  /// With the copy next to the log (as logrotate makes it) the unread tail is recovered from it;
  /// with the copy elsewhere, copytruncate's own window loses lines, but only tails.
  @Test(arguments: [true, false])
  func copytruncateUnderLoadNeverDuplicatesAndLosesOnlyInItsWindow(copyNextToLog: Bool) {
    let directory = TemporaryDirectory()
    let elsewhere = TemporaryDirectory()
    let copyPrefix = copyNextToLog ? directory.file("busy.log") : elsewhere.file("copy")
    let path = directory.file("busy.log")
    FileOps.write(path, "")
    let options = FollowOptions(quietSeconds: 60)
    let set = SourceSet(specs: [SourceSpec(pattern: path)], options: options)
    set.pump(now: wallNow()) { _ in }
    let signals = StressSignals()
    let total = Self.total
    let segmentLength = total / Self.segments
    let writer = Thread {
      let descriptor = open(path, O_WRONLY | O_APPEND)
      for segment in 0..<Self.segments {
        let start = segment * segmentLength
        appendNumbered(
          descriptor, start..<(segment == Self.segments - 1 ? total : start + segmentLength))
        guard segment < Self.segments - 1 else { break }
        // logrotate `copytruncate`: shift older copies, copy, then truncate in place; the writer
        // keeps its descriptor.
        for older in stride(from: segment, through: 1, by: -1) {
          rename(copyPrefix + ".\(older)", copyPrefix + ".\(older + 1)")
        }
        if let copy = FileManager.default.contents(atPath: path) {
          _ = FileManager.default.createFile(atPath: copyPrefix + ".1", contents: copy)
        }
        ftruncate(descriptor, 0)
        waitFor(signals.truncationsSeen, toReach: segment + 1)
      }
      close(descriptor)
      signals.writerFinished.store(true, ordering: .releasing)
    }
    writer.start()
    var seen = [UInt8](repeating: 0, count: total)
    var unparsable = 0
    follow(set, signals: signals, until: seen[total - 1] > 0) { item in
      guard case .line(_, let bytes, let flags) = item else { return }
      // A line cut by the truncation is handed over flagged partial: its number may be cut too.
      if !flags.contains(.partial), let number = lineNumber(bytes), number >= 0, number < total {
        seen[number] &+= 1
      } else {
        unparsable += 1
      }
    }
    let writerFinished = signals.writerFinished.load(ordering: .acquiring)
    #expect(writerFinished)
    #expect(seen.filter { $0 > 1 }.count == 0, "duplicated lines")
    #expect(set.statuses[0].truncations == Self.segments - 1)
    // Losses may only be the tail of a generation: lines written after our last read of it and
    // before the truncate. The first lines of every generation always arrive.
    var lost = 0
    for segment in 0..<Self.segments {
      let range = (segment * segmentLength)..<((segment + 1) * segmentLength)
      let missing = range.filter { seen[$0] == 0 }
      lost += missing.count
      #expect(seen[range.lowerBound] == 1, "generation \(segment) starts complete")
      if let firstMissing = missing.first {
        #expect(range[firstMissing...].allSatisfy { seen[$0] == 0 }, "losses are one tail")
      }
    }
    #expect(seen[total - 1] == 1)
    #expect(unparsable <= Self.segments, "at most one cut line per truncation")
    if copyNextToLog {
      #expect(lost == 0, "the unread tail comes from the copy")
      #expect(unparsable == 0)
    }
    print("copytruncate stress: \(lost) of \(total) lines lost in the copytruncate window")
  }
}
