import Foundation
import Testing

@testable import SitrepCore

/// Lines framed by Docker, the CRI and the journal reach the inner format's decoder as the
/// program wrote them, stamped with the wrapper's time when they carry none.
@Suite struct WrapperTests {
  /// 2026-11-26 12:00:00 UTC.
  let t0: EpochSeconds = 1_795_694_400
  /// Where this test's decoders write their requests (a fresh suite value per test).
  let requests = RequestSink.collecting()

  /// Feeds `lines` and flushes; the requests are those this call added.
  func feed(_ decoder: any LineDecoder, _ lines: [[UInt8]], readAt: EpochSeconds = 0) -> Decoded {
    let before = requests.collected.count
    var events: [Event] = []
    for line in lines {
      line.withUnsafeBufferPointer { decoder.feed($0, readAt: readAt, into: &events) }
    }
    decoder.flush(into: &events)
    return Decoded(
      events: events, counts: decoder.counts, requests: Array(requests.collected[before...]))
  }

  /// The pipeline's sequence in one call: wrapper, unwrapped sample, inner format, decoder.
  func detectAndDecode(_ lines: [[UInt8]]) throws -> (LineWrapper?, Detection?, Decoded, String) {
    let detection = FormatDetector.detect(lines: lines)
    let found = try #require(detection)
    let descriptor = try #require(FormatCatalog.descriptor(id: found.format))
    let decoder = FormatDetector.makeDecoder(
      found, descriptor, options: DecoderOptions(), requests: requests)
    return (found.wrapper, detection, feed(decoder, lines), decoder.formatID)
  }

  // MARK: - Recorded framings

