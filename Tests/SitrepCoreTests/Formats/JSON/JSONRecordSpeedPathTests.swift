import Testing

@testable import SitrepCore

/// The shortcuts that keep a JSON record line cheap must read what the slower ways read.
@Suite struct JSONRecordSpeedPathTests {
  /// Every spelling `init(loose:)` knows, in every case mix tried, and words it does not know,
  /// read from bytes as from a String.
  @Test func levelFromBytesReadsWhatTheStringReads() {
    let words = [
      "debug", "trace", "7", "info", "information", "notice", "6", "5", "warn", "warning", "4",
      "error", "err", "exception", "3", "critical", "crit", "fatal", "alert", "emerg",
      "emergency", "panic", "2", "1", "0", "", "inf", "infos", "errors", "warning!", "8",
      "ERROR ", " info", "ïnfo", "crïtical", "Ｅrror", "verbose", "criticalx", "exceptional",
      "information!", "informations_and_more",
    ]
    for word in words {
      for variant in [word, word.uppercased(), word.prefix(1).uppercased() + word.dropFirst()] {
        let fromBytes = Array(variant.utf8).withUnsafeBufferPointer { LogLevel(looseBytes: $0) }
        #expect(fromBytes == LogLevel(loose: variant), "\(variant)")
      }
    }
  }

  /// The word-at-a-time packing and lowercasing behind `init(looseBytes:)` give what a byte loop
  /// gives: every length up to eight, and every ASCII byte at every position (the letters'
  /// neighbours `@`, `[`, `` ` `` and `{` left alone).
  @Test func levelWordsPackAndLowercaseAsBytesDo() {
    func byByte(_ bytes: [UInt8], lowering: Bool) -> UInt64 {
      var word: UInt64 = 0
      for (k, b) in bytes.enumerated() {
        let lower = lowering && b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") ? b | 0x20 : b
        word |= UInt64(lower) << (8 * UInt64(k))
      }
      return word
    }
    for length in 0...8 {
      for byte in UInt8(0)..<0x80 {
        for position in 0..<length {
          var bytes = (0..<length).map { UInt8(ascii: "A") + UInt8($0 * 3 % 26) }
          bytes[position] = byte
          let packed = bytes.withUnsafeBufferPointer { LogLevel.packed($0) }
          #expect(packed == byByte(bytes, lowering: false))
          #expect(LogLevel.asciiLowercased(packed) == byByte(bytes, lowering: true))
        }
      }
    }
    #expect([UInt8]().withUnsafeBufferPointer { LogLevel.packed($0) } == 0)
  }

