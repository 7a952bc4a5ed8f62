/// Files in, model out: follows every source, detects each file's format from its first lines,
/// decodes lines into events for the `Monitor`, and keeps sanitised raw lines for the log view.
/// Used by the dashboard (live) and by the headless report (one shot).
public final class IngestPipeline {
  public let sources: SourceSet
  public let monitor: Monitor
  /// `nil` in headless mode: nothing needs raw lines there, and sanitising every line costs time.
  public let archive: LineArchive?
  public let decoderOptions: DecoderOptions
  private var decoding: [FileID: PipelineSource] = [:]
  private var vanished = VanishedSources()
  private var events: [Event] = []
  public private(set) var linesIngested = 0
  /// Of those, the lines a headless read decoded in chunks on every core.
  public private(set) var linesDecodedInParallel = 0
  private lazy var namer = ServiceNamer { [unowned self] in self.sources.paths }
  /// The clock of the current read, for judging whether a file is still being written.
  private var clock: EpochSeconds = 0

  public init(
    specs: [SourceSpec], options: FollowOptions, monitor: Monitor, archive: LineArchive?,
    decoderOptions: DecoderOptions
  ) {
    self.monitor = monitor
    self.archive = archive
    self.decoderOptions = decoderOptions
    sources = SourceSet(
      specs: specs, options: options,
      timeProbe: LineTimeProbe.make(naiveZone: LineTimeProbe.latestZone))
    if specs.contains(where: { $0.host != nil }) { monitor.hostsInUse = true }
    for spec in specs where spec.role == .access || spec.service != nil {
      if let name = spec.service, spec.role == .access || spec.role == .metrics {
        monitor.declareService(name)
      }
    }
    events.reserveCapacity(256)
  }

  /// Reads what is new (live mode). Returns true when more is pending. The budget keeps one call
  /// short (about 5k lines) so the run loop answers keys between calls under heavy ingest.
  @discardableResult
  public func pump(now: EpochSeconds, budgetBytes: Int = 512 << 10) -> Bool {
    clock = now
    moveFutureLimit(now: now)
    let more = sources.pump(now: now, budgetBytes: budgetBytes) { handle($0, now: now) }
    archivePending()
    retireVanished()
    return more
  }

  /// Reads the backfill (or everything) once and flushes every decoder (headless mode).
  ///
  /// Planned in three steps when no raw lines are kept: the first lines of every file (enough
  /// to detect its format), then the rest of each access log on every core, then whatever is
  /// left line by line (other formats, lines written meanwhile, a last partial line).
  public func readOnce(now: EpochSeconds) {
    clock = now
    moveFutureLimit(now: now)
    if archive == nil {
      sources.readHeads(now: now, lines: FormatDetector.sampleLines) { handle($0, now: now) }
      for id in sources.pausedFiles { readRemainderInParallel(id, now: now) }
    }
    sources.readOnce(now: now) { handle($0, now: now) }
    archivePending()
    for (id, d) in decoding.sorted(by: { $0.key < $1.key }) {
      finishDetection(d, id: id, force: true, final: true)
      flush(d)
    }
  }

  /// What a quiet period does, for every file at once: the format detected on the sample at hand
  /// and held records flushed, the files left open to follow. A live headless watch calls it once
  /// caught up, so a deploy log of two lines is read before "the next deploy" is decided.
  public func settle() {
    for (id, d) in decoding.sorted(by: { $0.key < $1.key }) {
      finishDetection(d, id: id, force: true)
      flush(d)
    }
  }

  /// Lines stamped past the horizon from now (or from `--at`, when the model is evaluated then)
  /// are refused by the model and counted on their source.
  private func moveFutureLimit(now: EpochSeconds) {
    monitor.futureLimit = FutureHorizon.limit(now: monitor.ignoreAfter ?? now)
  }

  /// The decoding state of the file at `path` (the log view's read-back).
  func decodingSource(path: String) -> PipelineSource? {
    decoding.values.first { $0.path == path }
  }

  /// The last source looked up: lines come in runs from one file, so most lookups skip hashing.
  private var lastDecoding: (id: FileID, state: PipelineSource)?