  /// Docker's and the CRI's framing of one real gunicorn + uvicorn run give back exactly the lines
  /// the programs wrote (stdout.log and stderr.log), the 20 KB line joined from its pieces.
  @Test(arguments: [
    ("container/docker-json.log", LineWrapper.dockerJSON), ("container/cri.log", .cri),
  ])
  func recordedFramingsGiveBackTheProgramsLines(file: String, wrapper: LineWrapper) throws {
    let framed = try recordedLines(file)
    #expect(LineWrapper.detect(sample: Array(framed.prefix(50))) == wrapper)
    let written = try recordedLines("container/stdout.log") + recordedLines("container/stderr.log")
    let inner = wrapper.unwrap(sample: framed)
    #expect(
      inner.sorted { $0.lexicographicallyPrecedes($1) }
        == written.sorted {
          $0.lexicographicallyPrecedes($1)
        })
    #expect(inner.contains { $0.count > 20_000 })
    #expect(framed.count > written.count)
  }

  @Test(arguments: ["container/docker-json.log", "container/cri.log"])
  func recordedFramingsDecodeThroughTheInnerFormat(file: String) throws {
    let framed = try recordedLines(file)
    let (wrapper, detection, d, formatID) = try detectAndDecode(framed)
    let w = try #require(wrapper)
    let inner = try #require(detection)
    #expect(formatID == "\(w.rawValue)/\(inner.format)")
    // Every wrapper line is counted once, pieces of the long line included.
    #expect(total(d.counts) == framed.count)
    #expect(d.counts.malformed < framed.count / 2)
  }

  /// One real journal (gunicorn under systemd-cat) exported both ways: the same inner lines, the
  /// traceback's indentation kept, and every export line counted once.
  @Test func recordedJournalExportsAgree() throws {
    let json = try recordedLines("journald/journal.json")
    let text = try recordedLines("journald/journal.short-iso.log")
    #expect(LineWrapper.detect(sample: Array(json.prefix(50))) == .journalJSON)
    #expect(LineWrapper.detect(sample: Array(text.prefix(50))) == .journalShortISO)
    let fromJSON = LineWrapper.journalJSON.unwrap(sample: json)
    #expect(fromJSON == LineWrapper.journalShortISO.unwrap(sample: text))
    #expect(fromJSON.contains { $0.starts(with: Array("  File \"".utf8)) })
    for lines in [json, text] {
      let (_, detection, d, _) = try detectAndDecode(lines)
      let format = try #require(detection?.format)
      #expect(total(d.counts) == lines.count)
      // gunicorn's access and error lines share the stream: what one format cannot read is
      // malformed exactly as it is in the unwrapped lines, none for the wrapper.
      let plain = try decode(format, lines: fromJSON)
      #expect(d.counts.malformed == plain.counts.malformed)
      #expect(d.requests.count == plain.requests.count && d.records.count == plain.records.count)
    }
  }

  // MARK: - Real lines framed in each wrapper

  func framed(_ lines: [[UInt8]], in wrapper: LineWrapper) -> [[UInt8]] {
    lines.enumerated().flatMap { k, line -> [[UInt8]] in
      let time = t0 + Double(k) + 0.123456789
      switch wrapper {
      case .dockerJSON: return [Array(WrapperFraming.docker(line, time: time).utf8)]
      case .cri: return [WrapperFraming.cri(line, time: time)]
      case .journalJSON: return [Array(WrapperFraming.journalJSON(line, time: time).utf8)]
      case .journalShortISO: return WrapperFraming.journalShortISO(line, time: time)
      case .dockerTimestamps: return [Array(WrapperFraming.dockerTimestamps(line, time: time).utf8)]
      }
    }
  }

  /// uvicorn's access lines have no date: framed, they take the wrapper's.
  @Test(arguments: LineWrapper.detectable)
  func uvicornLinesTakeTheWrappersTime(wrapper: LineWrapper) throws {
    let lines = try fixtureLines("uvicorn.log")
    let plain = try decode("uvicorn", lines: lines)
    let framedLines = framed(lines, in: wrapper)
    let (found, detection, d, formatID) = try detectAndDecode(framedLines)
    #expect(found == wrapper)
    #expect(detection?.format == "uvicorn" && formatID == "\(wrapper.rawValue)/uvicorn")
    #expect(d.requests.map(\.path) == plain.requests.map(\.path))
    #expect(d.requests.map(\.status) == plain.requests.map(\.status))
    // The first request is the fifth line.
    let precision = wrapper == .journalShortISO ? 1.0 : 1e-5
    #expect(
      approx(d.requests.first?.time, t0 + 4 + (precision < 1 ? 0.123456 : 0), tolerance: precision))
    #expect(d.counts.parsed == plain.counts.parsed && total(d.counts) == framedLines.count)
  }

  @Test(arguments: LineWrapper.detectable)
  func jsonAppLinesDecodeInsideEachWrapper(wrapper: LineWrapper) throws {
    let lines = try fixtureLines("app-structlog.jsonl")
    let (_, detection, d, _) = try detectAndDecode(framed(lines, in: wrapper))
    #expect(detection?.format == "json")
    try #require(d.records.count == 3)
    #expect(d.records[1].exception?.type == "KeyError")
    // The line's own time wins over the wrapper's.
    #expect(approx(d.records[0].time, fixtureHour + 151.118402, tolerance: 1e-5))
  }

  @Test func anUnwrappedFileIsDetectedAsBefore() throws {
    let sample = try fixtureText("app-python.log")
    let (wrapper, detection) = WrappedDetection.detect(sample: sample)
    #expect(wrapper == nil && detection == FormatCatalog.detect(sample: sample))
  }

  // MARK: - Partial lines

  @Test func dockerPiecesJoinPerStream() throws {
    let lines = [
      #"{"log":"INFO:     127.0.0.1:51234 - \"GET /he","stream":"stdout","time":"2026-11-26T12:00:01Z"}"#,
      #"{"log":"INFO:     Started server ","stream":"stderr","time":"2026-11-26T12:00:02Z"}"#,
      #"{"log":"alth HTTP/1.1\" 200 OK\n","stream":"stdout","time":"2026-11-26T12:00:03Z"}"#,
      #"{"log":"process [4121]\r\n","stream":"stderr","time":"2026-11-26T12:00:04Z"}"#,
    ].map { Array($0.utf8) }
    let d = feed(
      LineWrapper.dockerJSON.wrap(
        UvicornDecoder.descriptor.makeDecoder(DecoderOptions(), requests)), lines)
    try #require(d.requests.count == 1)
    #expect(d.requests[0].path == "/health")
    // Stamped with the first piece's time.
    #expect(d.requests[0].time == t0 + 1)
    #expect(total(d.counts) == 4 && d.counts.malformed == 0)
  }

  @Test func criPiecesJoinUpToTheFinalOne() throws {
    let lines = [
      "2026-11-26T12:00:01.5Z stdout P INFO:     127.0.0.1:1 - \"GET /a",
      "2026-11-26T12:00:01.6Z stdout P /b HTTP/1.1\" 20",
      "2026-11-26T12:00:01.7Z stdout F 0 OK",
      "2026-11-26T12:00:02Z stdout F",
    ].map { Array($0.utf8) }
    #expect(
      LineWrapper.cri.unwrap(sample: lines) == [
        Array("INFO:     127.0.0.1:1 - \"GET /a/b HTTP/1.1\" 200 OK".utf8), [],
      ])
  }

  @Test func aLineNeverEndedIsCutAtTheBound() throws {
    let piece = String(repeating: "x", count: 1000)
    let lines = (0..<50).map { _ in
      Array(#"{"log":"\#(piece)","stream":"stdout","time":"2026-11-26T12:00:01Z"}"#.utf8)
    }
    let inner = WrappedMessageDecoder()
    let decoder = UnwrappingDecoder(wrapper: .dockerJSON, inner: inner, joinLimit: 4096)
    let d = feed(decoder, lines)
    #expect(d.counts.truncated == 1)
    try #require(d.records.count == 1)
    #expect(d.records[0].message.utf8.count == 4096)
    #expect(total(d.counts) == 50)
  }

  @Test func malformedWrapperLinesAreCounted() throws {
    let lines =
      framed(try fixtureLines("uvicorn.log"), in: .dockerJSON) + [
        Array("not a frame".utf8), Array(#"{"log": 12}"#.utf8), Array(#"{"log":"cut"#.utf8), [],
      ]
    let d = feed(
      LineWrapper.dockerJSON.wrap(
        UvicornDecoder.descriptor.makeDecoder(DecoderOptions(), requests)), lines)
    #expect(d.counts.malformed == 3 && d.counts.ignored >= 1)
    #expect(total(d.counts) == lines.count)
    #expect(d.counts.recentMalformed.contains("not a frame"))
  }

  // MARK: - The journal

  @Test func journalMessagesOfSeveralLinesKeepTheirTraceback() throws {
    let message = try fixtureLines("app-python.log").prefix(8).joined(separator: [0x0A])
    let lines = [
      Array(WrapperFraming.journalJSON(Array(message), time: t0, identifier: "api").utf8)
    ]
    let d = feed(
      LineWrapper.journalJSON.wrap(
        PythonLoggingRules.descriptor.makeDecoder(DecoderOptions(), requests)),
      lines)
    #expect(total(d.counts) == 1)
    #expect(d.records.contains { $0.exception != nil })
  }

  /// Messages that fit no format are records at the journal's PRIORITY, named by the identifier;
  /// a message that is not UTF-8 arrives as bytes and is repaired.
  @Test func plainJournalMessagesTakeThePriority() throws {
    let lines = [
      WrapperFraming.journalJSON(
        Array("backup finished in 3 s".utf8), time: t0, priority: 6, identifier: "backup"),
      WrapperFraming.journalJSON(
        Array("disk almost full".utf8), time: t0 + 1, priority: 4, identifier: "backup"),
      WrapperFraming.journalJSON(
        Array("cannot write to ".utf8) + [0xFF, 0xFE], time: t0 + 2, priority: 3,
        identifier: "backup"),
    ].map { Array($0.utf8) }
    let (wrapper, detection, d, formatID) = try detectAndDecode(lines)
    #expect(wrapper == .journalJSON && detection?.format == "message")
    #expect(formatID == "journal-json/message")
    #expect(d.records.map(\.level) == [.info, .warning, .error])
    #expect(d.records.map(\.time) == [t0, t0 + 1, t0 + 2])
    try #require(d.records.count == 3)
    #expect(
      d.records[2].message == "cannot write to \u{FFFD}\u{FFFD}" && d.records[2].logger == "backup")
  }

  @Test func shortISONoticesAreIgnoredAndContinuationsJoin() throws {
    let message = try fixtureLines("app-python.log").prefix(8).joined(separator: [0x0A])
    let lines =
      [Array("-- Journal begins at Thu 2026-11-26 11:00:00 UTC. --".utf8)]
      + WrapperFraming.journalShortISO(Array(message), time: t0, identifier: "api")
      + [Array("-- Boot 5a3f0e6b2c8d4e1f9a7b6c5d4e3f2a1b --".utf8)]
    let unwrapped = LineWrapper.journalShortISO.unwrap(sample: lines)
    #expect(
      unwrapped
        == Array(message).split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init))
    let d = feed(
      LineWrapper.journalShortISO.wrap(
        PythonLoggingRules.descriptor.makeDecoder(DecoderOptions(), requests)),
      lines)
    #expect(d.counts.ignored >= 2 && total(d.counts) == lines.count)
  }

  // MARK: - Hostile input

  /// Mutated frames of real lines, in every wrapper: no trap, and every line fed is counted once.
  @Test(arguments: LineWrapper.detectable)
  func mutatedFramesAreAllCounted(wrapper: LineWrapper) throws {
    let seeds = framed(
      try fixtureLines("uvicorn.log") + fixtureLines("app-structlog.jsonl"), in: wrapper)
    var rng = SplitMix64(seed: 1414)
    let noise: [UInt8] = [0x22, 0x5C, 0x7B, 0x7D, 0x0A, 0x20, 0xFF, 0x00, 0x50, 0x46, 0x2D, 0x3A]
    var lines: [[UInt8]] = []
    for _ in 0..<3000 {
      var line = seeds[Int(rng.next() % UInt64(seeds.count))]
      for _ in 0..<Int(rng.next() % 3) where !line.isEmpty {
        let at = Int(rng.next() % UInt64(line.count))
        switch rng.next() % 3 {
        case 0: line[at] = noise[Int(rng.next() % UInt64(noise.count))]
        case 1: line.remove(at: at)
        default: line = Array(line.prefix(at))
        }
      }
      lines.append(line)
    }
    for inner in ["uvicorn", "json", "python-logging"] {
      let descriptor = try #require(FormatCatalog.descriptor(id: inner))
      let d = feed(wrapper.wrap(descriptor.makeDecoder(DecoderOptions(), requests)), lines)
      #expect(total(d.counts) == lines.count, "\(wrapper) / \(inner)")
      #expect(d.counts.malformed > 0)
    }
  }
}

