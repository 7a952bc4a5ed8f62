import Foundation
import Testing

@testable import SitrepCore

/// A container's stdout and stderr, interleaved in one json-file or CRI log, are two streams of
/// lines: uvicorn's access lines on stdout, its own records and the app's (Python logging, with
/// tracebacks) on stderr. Each stream is read by a decoder of its own, so the same file gives the
/// service's requests and its errors, and a traceback on stderr is not cut by an access line.
@Suite struct ContainerStreamsTests {
  let requests = RequestSink.collecting()

  func decode(_ lines: [[UInt8]]) throws -> (Detection, Decoded, String) {
    let detection = try #require(FormatDetector.detect(lines: lines))
    let descriptor = try #require(FormatCatalog.descriptor(id: detection.format))
    let decoder = FormatDetector.makeDecoder(
      detection, descriptor, options: DecoderOptions(), requests: requests)
    var events: [Event] = []
    for line in lines {
      line.withUnsafeBufferPointer { decoder.feed($0, readAt: 0, into: &events) }
    }
    decoder.flush(into: &events)
    return (
      detection, Decoded(events: events, counts: decoder.counts, requests: requests.collected),
      decoder.formatID
    )
  }

  /// What the client saw (story.json) against what the framed log reads as.
  @Test(arguments: ["container-uvicorn/docker-json.log", "container-uvicorn/cri.log"])
  func uvicornInAContainerGivesRequestsAndErrors(file: String) throws {
    let story = try FixtureStory("container-uvicorn")
    let framed = try recordedLines(file)
    let (detection, d, formatID) = try decode(framed)
    #expect(detection.format == "uvicorn" && detection.role == .access)
    #expect(formatID.hasSuffix("/uvicorn") || formatID.contains("/uvicorn+"))
    #expect(total(d.counts) == framed.count)
    #expect(d.counts.malformed == 0, "\(d.counts.recentMalformed)")
    // Every request the client made, with its status.
    let sent = try #require(story.json["requests"] as? [[String: Any]])
    #expect(d.requests.count == sent.count && sent.count == 12)
    #expect(d.requests.map(\.status).sorted() == sent.compactMap { $0["status"] as? Int }.sorted())
    // /api/boom failed twice: the app logged each with its traceback, and uvicorn too.
    let failed = d.records.filter { $0.exception != nil }
    #expect(failed.count == 4)
    #expect(failed.allSatisfy { $0.exception?.type == "events.UpstreamError" })
    #expect(
      failed.allSatisfy {
        $0.exception?.causes == ["ConnectionRefusedError: [Errno 111] Connection refused"]
      })
    let app = d.records.filter { $0.logger == "app.requests" }
    #expect(
      app.filter { $0.level == .error }.map(\.message) == [
        "request failed: GET /api/boom", "request failed: GET /api/boom",
      ])
    #expect(app.filter { $0.level == .warning }.map(\.message) == ["GET /api/missing answered 404"])
    // Each record takes the wrapper's time when it has none of its own: none is left at 0.
    #expect(d.records.allSatisfy { $0.time > 1_795_000_000 })
  }

  /// gunicorn with uvicorn's worker writes access lines on stdout and gunicorn's error log on
  /// stderr: two formats, one per stream, named both in the detection.
  @Test(arguments: ["container/docker-json.log", "container/cri.log"])
  func gunicornInAContainerReadsEachStreamInItsFormat(file: String) throws {
    let framed = try recordedLines(file)
    let (detection, d, formatID) = try decode(framed)
    #expect(detection.format == "uvicorn-gunicorn" && detection.stderrFormat == "gunicorn-error")
    #expect(detection.role == .access)
    #expect(formatID.hasSuffix("/uvicorn-gunicorn+gunicorn-error"))
    #expect(total(d.counts) == framed.count)
    #expect(d.counts.malformed == 0, "\(d.counts.recentMalformed)")
    // The same as each stream read alone, unframed.
    let out = try SitrepCoreTests.decode(
      "uvicorn-gunicorn", lines: recordedLines("container/stdout.log"))
    let err = try SitrepCoreTests.decode(
      "gunicorn-error", lines: recordedLines("container/stderr.log"))
    #expect(d.requests.map(\.status) == out.requests.map(\.status))
    #expect(
      d.records.compactMap { $0.exception?.type } == err.records.compactMap { $0.exception?.type })
  }

  /// A traceback on stderr with an access line on stdout between two of its lines still joins
  /// its record whole.
  @Test func anAccessLineInsideATracebackDoesNotCutIt() throws {
    let frame = { (text: String, stream: String, s: Int) in
      Array(
        WrapperFraming.docker(Array(text.utf8), stream: stream, time: 1_795_694_400 + Double(s))
          .utf8)
    }
    let lines = [
      frame("INFO:     Started server process [7]", "stderr", 0),
      frame("INFO:     127.0.0.1:5000 - \"GET /health HTTP/1.1\" 200 OK", "stdout", 1),
      frame("ERROR:    Exception in ASGI application", "stderr", 2),
      frame("Traceback (most recent call last):", "stderr", 2),
      frame("INFO:     127.0.0.1:5001 - \"GET /health HTTP/1.1\" 200 OK", "stdout", 2),
      frame("  File \"/srv/app/main.py\", line 9, in boom", "stderr", 2),
      frame("    raise KeyError('x')", "stderr", 2),
      frame("KeyError: 'x'", "stderr", 2),
      frame(
        "INFO:     127.0.0.1:5002 - \"GET /boom HTTP/1.1\" 500 Internal Server Error", "stdout", 3),
    ]
    let (_, d, _) = try decode(lines)
    #expect(d.counts.malformed == 0, "\(d.counts.recentMalformed)")
    #expect(d.requests.map(\.status) == [200, 200, 500])
    let failed = try #require(d.records.first { $0.exception != nil })
    #expect(failed.exception?.type == "KeyError")
    #expect(failed.exception?.topFrame?.function == "boom")
  }
}
