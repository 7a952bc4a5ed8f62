import Dispatch

/// Headless reads of big access logs decode on both cores: lines of one source are copied into a
/// batch, and each full batch is split in two parts, the first decoded on the calling thread into
/// the real model, the second on another thread into a shard of it, merged at the end (`finish`).
///
/// Only access logs take this path: each line is a whole request, so no decoder state crosses
/// from one half to the other. Counting stays in file order: the halves report which lines were
/// malformed and the caller's decoder tallies them in order once both are done.
final class ParallelAccessBatch {
  static let batchLines = 8192

  private let decoder: AccessLogDecoder
  private let recorder: RequestRecorder
  private let second: Lane
  let source: FileID
  private var arena: [UInt8] = []
  /// Line `i` is `arena[starts[i]..<starts[i + 1]]`.
  private var starts: [Int] = [0]

  init(
    source: FileID, decoder: AccessLogDecoder, recorder: RequestRecorder, shard: Monitor,
    service: String?
  ) {
    self.source = source
    self.decoder = decoder
    self.recorder = recorder
    second = Lane(decoder: decoder.laneCopy(), shard: shard, service: service)
    arena.reserveCapacity(Self.batchLines * 160)
    starts.reserveCapacity(Self.batchLines + 1)
  }

  var isFull: Bool { starts.count > Self.batchLines }
  var isEmpty: Bool { starts.count == 1 }

  func append(_ line: LineBytes) {
    arena.append(contentsOf: line)
    starts.append(arena.count)
  }

  /// Decodes what is batched: the first half here, the second half on another thread.
  func run() {
    let count = starts.count - 1
    guard count > 0 else { return }
    // The calling thread also reads and splits the file, so the other thread takes a bit more.
    let half = count * 45 / 100
    var firstMalformed: [Int] = []
    arena.withUnsafeBufferPointer { bytes in
      let job = SecondHalf(lane: second, bytes: bytes, starts: starts, range: half..<count)
      let group = DispatchGroup()
      DispatchQueue.global().async(group: group) { job.run() }
      for i in 0..<half where !decoder.recordUncounted(line(i, bytes), into: recorder) {
        firstMalformed.append(i)
      }
      group.wait()
      decoder.count(parsed: count - firstMalformed.count - second.malformed.count)
      for i in firstMalformed + second.malformed { decoder.countMalformed(line(i, bytes)) }
    }
    arena.removeAll(keepingCapacity: true)
    starts.removeAll(keepingCapacity: true)
    starts.append(0)
  }

  private func line(_ i: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> LineBytes {
    LineBytes(rebasing: bytes[starts[i]..<starts[i + 1]])
  }

  /// The second thread's decoder and model shard. Touched by one thread at a time: the batch
  /// hands it over in `run` and waits for it before reading `malformed`.
  private final class Lane: @unchecked Sendable {
    let decoder: AccessLogDecoder
    let recorder: RequestRecorder
    var malformed: [Int] = []

    init(decoder: AccessLogDecoder, shard: Monitor, service: String?) {
      self.decoder = decoder
      recorder = shard.requestRecorder(service: service)
    }
  }

  /// One half-batch of work, handed to the other thread. The buffer it reads stays alive and
  /// unchanged until `run` has waited for it.
  private struct SecondHalf: @unchecked Sendable {
    let lane: Lane
    let bytes: UnsafeBufferPointer<UInt8>
    let starts: [Int]
    let range: Range<Int>

    func run() {
      lane.malformed.removeAll(keepingCapacity: true)
      for i in range {
        let line = LineBytes(rebasing: bytes[starts[i]..<starts[i + 1]])
        if !lane.decoder.recordUncounted(line, into: lane.recorder) { lane.malformed.append(i) }
      }
    }
  }
}
