import Testing

@testable import SitrepCore

/// The line's quotes and escapes as bits (`JSONLineBits`), which the key scanner walks instead of
/// the bytes: an escape may sit on either side of a 64-byte word's edge, and a string may hold
/// runs of backslashes; the scanner must agree with the full reader on all of them.
@Suite struct JSONLineBitsTests {
  /// Strings whose escapes fall on every byte around the first two word edges: each escape kind,
  /// read by the scanner as the full reader reads it, and the key after the string still found.
  @Test(arguments: [#"\""#, #"\\"#, #"\\\""#, #"\\\\"#, #"\u00e9"#, #"\n\t"#, #"\/"#])
  func escapesOnEitherSideOfAWordEdgeReadAsTheFullReaderReadsThem(escape: String) {
    var scanner = JSONKeyScanner(keys: ["msg", "after"])
    var checked = 0
    for pad in 0..<140 {
      let text = String(repeating: "a", count: pad) + escape + "z"
      let line = #"{"msg": ""# + text + #"", "after": "x"}"#
      line.withLineBytes { bytes in
        let expected = JSONObject.parse(bytes)?["msg"]?.stringValue
        #expect(expected != nil, "\(line)")
        let ok = scanner.scan(bytes)
        #expect(ok, "\(line)")
        let msg = scanner.first(scanner.paths(["msg"]))?.value
        #expect(msg?.escaped == true)
        let decoded = msg.map { span in
          JSONSpanText.withDecoded(span, in: bytes) { String(decoding: $0, as: UTF8.self) }
        }
        #expect(decoded == expected, "\(line)")
        let after = scanner.first(scanner.paths(["after"]))?.value
        #expect(after.map { JSONSpanText.display($0, in: bytes) } == "x", "\(line)")
      }
      checked += 1
    }
    #expect(checked == 140)
  }

  /// What the full reader refuses, the scanner refuses too, wherever the fault falls: a `\u`
  /// without four hex digits, a quote escaped so the string never ends, a backslash outside a
  /// string.
  @Test(arguments: [#"\u12"#, #"\uZZZZ"#, #"\""#, #"\\\""#])
  func faultsOnEitherSideOfAWordEdgeAreRefused(fault: String) {
    var scanner = JSONKeyScanner(keys: ["msg"])
    for pad in 0..<140 {
      // The fault ends the string's text, so an escaped quote leaves it open to the line's end.
      let line = #"{"msg": ""# + String(repeating: "a", count: pad) + fault + #""}"#
      line.withLineBytes { bytes in
        let full = JSONObject.parse(bytes) != nil
        let ok = scanner.scan(bytes)
        #expect(ok == full, "\(line)")
      }
    }
    for pad in 0..<140 {
      let line = #"{"msg": ""# + String(repeating: "a", count: pad) + #"", \"x": 1}"#
      line.withLineBytes { bytes in
        #expect(JSONObject.parse(bytes) == nil)
        let ok = scanner.scan(bytes)
        #expect(!ok, "\(line)")
      }
    }
  }

  /// Every `\u` of a line is checked once, wherever it is: in a key, in a value, in a container
  /// skipped over, or outside any string. The scanner's answer is the full reader's.
  @Test(arguments: [
    #"{"k\u00e9y": 1}"#, #"{"k\u00g9y": 1}"#, #"{"a": ["x\u12"], "b": 1}"#,
    #"{"a": {"b": "\u0041"}, "c": "\u00"}"#, #"{"a": 1\u0041}"#, #"{"a": "ok"}\u0041"#,
    #"{"a": "\\u12"}"#, #"{"a": "\\\u0041"}"#,
  ])
  func unicodeEscapesAreCheckedWhereverTheyAre(line: String) {
    var scanner = JSONKeyScanner(keys: ["a", "b", "c", #"k\u00e9y"#])
    line.withLineBytes { bytes in
      let full = JSONObject.parse(bytes) != nil
      let ok = scanner.scan(bytes)
      #expect(ok == full, "\(line)")
    }
  }

  /// A line longer than the scratch first holds (1 KiB of bits) grows it, and a short line after
  /// it reads as before: nothing of the long line's bits is left behind.
  @Test func aLongLineGrowsTheScratchAndLeavesNothingBehind() {
    var scanner = JSONKeyScanner(keys: ["msg", "level"])
    let long = String(repeating: #"\"q\" "#, count: 2000)
    let line = #"{"msg": ""# + long + #"", "level": "error"}"#
    line.withLineBytes { bytes in
      let ok = scanner.scan(bytes)
      #expect(ok)
      let level = scanner.first(scanner.paths(["level"]))?.value
      #expect(level.map { JSONSpanText.display($0, in: bytes) } == "error")
    }
    let short = #"{"level": "info"}"#
    short.withLineBytes { bytes in
      let ok = scanner.scan(bytes)
      #expect(ok)
      #expect(scanner.first(scanner.paths(["msg"])) == nil)
      let level = scanner.first(scanner.paths(["level"]))?.value
      #expect(level.map { JSONSpanText.display($0, in: bytes) } == "info")
    }
  }

  /// Quote bits of lines of every length up to three words, against the bytes, and the cursor
  /// walking them in order then stopping at or past the end.
  @Test func bitsAndCursorMatchTheBytesAtEveryLength() {
    let quotes = UnsafeMutablePointer<UInt64>.allocate(capacity: 8)
    let escapes = UnsafeMutablePointer<UInt64>.allocate(capacity: 8)
    defer {
      quotes.deallocate()
      escapes.deallocate()
    }
    for n in 0..<200 {
      // A quote every seventh byte, a backslash escaping the quote every thirty-first.
      var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: n)
      var expected: [Int] = []
      for k in 0..<n where k % 7 == 3 { bytes[k] = UInt8(ascii: "\"") }
      for k in 0..<n where k % 31 == 30 && k + 1 < n { bytes[k] = UInt8(ascii: "\\") }
      for k in 0..<n where bytes[k] == UInt8(ascii: "\"") {
        if k > 0, bytes[k - 1] == UInt8(ascii: "\\") { continue }
        expected.append(k)
      }
      bytes.withUnsafeBufferPointer { line in
        let bits = JSONLineBits(line, quotes: quotes, escapes: escapes)
        var cursor = JSONQuoteCursor(bits)
        var found: [Int] = []
        while true {
          let at = cursor.next()
          if at >= n { break }
          found.append(at)
        }
        #expect(found == expected, "n=\(n)")
        var firsts: [Int] = []
        var at = 0
        while true {
          at = bits.nextQuote(from: at)
          if at >= n { break }
          firsts.append(at)
          at += 1
        }
        #expect(firsts == expected, "n=\(n)")
      }
    }
  }
}
