/// Per-file decoding state: the sample kept for format detection, then the decoder.
final class PipelineSource {
  let path: String
  let role: SourceRole?
  let forcedFormat: String?
  /// The wrapper the source's kind fixes (`docker:NAME`), not left to detection.
  var forcedWrapper: LineWrapper?
  var service: String?
  /// The service config named for this source; deploy events only take a service from here, since a
  /// deploy log's file name is not a service.
  var explicitService: String?
  /// The machine its lines come from (`SourceSpec.host`); every event it gives carries it.
  var host: String?
  var detection: Detection?
  /// The zone zoneless stamps are read in and why, settled when the decoder is made.
  var zone: ZoneAssumption?
  var decoder: (any LineDecoder)?
  /// Where the decoder writes its requests.
  var requests: RequestSink?
  /// Lines held until the format is known (bounded: after `FormatDetector.maxHeldLines` they are malformed).
  var sample: [[UInt8]] = []
  var sampleReadAt: [EpochSeconds] = []
  /// Where each sample line starts in its file (only kept when raw lines are archived).
  var samplePositions: [LinePosition?] = []
  /// Lines no format could claim, when detection gave up.
  var undetectedLines = 0
  var recentUndetected: [String] = []
  var gaveUp = false
  /// Detection was tried on the sample (the file went quiet) and nothing understood it; more
  /// lines may still let it succeed.
  var sampleUnrecognised = false
  /// Events the model refused as stamped in the future (access logs recording straight into the
  /// model count theirs in the decoder's own tally).
  var futureEvents = 0
  /// Raw lines read since the last archive pass with what the decoder made of each and where
  /// each starts in its file, newest last.
  var pendingArchive:
    [(bytes: [UInt8], readAt: EpochSeconds, mark: LineMark, position: LinePosition?)] = []
  /// The stamp of the last line archived, which the traceback lines under it share.
  var lastArchivedStamp: EpochSeconds?
  /// Sample lines already archived, unmarked, while detection waited on a quiet file.
  var archivedSampleLines = 0

  func keepForArchive(
    _ bytes: LineBytes, readAt: EpochSeconds, mark: LineMark, position: LinePosition?,
    capacity: Int
  ) {
    if pendingArchive.count >= capacity * 2 {
      // Drop the older half in one go rather than shifting on every line.
      pendingArchive.removeFirst(pendingArchive.count - capacity)
    }
    pendingArchive.append((Array(bytes), readAt, mark, position))
  }

  /// Makes a decoder of this source's format and options that writes nowhere: the log view
  /// decodes lines read back from the file with it, so their marks are the ones a live read gave.
  /// `nil` until the format is known.
  var freshDecoder: (() -> any LineDecoder)?

  init(path: String, role: SourceRole?, forcedFormat: String?, service: String?) {
    self.path = path
    self.role = role
    self.forcedFormat = forcedFormat
    self.service = service
  }

  var counts: LineCounts {
    var c = decoder?.counts ?? LineCounts()
    c.malformed += undetectedLines
    if decoder == nil && sampleUnrecognised { c.malformed += sample.count }
    c.future += futureEvents
    c.recentMalformed = Array((c.recentMalformed + recentUndetected).suffix(5))
    return c
  }

  /// The role events of this source play: forced by config, else the detected format's.
  var effectiveRole: SourceRole? { role ?? detection?.role }
}
