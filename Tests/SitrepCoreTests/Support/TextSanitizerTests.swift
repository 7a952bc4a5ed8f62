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
    // U+009B is the one-character CSI: `CSI c` (a device-attributes request) goes whole.
    #expect(TextSanitizer.display("a\u{85}b\u{9B}c") == "ab")
  }

  /// Removing a byte must never join its neighbours into a new character: `C2 01 9B` is not a
  /// C1 CSI with a control in the middle, it is two broken characters and a control.
  @Test func removingAControlNeverReassemblesAC1Control() {
    let text = clean([0x61, 0xC2, 0x01, 0x9B, 0x36, 0x6E, 0x62])
    #expect(text == "a\u{FFFD}\u{FFFD}6nb")
    #expect(!text.unicodeScalars.contains { (0x80...0x9F).contains($0.value) })
    #expect(clean([0xE2, 0x01, 0x80, 0xAE]) == "\u{FFFD}\u{FFFD}\u{FFFD}")
  }

  @Test func c1SequencesGoWhole() {
    #expect(TextSanitizer.display("a\u{9B}31mb") == "ab")
    #expect(TextSanitizer.display("a\u{9D}0;title\u{9C}b") == "ab")
    #expect(TextSanitizer.display("a\u{9D}0;title\u{07}b") == "ab")
    #expect(TextSanitizer.display("a\u{90}q\u{1B}\\b") == "ab")
    #expect(clean(Array("x\u{9B}2Jy".utf8)) == "xy")
  }

  @Test func bidiAndInvisibleCharactersAreRemoved() {
    #expect(TextSanitizer.display("invoice\u{202E}fdp.exe") == "invoicefdp.exe")
    for hidden in [
      "\u{202A}", "\u{202B}", "\u{202C}", "\u{202D}", "\u{202E}", "\u{2066}", "\u{2067}",
      "\u{2068}",
      "\u{2069}", "\u{200E}", "\u{200F}", "\u{061C}", "\u{200B}", "\u{2060}", "\u{FEFF}",
      "\u{E0041}",
    ] {
      #expect(TextSanitizer.display("a\(hidden)b") == "ab", "\(hidden.unicodeScalars.first!.value)")
    }
    #expect(TextSanitizer.display("café ✓ 日本") == "café ✓ 日本")
  }

  @Test func checkTextHasNoPipe() {
    #expect(TextSanitizer.checkText("KeyError: a|b | c") == "KeyError: a/b / c")
    #expect(TextSanitizer.checkText("x\u{1B}]0;t\u{07}|\ny") == "x/y")
  }

  @Test func displayLinesKeepsLineBreaksOnly() {
    #expect(
      TextSanitizer.displayLines("bad\u{1B}[2J.toml:3\n  fix \u{202E}it\r")
        == "bad.toml:3\n  fix it")
  }

  @Test func quotedStringsEscapeWhatDisplayWouldHide() {
    #expect(QuotedString.escaped("a\u{202E}b\u{1B}c\u{9B}") == #""a\u202eb\u001bc\u009b""#)
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