  private func state(for id: FileID) -> PipelineSource? {
    if let last = lastDecoding, last.id == id { return last.state }
    if let d = decoding[id] {
      lastDecoding = (id, d)
      return d
    }
    guard let (path, spec) = sources.origin(of: id) else { return nil }
    var service = spec.service ?? namer.name(forPath: path)
    // A host's copy of a log kept under the host's name (`/logs/web1/access.log`) names the
    // host, not a service: the same service on web1 and web2 stays one service.
    if spec.service == nil, let host = spec.host?.lowercased(), service == host {
      service = ServiceNaming.name(forPath: path, ignoring: host)
    }
    let d = PipelineSource(
      path: path, role: spec.role, forcedFormat: spec.format, service: service)
    d.explicitService = spec.service
    d.host = spec.host
    d.forcedWrapper = spec.wrapper
    d.zone = spec.zone
    if let forced = spec.format,
      let descriptor = try? FormatCatalog.resolve(forced, dateFormat: spec.dateFormat)
    {
      // The descriptor's id (`nginx-declared`), not a declared definition's whole text.
      d.detection = Detection(
        format: descriptor.id, role: spec.role ?? descriptor.role, confidence: 1, forced: true)
      d.detection?.wrapper = spec.wrapper
      d.decoder = makeDecoder(d, descriptor)
    }
    decoding[id] = d
    return d
  }

  /// The source's decoder, writing its requests to a sink of the source's service. An access log
  /// makes its service known at once, so it shows (UNKNOWN) before its first request.
  private func makeDecoder(_ d: PipelineSource, _ descriptor: FormatDescriptor)
    -> any LineDecoder
  {
    // Requests from a log that is not an access log are the application's own records of them.
    let role = d.role ?? d.detection?.role ?? descriptor.role
    let sink = monitor.requestSink(service: d.service, appRecords: role != .access, host: d.host)
    d.requests = sink
    if descriptor.role == .access { monitor.declareService(d.service ?? "web") }
    let options = options(for: d, descriptor)
    let detection = d.detection
    if archive != nil {
      let service = d.service ?? "web"
      d.freshDecoder = {
        let scratch = RequestSink.collecting(service: service)
        guard let detection else { return descriptor.makeDecoder(options, scratch) }
        return FormatDetector.makeDecoder(
          detection, descriptor, options: options, requests: scratch)
      }
    }
    guard let detection else { return descriptor.makeDecoder(options, sink) }
    return FormatDetector.makeDecoder(detection, descriptor, options: options, requests: sink)
  }

  /// Decodes what is left of an access log or a JSON app log after its first lines on every
  /// core: an access line is a whole request, so no decoder state crosses from one chunk to the
  /// next; a JSON record is read alone too, and only its traceback hold crosses, merged in order.
  /// An access log's remainder (text or nginx's JSON) on every core, into the source's service
  /// and host.
  private func readAccessInParallel<D: LaneDecoder>(
    _ access: D, _ d: PipelineSource, _ id: FileID, _ remainder: FileRemainder, now: EpochSeconds
  ) {
    let decoding = ParallelAccessDecoding(
      decoder: access, monitor: monitor, service: d.service, host: d.host)
    let totals = decoding.decode(remainder.reader(), readAt: now)
    linesIngested += totals.lines
    linesDecodedInParallel += totals.lines
    sources.skipRemainder(remainder, of: id, read: totals, now: now)
  }

  private func readRemainderInParallel(_ id: FileID, now: EpochSeconds) {
    guard let d = decoding[id], let decoder = d.decoder else { return }
    if let access = decoder as? AccessLogDecoder, let remainder = sources.remainder(of: id) {
      readAccessInParallel(access, d, id, remainder, now: now)
    } else if let access = decoder as? NginxJSONDecoder, let remainder = sources.remainder(of: id) {
      readAccessInParallel(access, d, id, remainder, now: now)
    } else if let json = decoder as? HoldingDecoder<JSONLogRules>, let requests = d.requests,
      let remainder = sources.remainder(of: id)
    {
      let decoding = ParallelRecordDecoding(
        decoder: json, requests: requests, monitor: monitor, service: d.service)
      let (totals, future) = decoding.decode(remainder, readAt: now) { batch in
        events.append(contentsOf: batch)
        deliver(d)
      }
      d.futureEvents += future
      linesIngested += totals.lines
      linesDecodedInParallel += totals.lines
      sources.skipRemainder(remainder, of: id, read: totals, now: now)
    }
  }

  /// The decoder's options for this source, its zone settled first: config or `--tz` when they
  /// say, else inferred from the file (metrics snapshots carry no line times to read).
  private func options(for d: PipelineSource, _ descriptor: FormatDescriptor) -> DecoderOptions {
    var o = decoderOptions
    o.service = d.service
    o.recordTextFrom = max(o.recordTextFrom, Monitor.keptLogLevel)
    if d.zone == nil && descriptor.role != .metrics && d.effectiveRole != .metrics {
      d.zone = ZoneInference.assume(path: d.path, descriptor: descriptor, options: o, now: clock)
    }
    if let zone = d.zone { o.naiveZone = zone.zone }
    return o
  }

