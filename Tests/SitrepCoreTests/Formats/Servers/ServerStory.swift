import Foundation
import Testing

@testable import SitrepCore

/// What the recording script's client really did (`story.json` beside each server's logs): the
/// reference the server tests hold the decoded lines to, never a parser's own reading.
struct ServerStory {
  struct Sent {
    var method: String
    /// As sent, query string included.
    var target: String
    /// The status the client saw; 0 when the connection closed without a response.
    var status: Int
    var t0: EpochSeconds
    var t1: EpochSeconds
    var sleptMs: Double?
    /// The exception type the app raised, if any.
    var raised: String?

    /// The path the log should show: the target without its query string.
    var path: String { String(target.prefix { $0 != "?" && $0 != "#" }) }
    var clientMs: Double { (t1 - t0) * 1000 }
  }

  var requests: [Sent]
  var exceptionTypes: [String]

  init(_ folder: String) throws {
    let url = try #require(
      Bundle.module.url(
        forResource: "story", withExtension: "json", subdirectory: "Fixtures/formats/\(folder)"))
    let root = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    let sent = try #require(root["requests"] as? [[String: Any]])
    requests = try sent.map { r in
      let app = r["app"] as? [String: Any]
      return Sent(
        method: try #require(r["method"] as? String), target: try #require(r["path"] as? String),
        status: try #require(r["status"] as? Int), t0: try #require(r["t0"] as? Double),
        t1: try #require(r["t1"] as? Double), sleptMs: app?["slept_ms"] as? Double,
        raised: (app?["raised"] as? [String: Any])?["type"] as? String)
    }
    exceptionTypes = ((root["exceptions"] as? [[String: Any]]) ?? []).compactMap {
      $0["type"] as? String
    }
  }

  /// The status the server logged: the client's, except where the connection closed without a
  /// response (uWSGI after the app raised) and the server logged its 500.
  var loggedStatuses: [Int] {
    requests.map { $0.status == 0 && $0.raised != nil ? 500 : $0.status }
  }
}

/// Decodes a server fixture the way the pipeline would, and checks it against its story.
struct ServerFixture {
  var format: String
  var files: [String]
  var options = DecoderOptions()

  var lines: [[UInt8]] {
    get throws { try files.flatMap { try fixtureLines("formats/\($0)") } }
  }

  func decode() throws -> Decoded {
    try SitrepCoreTests.decode(format, lines: try lines, options: options)
  }

  /// Every request of the story, in order, with its method, path and logged status; every line
  /// counted once, none malformed.
  func expectRequests(_ story: ServerStory, _ d: Decoded) throws {
    #expect(d.requests.count == story.requests.count)
    #expect(d.requests.map(\.status) == story.loggedStatuses)
    #expect(d.requests.map(\.method) == story.requests.map(\.method))
    #expect(d.requests.map(\.path) == story.requests.map(\.path))
    for (got, sent) in zip(d.requests, story.requests) {
      #expect(got.route == RouteTemplate.derive(sent.path))
    }
    #expect(total(d.counts) == (try lines).count)
    #expect(d.counts.malformed == 0, "\(d.counts.recentMalformed)")
  }

  /// Request times within the log's one-second resolution of when the client sent them.
  func expectTimes(_ story: ServerStory, _ d: Decoded, resolution: Double = 1) {
    for (got, sent) in zip(d.requests, story.requests) {
      #expect(
        got.time >= sent.t0 - resolution && got.time <= sent.t1 + resolution, "\(sent.target)")
    }
  }

  /// Durations as the server measured them: at least what the app slept, at most what the client
  /// waited, within the format's unit.
  func expectDurations(_ story: ServerStory, _ d: Decoded, unitMs: Double) {
    for (got, sent) in zip(d.requests, story.requests) {
      guard let ms = got.durationMs else {
        Issue.record("no duration for \(sent.target)")
        continue
      }
      if let slept = sent.sleptMs { #expect(ms >= slept - unitMs, "\(sent.target): \(ms)") }
      #expect(ms <= sent.clientMs + unitMs, "\(sent.target): \(ms)")
    }
  }

  /// The errors the app raised, as error records with their exception types (a trimmed log may
  /// have lost the last ones, never gained any).
  func expectErrors(_ story: ServerStory, _ d: Decoded, all: Bool = true) {
    let errors = d.records.filter { $0.exception != nil }
    #expect(!errors.isEmpty)
    #expect(
      all ? errors.count == story.exceptionTypes.count : errors.count <= story.exceptionTypes.count)
    for e in errors {
      #expect(e.level >= .error)
      #expect(
        story.exceptionTypes.contains(e.exception?.type ?? "-"), "\(e.exception?.type ?? "-")")
    }
  }

  /// Requests stamped past the model's horizon are counted as future, and only those.
  func expectFutureCounted(readAt: EpochSeconds = fixtureReadAt, limit: EpochSeconds) throws {
    let descriptor = try #require(FormatCatalog.descriptor(id: format))
    let monitor = Monitor()
    monitor.futureLimit = limit
    let decoder = descriptor.makeDecoder(options, monitor.requestSink(service: "web"))
    var events: [Event] = []
    for line in try lines {
      line.withUnsafeBufferPointer { decoder.feed($0, readAt: readAt, into: &events) }
    }
    decoder.flush(into: &events)
    let all = try decode()
    let future = all.requests.filter { $0.time > limit }.count
    #expect(future > 0)
    #expect(decoder.counts.future == future)
    #expect(monitor.services["web"]?.totalRequests == all.requests.count - future)
  }
}
