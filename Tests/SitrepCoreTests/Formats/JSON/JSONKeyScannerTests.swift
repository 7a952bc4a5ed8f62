import Testing

@testable import SitrepCore

/// The byte-level reader of wanted keys: what it records, what it refuses, and that it agrees with
/// the full JSON reader on which lines are JSON objects at all.
@Suite struct JSONKeyScannerTests {
  func scan(_ keys: [String], _ line: String, _ body: (JSONKeyScanner, LineBytes) -> Void)
    -> Bool
  {
    var scanner = JSONKeyScanner(keys: keys)
    return line.withLineBytes { bytes in
      let ok = scanner.scan(bytes)
      if ok { body(scanner, bytes) }
      return ok
    }
  }

  /// Every wanted key is found by its bytes; a key that shares a wanted key's length or first
  /// byte but is not wanted is not (the first-byte filter must reject only what no key starts with).
  @Test func tableFindsExactlyTheWantedKeys() {
    let wanted = JSONLogKeys.shared.scanner.table.keys.map { String(decoding: $0, as: UTF8.self) }
    let table = JSONKeyTable(wanted)
    let slot = { (key: String) -> Int? in key.withLineBytes { table.slot($0, 0..<$0.count) } }
    for (k, key) in wanted.enumerated() { #expect(slot(key) == k, "\(key)") }
    var others: [String] = []
    for key in wanted {
      others.append("~" + key.dropFirst())
      others.append(key + "x")
      others.append(String(key.dropLast()) + "~")
      others.append(key.uppercased())
    }
    for other in others where !wanted.contains(other) { #expect(slot(other) == nil, "\(other)") }
    #expect(slot("") == nil && slot(String(repeating: "a", count: 200)) == nil)
  }

  @Test func recordsWantedKeysOnlyAndDecodesOnDemand() {
    let line = #"{"a": 1, "msg": "caf\u00e9 \"q\"", "skip": {"x": [1, {"y": null}]}, "n": -2.5e1}"#
    let ok = scan(["msg", "n", "absent"], line) { s, b in
      let paths = s.paths(["msg", "n", "absent"])
      let msg = s.value(paths[0])!
      #expect(msg.kind == .string && msg.escaped)
      #expect(JSONSpanText.display(msg, in: b) == "café \"q\"")
      #expect(JSONSpanText.number(s.value(paths[1])!, in: b) == -25)
      #expect(s.value(paths[2]) == nil)
      #expect(s.members.count == 4)
      #expect(JSONSpanText.display(s.members[2].value, in: b) == #"{"x": [1, {"y": null}]}"#)
    }
    #expect(ok)
  }

  @Test func dottedKeysLookOneLevelDownAndTheLiteralKeyWins() {
    let keys = ["log.level", "error.stack"]
    let ok = scan(keys, #"{"log": {"logger": "x", "level": "warn"}, "error": "flat"}"#) { s, b in
      let paths = s.paths(keys)
      #expect(JSONSpanText.display(s.value(paths[0])!, in: b) == "warn")
      // `error` is a string, not an object: there is no `error.stack`.
      #expect(s.value(paths[1]) == nil)
    }
    #expect(ok)
    _ = scan(keys, #"{"log": {"level": "info"}, "log.level": "error"}"#) { s, b in
      #expect(JSONSpanText.display(s.value(s.paths(keys)[0])!, in: b) == "error")
    }
    // Only the first occurrence of a key counts, as the line reader took it.
    _ = scan(["k"], #"{"k": "first", "k": "second"}"#) { s, b in
      #expect(JSONSpanText.display(s.value(0)!, in: b) == "first")
    }
  }

  @Test func refusesWhatIsNotOneObject() {
    for line in [
      #"{"a": 1"#, #"{"a": "unterminated}"#, #"{"a": 1} trailing"#, #"["array"]"#, "", "{",
      #"{"a" 1}"#, #"{"a": tru}"#, #"{"a": [1, 2}"#, #"{"a": {"b": 1]}"#, #"{"a": -}"#,
      #"{"a": "\"}"#, #"{"a":1,}"#, "plain text",
    ] {
      #expect(!scan(["a"], line) { _, _ in }, "\(line)")
    }
    #expect(scan(["a"], "\u{FEFF}" + #" {"a": {}, "b": [], "c": [[]]} "#) { _, _ in })
  }

  @Test func nestingIsBoundedWithoutRecursion() {
    let deep = #"{"a": "# + String(repeating: "[", count: 100_000)
    #expect(!scan(["a"], deep) { _, _ in })
    let allowed =
      #"{"a": "# + String(repeating: "[", count: 30) + String(repeating: "]", count: 30)
      + "}"
    #expect(scan(["a"], allowed) { _, _ in })
    let tooDeep =
      #"{"a": "# + String(repeating: "[", count: 32) + String(repeating: "]", count: 32)
      + "}"
    #expect(!scan(["a"], tooDeep) { _, _ in })
  }

  @Test func invalidUTF8AndEscapesAreReplacedNotTrusted() {
    var bytes =
      Array(#"{"m": "bad "#.utf8) + [0xFF, 0xC3] + Array(#" \ud800 \u001b[2J end"}"#.utf8)
    var scanner = JSONKeyScanner(keys: ["m"])
    let text = bytes.withUnsafeMutableBufferPointer { p -> String? in
      let b = LineBytes(p)
      guard scanner.scan(b), let v = scanner.value(0) else { return nil }
      return JSONSpanText.display(v, in: b)
    }
    #expect(text == "bad \u{FFFD}\u{FFFD} \u{FFFD}  end")
    bytes.removeAll()
  }

  /// Mutated real lines: the scanner never traps and takes exactly the lines the full reader
  /// takes.
  @Test func agreesWithTheFullReaderOnMutatedLines() throws {
    let seeds =
      try fixtureLines("app-structlog.jsonl") + fixtureLines("app-jsonlogger.jsonl")
      + recordedLines("fastapi-jsonlog/app.jsonl")
    var rng = SplitMix64(seed: 14)
    var scanner = JSONLogKeys.shared.scanner
    var checked = 0
    for _ in 0..<4000 {
      var line = seeds[Int(rng.next() % UInt64(seeds.count))]
      guard !line.isEmpty else { continue }
      for _ in 0..<(1 + Int(rng.next() % 3)) {
        let at = Int(rng.next() % UInt64(line.count))
        let noise: [UInt8] = [
          0x22, 0x5C, 0x7B, 0x7D, 0x5B, 0x5D, 0x2C, 0x3A, 0x20, 0xFF, 0x00, 0x31, 0x6E,
        ]
        switch rng.next() % 3 {
        case 0: line[at] = noise[Int(rng.next() % UInt64(noise.count))]
        case 1: line.remove(at: at)
        default: line.insert(noise[Int(rng.next() % UInt64(noise.count))], at: at)
        }
        if line.isEmpty { break }
      }
      let (mine, theirs) = line.withUnsafeBufferPointer {
        (scanner.scan($0), JSONObject.parse($0) != nil)
      }
      #expect(mine == theirs, "\(String(decoding: line, as: UTF8.self))")
      checked += 1
    }
    #expect(checked > 3000)
  }
}