  private func handle(_ item: IngestItem, now: EpochSeconds) {
    switch item {
    case .line(let id, let bytes, _):
      guard let d = state(for: id) else { return }
      linesIngested += 1
      // Only the live screen keeps raw lines, and only it asks where they are in the file.
      let position = archive == nil ? nil : sources.position(of: id, line: bytes)
      if let decoder = d.decoder {
        decoder.feed(bytes, readAt: now, into: &events)
        keepForArchive(d, bytes, readAt: now, mark: decoder.lastLineMark, position: position)
        deliver(d)
      } else if d.gaveUp {
        keepForArchive(d, bytes, readAt: now, mark: .plain, position: position)
        d.undetectedLines += 1
        d.recentUndetected.append(TextSanitizer.display(bytes))
        if d.recentUndetected.count > 5 { d.recentUndetected.removeFirst() }
      } else {
        d.sample.append(Array(bytes))
        d.sampleReadAt.append(now)
        if archive != nil { d.samplePositions.append(position) }
        finishDetection(d, id: id, force: false)
      }
    case .quiet(let id), .snapshotEnd(let id):
      guard let d = state(for: id) else { return }
      finishDetection(d, id: id, force: true)
      flush(d)
    case .reset(let id, _):
      // A new file at the path: whatever a decoder held back belonged to the old one.
      guard let d = decoding[id] else { return }
      flush(d)
    }
  }

  /// Keeps a decoded line for the log view (live mode only), with what its decoder made of it.
  @inline(__always)
  private func keepForArchive(
    _ d: PipelineSource, _ bytes: LineBytes, readAt: EpochSeconds, mark: LineMark,
    position: LinePosition?
  ) {
    guard let archive else { return }
    d.keepForArchive(
      bytes, readAt: readAt, mark: mark, position: position, capacity: archive.perSourceCapacity)
  }

  /// Where sample line `i` starts in its file, when that was kept.
  private func samplePosition(_ d: PipelineSource, _ i: Int) -> LinePosition? {
    d.samplePositions.indices.contains(i) ? d.samplePositions[i] : nil
  }

  /// Sample lines, unmarked, for the log view while their format is still unknown (a quiet file
  /// with too few lines to decide): shown now rather than when a decision comes.
  private func archiveWaitingSample(_ d: PipelineSource) {
    for i in d.archivedSampleLines..<d.sample.count {
      d.sample[i].withUnsafeBufferPointer {
        keepForArchive(
          d, $0, readAt: d.sampleReadAt[i], mark: .plain, position: samplePosition(d, i))
      }
    }
    d.archivedSampleLines = d.sample.count
  }

  /// Sanitises and archives the lines kept during the last read. Only the newest `capacity` lines
  /// of each source are kept, so a burst of 100k lines costs 2k sanitisations, not 100k.
  private func archivePending() {
    guard let archive else { return }
    for (_, d) in decoding.sorted(by: { $0.key < $1.key }) where !d.pendingArchive.isEmpty {
      // The ring keeps only the newest `perSourceCapacity`; older pending lines would be dropped.
      let zone = d.zone?.zone ?? LineTimeProbe.latestZone
      for (bytes, readAt, mark, position) in d.pendingArchive.suffix(archive.perSourceCapacity) {
        let text = bytes.withUnsafeBufferPointer { TextSanitizer.display($0) }
        // A traceback line states no time: it has its record's.
        let own = bytes.withUnsafeBufferPointer { LineTimeProbe.time(in: $0, naiveZone: zone) }
        let stamped = mark.continuesRecord ? (own ?? d.lastArchivedStamp) : own
        d.lastArchivedStamp = stamped
        archive.append(
          ArchivedLine(
            time: readAt, path: d.path, role: d.effectiveRole, service: d.service, host: d.host,
            text: text,
            isError: mark.isError, continuesRecord: mark.continuesRecord, stamped: stamped,
            position: position))
      }
      d.pendingArchive.removeAll(keepingCapacity: true)
    }
  }

