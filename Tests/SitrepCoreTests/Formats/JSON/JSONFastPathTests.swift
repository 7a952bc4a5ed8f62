import Testing

@testable import SitrepCore

/// The shortcuts that let a JSON app-log line cost a few thousand instructions (issue 14) must
/// give what the plain ways give: the scanner's shared marks, the hashed key table, requests
/// handed to the sink as bytes, and the outcome's boxed rare parts.
@Suite struct JSONFastPathTests {
  /// Two copies of one scanner (each decoder's, each lane's) scan into marks of their own: a
  /// value found by one is never read by the other.
  @Test func copiesOfAScannerKeepTheirOwnMarks() {
    let original = JSONKeyScanner(keys: ["a", "b"])
    var first = original
    var second = original
    let lineA = Array(#"{"a": "from first"}"#.utf8)
    let lineB = Array(#"{"b": "from second"}"#.utf8)
    lineA.withUnsafeBufferPointer { a in
      lineB.withUnsafeBufferPointer { b in
        let scannedA = first.scan(a)
        let scannedB = second.scan(b)
        #expect(scannedA && scannedB)
        // Same scan count on both: shared marks would make `a` look found to the second.
        #expect(second.value(0) == nil)
        #expect(second.value(1).map { JSONSpanText.display($0, in: b) } == "from second")
        #expect(first.value(1) == nil)
        #expect(first.value(0).map { JSONSpanText.display($0, in: a) } == "from first")
      }
    }
  }

  /// Keys that share a length and their first, middle and last bytes land in one bucket: each is
  /// still found by its own bytes, and a key of that bucket that is not wanted is not.
  @Test func keysSharingABucketAreToldApart() {
    let wanted = ["a1m2z", "a3m4z", "a5m6z", "a7m8z", "level", "lvl"]
    let table = JSONKeyTable(wanted)
    for (slot, key) in wanted.enumerated() {
      let found = Array(key.utf8).withUnsafeBufferPointer { table.slot($0, 0..<$0.count) }
      #expect(found == slot, "\(key)")
    }
    for other in ["a9m0z", "a1m2y", "a1m2", "a1m2zz", "levek", ""] {
      let found = Array(other.utf8).withUnsafeBufferPointer { table.slot($0, 0..<$0.count) }
      #expect(found == nil, "\(other)")
    }
  }

  /// The word-at-a-time key comparison sees every byte: keys of every length from 1 to 24 differing
  /// in any one byte are unequal, and equal ones are equal.
  @Test func keyComparisonSeesEveryByte() {
    for n in 1...24 {
      let key = (0..<n).map { UInt8(ascii: "a") + UInt8($0 % 26) }
      key.withUnsafeBufferPointer { a in
        var copy = key
        #expect(
          copy.withUnsafeBufferPointer { JSONKeyTable.same(a.baseAddress!, $0.baseAddress!, n) })
        for k in 0..<n {
          copy = key
          copy[k] ^= 0x20
          let same = copy.withUnsafeBufferPointer {
            JSONKeyTable.same(a.baseAddress!, $0.baseAddress!, n)
          }
          #expect(!same, "length \(n), byte \(k)")
        }
      }
    }
  }

  /// A request record's request, recorded by the decoder from the line's bytes, is the one the
  /// String reader (`JSONRequestRecord.request`) builds: plain lines, and the lines that fall
  /// back to it (escapes, bytes the sanitiser changes).
  @Test func requestsFromBytesAreTheRequestsFromStrings() throws {
    let lines = [
      #"{"event": "r", "method": "GET", "path": "/api/orders/17?x=1", "status_code": 200, "duration_ms": 4.5, "client_ip": "10.0.0.7"}"#,
      #"{"event": "r", "method": "POST", "path": "/api/orders", "route": "/api/orders", "status": 201, "duration": 0.02}"#,
      #"{"event": "r", "method": "GET", "path": "/api/orders/9", "route": "/api/orders/{id}", "status": 503, "latency_ms": 9}"#,
      #"{"event": "r", "status": 200, "duration_ms": 1}"#,
      #"{"event": "r", "method": "GET", "route": "/only/{route}", "status": 200, "duration_ms": 1}"#,
      #"{"event": "r", "method": "GET", "path": "/caf\u00e9/1", "status": 200, "duration_ms": 1}"#,
      #"{"event": "r", "method": "GET", "path": "/café/12", "status": 200, "duration_ms": 1}"#,
      #"{"event": "r", "method": "G\"T", "path": "/q", "status": 200, "duration_ms": 1}"#,
      #"{"event": "r", "method": 7, "path": 12, "route": null, "status": "404", "elapsed": "38ms"}"#,
      #"{"event": "r", "method": "GET", "url": "https://h.example/r/9?x=1", "status": 200, "duration_ms": 2}"#,
      #"{"event": "r", "method": "GET", "path": "", "status": 200, "duration_ms": 2}"#,
    ]
    let decoded = try decode("json", text: lines)
    var expected: [Request] = []
    var scanner = JSONLogKeys.shared.scanner
    for line in lines {
      let request = line.withLineBytes { bytes -> Request? in
        guard scanner.scan(bytes) else { return nil }
        return JSONRequestRecord.request(
          scanner, in: bytes, time: fixtureReadAt, paths: JSONLogKeys.shared.request)
      }
      expected.append(try #require(request, "\(line)"))
    }
    try #require(decoded.requests.count == expected.count)
    for (got, want) in zip(decoded.requests, expected) {
      #expect(got.method == want.method, "\(want.path)")
      #expect(got.path == want.path)
      #expect(got.route == want.route, "\(want.path)")
      #expect(got.status == want.status && got.durationMs == want.durationMs)
      #expect(got.client == want.client)
    }
    #expect(decoded.counts.parsed == lines.count && decoded.counts.malformed == 0)
  }

  /// A request the rules hand to the sink still marks its line: a 5xx is an error line.
  @Test func aRecordedServerErrorMarksItsLine() throws {
    let descriptor = try #require(FormatCatalog.descriptor(id: "json"))
    let decoder = descriptor.makeDecoder(DecoderOptions(), RequestSink.collecting())
    var events: [Event] = []
    for (line, isError) in [
      (#"{"event": "r", "path": "/a", "status": 503, "duration_ms": 1}"#, true),
      (#"{"event": "r", "path": "/a", "status": 200, "duration_ms": 1}"#, false),
    ] {
      Array(line.utf8).withUnsafeBufferPointer {
        decoder.feed($0, readAt: fixtureReadAt, into: &events)
      }
      #expect(decoder.lastLineMark.isError == isError, "\(line)")
    }
  }

  /// What "malformed" means for a JSON app log: a line that is not exactly one JSON object, by the
  /// full reader's grammar. The scanner checks every value, wanted or not, so a garbled value the
  /// decoder never reads still makes the line malformed rather than a record with a wrong count.
  @Test func aGarbledValueNobodyReadsStillMakesTheLineMalformed() throws {
    let lines = [
      #"{"event": "order created", "order_id": 12x, "level": "info"}"#,
      #"{"event": "order created", "order_id": tru, "level": "info"}"#,
      #"{"event": "order created", "tags": [1, 2, "level": "info"}"#,
      #"{"event": "order created", "note": "bad \u12", "level": "info"}"#,
      #"{"event": "order created", "order_id": 12, "level": "info"}"#,
    ]
    let d = try decode("json", text: lines)
    #expect(d.counts.malformed == 4)
    #expect(d.counts.parsed == 1 && d.records.count == 1)
  }

  /// The outcome's rare parts (events to emit, requests as values) read back as set, and an
  /// outcome without them has none.
  @Test func anOutcomeKeepsItsRareParts() {
    var outcome = LineOutcome()
    #expect(outcome.emit.isEmpty && outcome.requests.isEmpty && !outcome.routesAsWritten)
    let request = Request(
      time: 1, method: "GET", path: "/a", route: "/a", status: 200, durationMs: 1, client: "-")
    outcome.requests = [request]
    outcome.routesAsWritten = true
    #expect(outcome.requests == [request] && outcome.routesAsWritten && outcome.emit.isEmpty)
    let built = LineOutcome(emit: [.log(LogRecord(time: 1, level: .error, message: "m"))])
    #expect(built.emit.count == 1 && built.requests.isEmpty)
  }
}
