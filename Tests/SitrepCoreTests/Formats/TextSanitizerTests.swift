import Testing

@testable import SitrepCore

@Suite struct TextSanitizerTests {
  func clean(_ bytes: [UInt8]) -> String {
    bytes.withUnsafeBufferPointer { TextSanitizer.display($0) }
  }

  @Test func plainTextIsUnchanged() {
    #expect(TextSanitizer.display("GET /api/orders 200") == "GET /api/orders 200")
    #expect(TextSanitizer.display("café ✓") == "café ✓")
  }

  @Test func removesCSIAndOSCSequences() {
    #expect(TextSanitizer.display("\u{1B}[31mred\u{1B}[0m") == "red")
    #expect(TextSanitizer.display("a\u{1B}]0;pwned\u{07}b") == "ab")
    #expect(TextSanitizer.display("a\u{1B}]8;;http://x\u{1B}\\link\u{1B}]8;;\u{1B}\\b") == "alinkb")
    #expect(TextSanitizer.display("\u{1B}[6n?") == "?")
    #expect(TextSanitizer.display("x\u{1B}(By\u{1B}cz") == "xyz")
  }

  @Test func removesControlsAndKeepsTabAsSpace() {
    #expect(TextSanitizer.display("a\tb") == "a b")
    #expect(TextSanitizer.display("carriage\rreturn") == "carriagereturn")
    #expect(clean([0x61, 0x00, 0x62, 0x7F, 0x63, 0x07]) == "abc")
    #expect(TextSanitizer.display("a\u{85}b\u{9B}c") == "abc")
  }

  @Test func invalidUTF8BecomesReplacementCharacter() {
    #expect(clean([0x62, 0xFF, 0xFE, 0x00, 0x61]) == "b\u{FFFD}\u{FFFD}a")
    #expect(clean([0xE2, 0x82]) == "\u{FFFD}")
  }

  @Test func truncatedEscapeAtEndIsDropped() {
    #expect(clean([0x61, 0x1B]) == "a")
    #expect(clean([0x61, 0x1B, 0x5B, 0x33]) == "a")
    #expect(clean([0x61, 0x1B, 0x5D, 0x30, 0x3B]) == "a")
  }

  @Test func stripANSIKeepsOtherBytes() {
    let bytes = Array("\u{1B}[32mINFO\u{1B}[0m:\t x".utf8)
    let out = bytes.withUnsafeBufferPointer { TextSanitizer.stripANSI($0) }
    #expect(String(decoding: out, as: UTF8.self) == "INFO:\t x")
  }

  @Test func hostileFixtureLinesComeOutClean() throws {
    for line in try fixtureLines("hostile.log") {
      let text = clean(line)
      #expect(!text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    }
  }
}
