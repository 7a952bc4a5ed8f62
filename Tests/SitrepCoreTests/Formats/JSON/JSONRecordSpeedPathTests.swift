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
    // The warning kept its other keys when whole, read by a second scan.
    #expect(whole.records[1].fields["ms"] == "900" && whole.records[1].logger == "app.db")
    #expect(whole.records[2].fields["order_id"] == "7")
    // What the model makes of either is the same.
    for d in [whole, lean] { #expect(d.records.filter { Monitor.onlyCounts(.log($0)) }.count == 3) }
  }
}
