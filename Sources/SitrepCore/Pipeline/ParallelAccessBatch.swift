import Dispatch
import Glibc

/// Headless reads of big access logs decode on both cores: lines of one source are copied into a
/// batch, and each full batch is split in two parts, the first decoded on the calling thread into
/// the real model, the second on another thread into a shard of it, merged at the end.
///
/// Two buffers alternate, so the other thread is still decoding one batch while the calling thread
/// reads the file into the next: it only waits when it needs the other thread again.
///
/// Only access logs take this path: each line is a whole request, so no decoder state crosses
/// from one part to the other. Counting stays in file order: each part reports which lines were
/// malformed and the caller's decoder tallies them in order once both are done (`finish`).
final class ParallelAccessBatch {
  static let batchLines = 8192
  /// The calling thread also reads and splits the file, so it decodes the smaller part.
  static let callerShare = 40

  private let decoder: AccessLogDecoder
  private let recorder: RequestRecorder
  private let second: Lane
  let source: FileID
  /// Lines being added.
  private var filling = Buffer()
  /// The batch the other thread may be reading; untouched here until `finish`.
  private var inFlight = Buffer()
  private var pending: (group: DispatchGroup, firstMalformed: [Int], count: Int)?

  init(
    source: FileID, decoder: AccessLogDecoder, recorder: RequestRecorder, shard: Monitor,
    service: String?
  ) {
    self.source = source
    self.decoder = decoder
    self.recorder = recorder
    second = Lane(decoder: decoder.laneCopy(), shard: shard, service: service)
  }

  var isFull: Bool { filling.lineCount >= Self.batchLines }

  func append(_ line: LineBytes) { filling.append(line) }

  /// Starts decoding the lines added so far: the first part here, the rest on the other thread,
  /// which may still be at work when this returns.
  func run() {
    let count = filling.lineCount
    guard count > 0 else { return }
    finish()
    swap(&filling, &inFlight)
    let buffer = inFlight
    let split = count * Self.callerShare / 100
    let job = SecondPart(lane: second, buffer: buffer, range: split..<count)
    let group = DispatchGroup()
    DispatchQueue.global().async(group: group) { job.run() }
    var firstMalformed: [Int] = []
    for i in 0..<split where !decoder.recordUncounted(buffer.line(i), into: recorder) {
      firstMalformed.append(i)
    }
    pending = (group, firstMalformed, count)
  }

  /// Waits for the other thread and counts the last batch's lines, malformed ones in file order.
  func finish() {
    guard let p = pending else { return }
    p.group.wait()
    decoder.count(parsed: p.count - p.firstMalformed.count - second.malformed.count)
    for i in p.firstMalformed + second.malformed { decoder.countMalformed(inFlight.line(i)) }
    inFlight.reset()
    pending = nil
  }

  /// Lines copied end to end in one allocation (a Swift array could move while the other thread
  /// reads it). Each buffer is written by one thread and read by the other only in turn.
  private final class Buffer: @unchecked Sendable {
    private var bytes: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var used = 0
    /// Line `i` is `bytes[starts[i]..<starts[i + 1]]`.
    private var starts: [Int] = [0]

    init(capacity: Int = ParallelAccessBatch.batchLines * 160) {
      self.capacity = capacity
      bytes = .allocate(capacity: capacity)
      starts.reserveCapacity(ParallelAccessBatch.batchLines + 1)
    }

    deinit { bytes.deallocate() }

    var lineCount: Int { starts.count - 1 }

    func append(_ line: LineBytes) {
      if used + line.count > capacity {
        let grown = Swift.max(capacity * 2, used + line.count)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        moved.update(from: bytes, count: used)
        bytes.deallocate()
        bytes = moved
        capacity = grown
      }
      if let source = line.baseAddress { (bytes + used).update(from: source, count: line.count) }
      used += line.count
      starts.append(used)
    }

    func line(_ i: Int) -> LineBytes {
      LineBytes(start: bytes + starts[i], count: starts[i + 1] - starts[i])
    }

    func reset() {
      used = 0
      starts.removeAll(keepingCapacity: true)
      starts.append(0)
    }
  }

  /// The other thread's decoder and model shard, used by one job at a time: `run` starts a job
  /// only after `finish` has waited for the previous one.
  private final class Lane: @unchecked Sendable {
    let decoder: AccessLogDecoder
    let recorder: RequestRecorder
    var malformed: [Int] = []

    init(decoder: AccessLogDecoder, shard: Monitor, service: String?) {
      self.decoder = decoder
      recorder = shard.requestRecorder(service: service)
    }
  }

  /// One batch's second part, handed to the other thread.
  private struct SecondPart: Sendable {
    let lane: Lane
    let buffer: Buffer
    let range: Range<Int>

    func run() {
      lane.malformed.removeAll(keepingCapacity: true)
      for i in range where !lane.decoder.recordUncounted(buffer.line(i), into: lane.recorder) {
        lane.malformed.append(i)
      }
    }
  }
}
