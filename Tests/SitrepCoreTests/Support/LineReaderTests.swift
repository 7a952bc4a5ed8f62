import Testing

@testable import SitrepCore

@Suite struct LineReaderTests {
  @Test func jsonEscapesAndNesting() throws {
    let o = try #require(
      JSONObject.parse(
        #"{"a": "x\"y\\z\n", "e": "\u00e9\ud83d\ude00", "n": -1.5e3, "b": false, "z": null, "o": {"k": [1, {"q": 2}]}}"#
      ))
    #expect(o["a"] == .string("x\"y\\z\n"))
    #expect(o["e"] == .string("é😀"))
    #expect(o["n"]?.numberValue == -1500)
    #expect(o["b"]?.text == "false" && o["z"] == .null)
    #expect(o["o.k"]?.text == #"[1, {"q": 2}]"#)
    #expect(o["o"]?.text == #"{"k": [1, {"q": 2}]}"#)
  }

  @Test func jsonRejectsBrokenAndBottomlessInput() {
    #expect(JSONObject.parse(#"{"a": 1"#) == nil)
    #expect(JSONObject.parse(#"{"a": 1} trailing"#) == nil)
    #expect(JSONObject.parse(#"["not", "an", "object"]"#) == nil)
    #expect(JSONObject.parse(#"{"a": "\ud800"}"#)?["a"] == .string("\u{FFFD}"))
    let deep =
      String(repeating: #"{"a": "#, count: 5000) + "1" + String(repeating: "}", count: 5000)
    #expect(JSONObject.parse(deep) == nil)
  }

  @Test func logfmtPairs() throws {
    let pairs = try #require(
      #"level=info msg="a \"q\" b" empty= flag path=/x"#.withLineBytes { Logfmt.parse($0) })
    #expect(pairs.map(\.key) == ["level", "msg", "empty", "flag", "path"])
    #expect(pairs.map(\.value) == ["info", "a \"q\" b", "", "true", "/x"])
    #expect("just words here".withLineBytes { Logfmt.parse($0) } == nil)
    #expect(#"msg="unterminated"#.withLineBytes { Logfmt.parse($0) } == nil)
  }
}
