/// Decodes the bulk of an app log on every core during a headless read, for formats whose rules
/// read each line apart (JSON app logs): each lane (thread) decodes whole chunks with its own
/// decoder, and the chunks are merged in file order, so the result is the one a read line by line
/// gives (`ParallelRecordIngestTests`).
///
/// What crosses a chunk's edge is the traceback hold: a chunk's first lines before its first record
/// wait for the merge, which offers them to the record the chunk before ended holding, then
/// releases that record ahead of the chunk's own events (`HoldingDecoder.absorb`).
///
/// Events whose ingestion only counts them (a record below error: `Monitor.onlyCounts`) go to the
/// lane's model shard at once, in any order; the rest (errors, with their tracebacks) are kept
/// per chunk and handed back in file order after each wave of chunks (`FileRemainder.waves`), so
/// what waits is bounded by a wave. Requests go to each lane's shard through its own sink, and
/// shards are merged at the end, as for access logs (`ParallelAccessDecoding`).
final class ParallelRecordDecoding<Rules: LineRules> {
  let decoder: HoldingDecoder<Rules>
  private let requests: RequestSink
  private let monitor: Monitor
  private let service: String?

  /// `requests` is the source's sink, the one `decoder` writes to.
  init(decoder: HoldingDecoder<Rules>, requests: RequestSink, monitor: Monitor, service: String?) {
    precondition(Rules.readsLinesApart, "chunks of these rules cannot be decoded apart")
    self.decoder = decoder
    self.requests = requests
    self.monitor = monitor
    self.service = service
  }

  /// Decodes `remainder`, continuing from what `decoder` holds, wave by wave: after each wave
  /// the events to deliver, in file order, are handed to `deliver` (the model is not touched by
  /// the lanes then). Returns what was read, and how many events the model refused as stamped in
  /// the future (already left out).
  func decode(
    _ remainder: FileRemainder, readAt: EpochSeconds, deliver: ([Event]) -> Void
  ) -> (totals: ChunkedLineReader.Totals, futureEvents: Int) {
    // Lane 0 writes to the model itself; the others each fill a shard, merged at the end.
    var lanes = [Lane(decoder: decoder.laneCopy(requests: requests), model: monitor, shard: nil)]
    for _ in 1..<max(1, remainder.lanes) {
      let shard = monitor.shard()
      lanes.append(
        Lane(
          decoder: decoder.laneCopy(requests: requests.laneSink(on: shard)), model: shard,
          shard: shard))
    }
    let decoding = lanes
    let service = self.service
    var totals = ChunkedLineReader.Totals()
    var future = 0
    var events: [Event] = []
    for wave in remainder.waves() {
      let reader = remainder.reader(wave)
      let chunks = ChunkResults(count: reader.chunkCount)
      let read = reader.read { lane, chunk, bytes, lines in
        chunks[chunk] = decoding[lane].decode(bytes, lines, readAt: readAt, service: service)
      }
      for chunk in 0..<reader.chunkCount {
        let result = chunks[chunk]
        future += result.futureEvents
        decoder.absorb(result.chunk, into: &events)
      }
      deliver(events)
      events.removeAll(keepingCapacity: true)
      totals.add(read)
      if read.error != nil { break }
    }
    for lane in lanes { if let shard = lane.shard { monitor.absorbRequests(from: shard) } }
    return (totals, future)
  }

  /// One chunk decoded: what the merge needs, and the counted-only events the model refused.
  private struct ChunkResult {
    var chunk = HoldingDecoder<Rules>.Chunk()
    var futureEvents = 0
  }

  /// One thread's decoder, and the model its counted-only events and requests go to (a shard,
  /// or the model itself on lane 0).
  private final class Lane: @unchecked Sendable {
    let decoder: HoldingDecoder<Rules>
    let model: Monitor
    let shard: Monitor?

    init(decoder: HoldingDecoder<Rules>, model: Monitor, shard: Monitor?) {
      self.decoder = decoder
      self.model = model
      self.shard = shard
    }

    func decode(
      _ bytes: UnsafePointer<UInt8>, _ lines: UnsafeBufferPointer<ChunkedLineReader.Line>,
      readAt: EpochSeconds, service: String?
    ) -> ChunkResult {
      var result = ChunkResult(chunk: decoder.decodeChunk(bytes, lines, readAt: readAt))
      var kept: [Event] = []
      for event in result.chunk.events {
        guard Monitor.onlyCounts(event) else {
          kept.append(event)
          continue
        }
        if !model.ingest(event, service: service) { result.futureEvents += 1 }
      }
      result.chunk.events = kept
      return result
    }
  }

  /// Each chunk's result, written once by the lane that decoded it.
  private final class ChunkResults: @unchecked Sendable {
    private let results: UnsafeMutablePointer<ChunkResult>
    private let count: Int

    init(count: Int) {
      self.count = count
      results = .allocate(capacity: max(1, count))
      results.initialize(repeating: ChunkResult(), count: count)
    }

    deinit {
      results.deinitialize(count: count)
      results.deallocate()
    }

    subscript(chunk: Int) -> ChunkResult {
      get { results[chunk] }
      set { results[chunk] = newValue }
    }
  }
}