  /// Picks the format once enough sample lines are in (or the file went quiet), then replays them.
  /// At the end of a one-shot read (`final`) a sample nothing understands is given up on however
  /// short it is: its lines are counted malformed, never left uncounted in the sample.
  private func finishDetection(
    _ d: PipelineSource, id: FileID, force: Bool, final: Bool = false
  ) {
    guard d.decoder == nil, !d.gaveUp, !d.sample.isEmpty else { return }
    guard force || d.sample.count >= FormatDetector.sampleLines else { return }
    if let detection = FormatDetector.detect(lines: d.sample, wrapper: d.forcedWrapper),
      let descriptor = FormatCatalog.descriptor(id: detection.format)
    {
      var chosen = detection
      if let role = d.role { chosen.role = role }
      d.detection = chosen
      let decoder = makeDecoder(d, descriptor)
      d.decoder = decoder
      for (i, (line, readAt)) in zip(d.sample, d.sampleReadAt).enumerated() {
        line.withUnsafeBufferPointer {
          decoder.feed($0, readAt: readAt, into: &events)
          if i >= d.archivedSampleLines {
            keepForArchive(
              d, $0, readAt: readAt, mark: decoder.lastLineMark, position: samplePosition(d, i))
          }
        }
      }
      d.sample = []
      d.sampleReadAt = []
      d.samplePositions = []
      d.archivedSampleLines = 0
      deliver(d)
    } else if final || d.sample.count >= FormatDetector.maxHeldLines
      || (force && d.sample.count >= FormatDetector.sampleLines)
    {
      // Nothing understands this file: every line is counted as malformed, never dropped silently.
      archiveWaitingSample(d)
      d.gaveUp = true
      d.undetectedLines += d.sample.count
      d.recentUndetected = d.sample.suffix(5).map { line in
        line.withUnsafeBufferPointer { TextSanitizer.display($0) }
      }
      d.sample = []
      d.sampleReadAt = []
      d.samplePositions = []
      d.archivedSampleLines = 0
      d.sampleUnrecognised = false
    } else if force {
      // Too few lines to give up on yet (a live file may still grow): they count as malformed
      // for now, so a source never shows lines read and none accounted for.
      d.sampleUnrecognised = true
      archiveWaitingSample(d)
    }
  }

  private func flush(_ d: PipelineSource) {
    guard let decoder = d.decoder else { return }
    decoder.flush(into: &events)
    deliver(d)
  }

  private func deliver(_ d: PipelineSource) {
    guard !events.isEmpty else { return }
    let isDeployLog = d.effectiveRole == .deploys
    for e in events {
      let service: String?
      if case .deploy = e, isDeployLog { service = d.explicitService } else { service = d.service }
      if !monitor.ingest(e, service: service, host: d.host) { d.futureEvents += 1 }
    }
    events.removeAll(keepingCapacity: true)
  }

  /// Per-file health for the sources view and the report: what the follower knows, completed
  /// with what decoding learned.
  public func health() -> [SourceHealth] {
    sources.statuses.map(health(of:)) + vanished.health
  }

  /// A follower's status completed with what decoding learned.
  private func health(of status: SourceHealth) -> SourceHealth {
    var health = status
    let d = status.fileID.flatMap { decoding[$0] }
    let counts = d?.counts ?? LineCounts()
    let role = d?.effectiveRole ?? sources.specs[status.specIndex].role
    // A job or deploy log belongs to no service unless the config says so: its file or folder
    // name (`worker.log` in `/srv/demo`) would only invent one.
    let namesService = role == .access || role == .app || role == .metrics
    health.role = role
    health.service = d?.explicitService ?? (namesService ? d?.service : nil)
    health.detection = d?.detection
    health.malformed = counts.malformed
    health.future = counts.future
    health.recentMalformed = counts.recentMalformed
    health.zone = d?.zone
    let spec = sources.specs[status.specIndex]
    health.host = spec.host ?? health.host
    // A host's file that never opened has no decoder yet: its configured service still says
    // which service is missing that host.
    if health.host != nil, health.service == nil { health.service = spec.service }
    return health
  }

  /// Frees the decoders of retired glob matches, after flushing what they held, and keeps their
  /// counts in their glob's `vanished` row.
  private func retireVanished() {
    let leaving = sources.takeRetired()
    guard !leaving.isEmpty else { return }
    for id in leaving.compactMap(\.fileID) {
      guard let d = decoding[id] else { continue }
      finishDetection(d, id: id, force: true, final: true)
      flush(d)
    }
    archivePending()
    for status in leaving {
      vanished.add(health(of: status), pattern: sources.specs[status.specIndex].pattern)
      archive?.retire(path: status.path)
      namer.forget(path: status.path)
      guard let id = status.fileID else { continue }
      decoding[id] = nil
      if lastDecoding?.id == id { lastDecoding = nil }
    }
  }
}