/// The pipeline unwraps a wrapped file on its own: detection names the wrapper, the inner format's
/// requests reach the model, and the sources list says both.
@Suite struct WrappedPipelineTests {
  @Test func aDockerJSONFileIsReadThroughItsWrapper() throws {
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("sitrep-docker-\(UInt32.random(in: 0...UInt32.max))")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("container.log").path
    // uvicorn's real console lines, as Docker's json-file driver frames a container's stdout.
    let lines = try fixtureLines("uvicorn.log")
    let framed = lines.enumerated().map { i, line in
      WrapperFraming.docker(line, stream: "stdout", time: fixtureHour + Double(i))
    }
    try (framed.joined(separator: "\n") + "\n").write(
      toFile: path, atomically: true, encoding: .utf8)
    var options = FollowOptions()
    options.fromStart = true
    let pipeline = IngestPipeline(
      specs: [SourceSpec(pattern: path, service: "api")], options: options, monitor: Monitor(),
      archive: nil, decoderOptions: DecoderOptions())
    pipeline.readOnce(now: fixtureReadAt)
    let source = try #require(pipeline.health().first)
    #expect(source.detection?.wrapper == .dockerJSON)
    #expect(source.detection?.label == "docker-json/uvicorn")
    #expect(source.lines == lines.count)
    let direct = try decode("uvicorn", fixture: "uvicorn.log")
    #expect(source.malformed == direct.counts.malformed)
    let api = try #require(pipeline.monitor.trackers.first { $0.name == "api" })
    #expect(api.totalRequests == direct.requests.count && api.totalRequests > 0)
    // uvicorn writes no time: each request takes the time Docker stamped its line with.
    #expect(api.firstRequestAt.map { $0 >= fixtureHour && $0 < fixtureHour + 3600 } == true)
  }
}
