/// Decodes the bulk of an access log on every core during a headless read: each lane (thread)
/// has its own decoder and its own model shard, lane 0 writing to the real model; the shards are
/// merged into it afterwards, and each chunk's line counts are added in file order, so the counts
/// and the last malformed lines shown are those of a read line by line.
///
/// Only access logs go this way (text ones and nginx's JSON): each line is a whole request, so no
/// decoder state crosses from one chunk to the next.
final class ParallelAccessDecoding<Decoder: LaneDecoder> {
  let decoder: Decoder
  private let monitor: Monitor
  private let service: String?
  private let host: String?

  init(decoder: Decoder, monitor: Monitor, service: String?, host: String? = nil) {
    self.decoder = decoder
    self.monitor = monitor
    self.service = service
    self.host = host
  }

  /// Decodes what `reader` covers, stamping lines without a time of their own `readAt`;
  /// returns what it read.
  func decode(_ reader: ChunkedLineReader, readAt: EpochSeconds) -> ChunkedLineReader.Totals {
    // Lane 0 writes to the model itself; the others each fill a shard, merged afterwards.
    var lanes = [Lane(decoder: decoder, shard: nil)]
    for _ in 1..<reader.lanes {
      let shard = monitor.shard()
      let sink = shard.requestSink(service: service, host: host)
      lanes.append(Lane(decoder: decoder.laneCopy(requests: sink), shard: shard))
    }
    let tallies = ChunkTallies(count: reader.chunkCount)
    let decoding = lanes
    let totals = reader.read { lane, chunk, bytes, lines in
      tallies[chunk] = decoding[lane].decode(bytes, lines, readAt: readAt)
    }
    for chunk in 0..<reader.chunkCount { decoder.absorb(tallies[chunk]) }
    for lane in lanes { if let shard = lane.shard { monitor.absorbRequests(from: shard) } }
    return totals
  }

  /// One thread's decoder, and the shard its sink fills (none for lane 0: the real model).
  private final class Lane: @unchecked Sendable {
    let decoder: Decoder
    let shard: Monitor?

    init(decoder: Decoder, shard: Monitor?) {
      self.decoder = decoder
      self.shard = shard
    }

    func decode(
      _ bytes: UnsafePointer<UInt8>, _ lines: UnsafeBufferPointer<ChunkedLineReader.Line>,
      readAt: EpochSeconds
    ) -> LineTally {
      var tally = LineTally()
      var parsed = 0
      for line in lines {
        let text = LineBytes(start: bytes + line.start, count: line.count)
        // Parsed lines, by far the most, are added up once per chunk.
        let outcome = decoder.decodeUncounted(text, readAt: readAt)
        if outcome == .parsed { parsed += 1 } else { tally.count(outcome, text) }
      }
      tally.parsed(parsed)
      return tally
    }
  }

  /// Each chunk's counts, written once by the lane that decoded it.
  private final class ChunkTallies: @unchecked Sendable {
    private let tallies: UnsafeMutablePointer<LineTally>
    private let count: Int

    init(count: Int) {
      self.count = count
      tallies = .allocate(capacity: max(1, count))
      tallies.initialize(repeating: LineTally(), count: count)
    }

    deinit {
      tallies.deinitialize(count: count)
      tallies.deallocate()
    }

    subscript(chunk: Int) -> LineTally {
      get { tallies[chunk] }
      set { tallies[chunk] = newValue }
    }
  }
}

/// An access decoder whose lines are each a whole request, so a file can be cut into chunks decoded
/// on every core (`ParallelAccessDecoding`).
public protocol LaneDecoder: LineDecoder {
  /// A decoder of the same format writing to `requests`, with caches of its own.
  func laneCopy(requests: RequestSink) -> Self
  /// Decodes one line into the sink, leaving the counting to the caller.
  func decodeUncounted(_ line: LineBytes, readAt: EpochSeconds) -> RecordedLine
  /// Adds a chunk's counts, in file order.
  func absorb(_ later: LineTally)
}
