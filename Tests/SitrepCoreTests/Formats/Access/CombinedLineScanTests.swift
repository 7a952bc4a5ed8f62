import Foundation
import SitrepBench
import Testing

@testable import SitrepCore

/// The one-pass scan must agree with the general parser on every line it accepts, and accept the
/// plain lines real servers write (or it would be dead weight).
@Suite struct CombinedLineScanTests {
  /// Fixture lines plus lines from the bench generator: real shapes, with quoted agents, queries,
  /// IPv6 clients, `-` sizes, upstream lists and custom trailing fields.
  static func corpus() throws -> [[UInt8]] {
    var lines = try fixtureLines("nginx-combined.log") + fixtureLines("nginx-upstream.log")
    lines += try fixtureLines("apache-common.log") + fixtureLines("gunicorn-access.log")
    lines += try fixtureLines("hostile.log")
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "sitrep-scan-\(UUID().uuidString)"
    ).path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try BenchData.writeAccessLog(lines: 300, to: dir + "/a.log", seed: 3, start: fixtureHour)
    let data = try Data(contentsOf: URL(fileURLWithPath: dir + "/a.log"))
    lines += data.split(separator: 0x0A).map(Array.init)
    return lines
  }

  /// Every line with one byte inserted or deleted at every position: the edges where a shortcut
  /// would disagree with the general rules (a second space, a tab, a quote, a backslash, CR, NUL).
  static func mutations(of line: [UInt8]) -> [[UInt8]] {
    let inserts: [UInt8] = [0x20, 0x09, 0x22, 0x5C, 0x3F, 0x23, 0x2D, 0x0D, 0x00, 0x39, 0x2E, 0x5B]
    var out: [[UInt8]] = []
    for i in 0...line.count {
      for b in inserts {
        var m = line
        m.insert(b, at: i)
        out.append(m)
      }
      if i < line.count {
        var m = line
        m.remove(at: i)
        out.append(m)
      }
    }
    return out
  }

  static func checkAgreement(_ line: [UInt8]) -> Bool {
    line.withUnsafeBufferPointer { bytes in
      var fastStamps = RepeatedStampCache()
      guard let scan = CombinedLineScan.scan(bytes, naiveZone: 0, stamps: &fastStamps) else {
        return true
      }
      guard let fields = AccessLineParser.parse(bytes, naiveZone: 0),
        let request = RequestLine.parse(bytes, fields.request)
      else { return false }
      var same =
        scan.time == fields.time && scan.status == fields.status
        && scan.method == request.method && scan.path == request.path
        && scan.trailing == fields.trailing && scan.client == fields.client
        && scan.userAgent == fields.userAgent
        && scan.sent.map { r in r.reduce(0) { $0 * 10 + Int(bytes[$1] - 0x30) } } == fields.bytes
      if let ms = CombinedLineScan.soleDecimalMs(bytes, scan.trailing) {
        let general = TrailingTimes.nginx(bytes, fields.trailing)
        same = same && general?.requestMs == ms && general?.upstreamMs == nil
      }
      return same
    }
  }

  @Test func agreesWithTheGeneralParserOnEveryLineItAccepts() throws {
    var checked = 0
    var disagreements: [String] = []
    for line in try Self.corpus() {
      // Mutating a line costs its length squared; hostile.log's 100 kB line is checked as it is.
      for candidate in [line] + (line.count <= 400 ? Self.mutations(of: line) : []) {
        checked += 1
        if !Self.checkAgreement(candidate), disagreements.count < 5 {
          disagreements.append(String(decoding: candidate, as: UTF8.self))
        }
      }
    }
    #expect(disagreements.isEmpty, "\(disagreements)")
    #expect(checked > 50_000)
  }

  @Test func acceptsThePlainLinesServersWrite() throws {
    let lines = try fixtureLines("nginx-combined.log")
    var stamps = RepeatedStampCache()
    let accepted = lines.filter { line in
      line.withUnsafeBufferPointer {
        CombinedLineScan.scan($0, naiveZone: 0, stamps: &stamps) != nil
      }
    }
    // The fixture's escaped user agent is left to the general parser; the rest are plain.
    #expect(accepted.count >= lines.count - 2)
    let plain = Array(
      #"10.0.0.45 - - [18/Nov/2026:11:06:40 +0000] "GET /api/orders/36950?x=1 HTTP/1.1" 200 733 "-" "python-httpx/0.27.0" 0.024"#
        .utf8)
    let scan = try #require(
      plain.withUnsafeBufferPointer { CombinedLineScan.scan($0, naiveZone: 0, stamps: &stamps) })
    #expect(scan.status == 200)
    #expect(String(decoding: plain[scan.path], as: UTF8.self) == "/api/orders/36950")
    #expect(String(decoding: plain[scan.method], as: UTF8.self) == "GET")
    #expect(
      plain.withUnsafeBufferPointer { CombinedLineScan.soleDecimalMs($0, scan.trailing) } == 24)
  }

  @Test func leavesOddLinesToTheGeneralParser() {
    let odd = [
      #"10.0.0.45 - - [18/Nov/2026:11:06:40 +0000] "GET /a\"b HTTP/1.1" 200 1 "-" "x" 0.1"#,
      #"10.0.0.45  - - [18/Nov/2026:11:06:40 +0000] "GET /a HTTP/1.1" 200 1 "-" "x" 0.1"#,
      #"10.0.0.45 - - [18/Nov/2026:11:06:40 +0000] "-" 400 0 "-" "-" 0.000"#,
      "10.0.0.45 - - [18/Nov/2026:11:06:40 +0000] \"GET /a HTTP/1.1\"\t200 1 \"-\" \"x\" 0.1",
    ]
    var stamps = RepeatedStampCache()
    for line in odd {
      let bytes = Array(line.utf8)
      #expect(
        bytes.withUnsafeBufferPointer {
          CombinedLineScan.scan($0, naiveZone: 0, stamps: &stamps)
        } == nil, "\(line)")
    }
  }
}

/// Kept requests (5xx, slowest) built from the scan's ranges equal those the general parser builds.
@Suite struct KeptRequestTests {
  @Test func keptRequestsMatchTheGeneralParser() throws {
    // Every fixture line turned into a 5xx, so every one is kept in full.
    let lines = try (CombinedLineScanTests.corpus()).map { line in
      Array(
        String(decoding: line, as: UTF8.self).replacingOccurrences(of: "\" 200 ", with: "\" 503 ")
          .utf8)
    }
    var compared = 0
    for flavor in [AccessLogDecoder.Flavor.nginx, .gunicorn(.milliseconds)] {
      let requests = RequestSink.collecting()
      let decoder = AccessLogDecoder(
        formatID: "nginx-combined", flavor: flavor, options: DecoderOptions(), requests: requests)
      var viaGeneralParser: [Request] = []
      var ignored: [Event] = []
      for line in lines {
        line.withUnsafeBufferPointer {
          decoder.feed($0, readAt: fixtureReadAt, into: &ignored)
          if let r = decoder.requestByGeneralParser($0) { viaGeneralParser.append(r) }
        }
      }
      #expect(requests.collected.count == viaGeneralParser.count)
      #expect(requests.collected == viaGeneralParser)
      compared += requests.collected.count
    }
    #expect(compared > 200)
  }
}