  /// The flat table finds each wanted key by its bytes and nothing else: keys sharing a length
  /// and a first byte, prefixes, and keys longer than any wanted one.
  @Test func keyTableFindsExactlyTheWantedKeys() {
    let wanted = ["time", "ts", "type", "trace", "t", "timestamp", "level", "lvl"]
    let table = JSONKeyTable(wanted)
    for (slot, key) in wanted.enumerated() {
      let found = Array(key.utf8).withUnsafeBufferPointer { table.slot($0, 0..<$0.count) }
      #expect(found == slot, "\(key)")
    }
    for other in ["tim", "times", "tume", "ty", "levels", "timestamps_and_more", "T", "x"] {
      let found = Array(other.utf8).withUnsafeBufferPointer { table.slot($0, 0..<$0.count) }
      #expect(found == nil, "\(other)")
    }
    // A key inside a longer line, by its range.
    let line = Array(#"{"level":1}"#.utf8)
    #expect(line.withUnsafeBufferPointer { table.slot($0, 2..<7) } == 6)
  }

  static let lines = [
    #"{"event": "order created", "level": "info", "logger": "app.orders", "timestamp": "2026-11-24T14:00:00Z", "order_id": 1}"#,
    #"{"message": "slow", "levelname": "WARNING", "name": "app.db", "asctime": "2026-11-24 14:00:01,000", "ms": 900}"#,
    #"{"message": "boom", "levelname": "ERROR", "name": "app", "asctime": "2026-11-24 14:00:02,000", "exc_info": "Traceback (most recent call last):\n  File \"/srv/a.py\", line 1, in f\nKeyError: 'x'", "order_id": 7}"#,
    #"{"event": "handled", "level": "info", "exception": "ValueError: bad", "timestamp": "2026-11-24T14:00:03Z"}"#,
    #"{"event": "request finished", "method": "GET", "path": "/api/x", "status_code": 503, "duration_ms": 12.5, "level": "error", "timestamp": "2026-11-24T14:00:04Z"}"#,
  ]

  /// As sitrep decodes (`recordTextFrom` at the level the model keeps): records below it are
  /// their time and level only, those it keeps and any with an exception are whole, and the
  /// requests are the same.
  @Test func recordsBelowTheKeptLevelCarryNoText() throws {
    let whole = try decode("json", text: Self.lines)
    let lean = try decode(
      "json", text: Self.lines, options: DecoderOptions(recordTextFrom: Monitor.keptLogLevel))
    #expect(lean.counts == whole.counts && lean.requests == whole.requests)
    try #require(lean.records.count == whole.records.count)
    for (a, b) in zip(lean.records, whole.records) {
      #expect(a.time == b.time && a.level == b.level)
      if b.level >= Monitor.keptLogLevel || b.exception != nil {
        #expect(a == b)
      } else {
        #expect(a.message.isEmpty && a.logger == nil && a.fields.isEmpty)
        #expect(!b.message.isEmpty)
      }
    }
    // The warning kept its other keys when whole.
    #expect(whole.records[1].fields["ms"] == "900" && whole.records[1].logger == "app.db")
    #expect(whole.records[2].fields["order_id"] == "7")
    // What the model makes of either is the same.
    for d in [whole, lean] { #expect(d.records.filter { Monitor.onlyCounts(.log($0)) }.count == 3) }
  }

  /// A kept record's other keys come from its one scan (the wanted keys' marks and the members
  /// kept beside them) and are what reading the line again gave: containers as their text, a
  /// repeated key's last value, escaped keys decoded, wanted keys the record did not use.
  @Test func aKeptRecordsOtherKeysAreWhatAWholeReadGives() throws {
    let cases: [(String, [String: String])] = [
      (
        #"{"message": "slow", "levelname": "WARNING", "ms": 900, "db": {"host": "a"}, "tags": ["x", "y"], "asctime": "2026-11-24 14:00:01,000"}"#,
        ["ms": "900", "db": #"{"host": "a"}"#, "tags": #"["x", "y"]"#]
      ),
      (#"{"message": "x", "level": "error", "k": 1, "k": 2}"#, ["k": "2"]),
      (
        #"{"message": "x", "level": "error", "method": "GET", "method": "POST"}"#,
        ["method": "POST"]
      ),
      (#"{"message": "x", "level": "error", "café": "y", "n": null}"#, ["café": "y", "n": "null"]),
      (
        #"{"event": "x", "level": "warning", "path": "/a", "client": "1.2.3.4", "logger": 5}"#,
        ["path": "/a", "client": "1.2.3.4", "logger": "5"]
      ),
      (
        #"{"event": "a long one to cross a word's edge", "level": "error", "detail": "\"quoted\" and \\ slashed", "z": true}"#,
        ["detail": #""quoted" and \ slashed"#, "z": "true"]
      ),
    ]
    for (line, expected) in cases {
      let decoded = try decode("json", text: [line])
      try #require(decoded.records.count == 1, "\(line)")
      #expect(decoded.records[0].fields == expected, "\(line)")
    }
  }

  /// The outcome a decoder keeps from line to line comes back fresh: nothing of a line's request,
  /// ignoring or extras is left for the next.
  @Test func aClearedOutcomeIsFresh() {
    let request = Request(time: 1, method: "GET", path: "/", route: "/", status: 503)
    var outcome = LineOutcome(
      hold: .log(LogRecord(time: 1, level: .error, message: "x")),
      emit: [.log(LogRecord(time: 1, level: .info, message: "restart"))], requests: [request],
      routesAsWritten: true, ignored: true)
    outcome.recorded = LineOutcome.Recorded(status: 503, taken: false)
    outcome.clear()
    if case .silent = outcome.hold {} else { Issue.record("hold left: \(outcome.hold)") }
    #expect(!outcome.ignored && outcome.recorded == nil && !outcome.hasExtras)
    #expect(outcome.emit.isEmpty && outcome.requests.isEmpty && !outcome.routesAsWritten)
  }

  /// A record held into an outcome replaces what it held, silent or not.
  @Test func holdingARecordReplacesTheHold() {
    let first = LogRecord(time: 1, level: .error, message: "first")
    let second = LogRecord(time: 2, level: .info, message: "second")
    var outcome = LineOutcome(holding: .silent)
    outcome.hold(first)
    guard case .log(let held) = outcome.hold else { return #expect(Bool(false)) }
    #expect(held == first)
    outcome.hold(second)
    guard case .log(let replaced) = outcome.hold else { return #expect(Bool(false)) }
    #expect(replaced == second)
  }

  /// Lines fed one after another through the kept outcome: a 5xx request line's mark and an
  /// ignored line's count do not carry over to the record after them.
  @Test func eachLineIsReadIntoAFreshOutcome() throws {
    let descriptor = try #require(FormatCatalog.descriptor(id: "json"))
    let decoder = descriptor.makeDecoder(DecoderOptions(), RequestSink.collecting())
    var events: [Event] = []
    func feed(_ line: String) {
      Array(line.utf8).withUnsafeBufferPointer {
        decoder.feed($0, readAt: fixtureReadAt, into: &events)
      }
    }
    feed(Self.lines[4])  // a 503 request
    #expect(decoder.lastLineMark.isError)
    feed(Self.lines[0])  // an info record
    #expect(decoder.lastLineMark == .plain)
    feed(#"{"order_id": 1}"#)  // JSON, but no record
    feed(Self.lines[0])
    #expect(decoder.counts.ignored == 1 && decoder.counts.parsed == 3)
  }

  /// A decoder and its lane copy read kept records' other keys each with their own rescan, so
  /// lines fed to both in turn keep their own fields, as one decoder reading them all does.
  @Test func laneCopiesRescanOnTheirOwn() throws {
    let descriptor = try #require(FormatCatalog.descriptor(id: "json"))
    let first = try #require(
      descriptor.makeDecoder(DecoderOptions(), RequestSink.collecting())
        as? HoldingDecoder<JSONLogRules>)
    let lane = first.laneCopy(requests: RequestSink.collecting())
    let lines = (0..<6).map {
      #"{"message": "slow \#($0)", "levelname": "WARNING", "k\#($0)": \#($0), "shared": "s\#($0)"}"#
    }
    var events: [Event] = []
    for (i, line) in lines.enumerated() {
      Array(line.utf8).withUnsafeBufferPointer {
        (i % 2 == 0 ? first : lane).feed($0, readAt: fixtureReadAt, into: &events)
      }
    }
    first.flush(into: &events)
    lane.flush(into: &events)
    let alone = try decode("json", text: lines)
    let records = events.compactMap { if case .log(let r) = $0 { r } else { nil } }
    #expect(records.count == lines.count)
    for record in records {
      let twin = try #require(alone.records.first { $0.message == record.message })
      #expect(record == twin)
      #expect(record.fields.count == 2)
    }
  }
}
