import Testing

@testable import SitrepUI

/// An escape sequence the terminal library did not know arrives as Escape and characters; taken
/// as keys, SGR mouse bytes sent to a terminal set up for another encoding moved the dashboard a
/// minute back in time (`[`) and then left the screen (Escape).
@Suite struct UnknownEscapeSequencesTests {
  static func keys(_ text: String) -> [Key] {
    text.map { $0 == "\u{1B}" ? .escape : .char($0) }
  }

  static func removed(_ keys: [Key]) -> [Key] {
    UnknownEscapeSequences.removed(from: keys) { $0 }
  }

  @Test func aWholeCSIIsDropped() {
    #expect(Self.removed(Self.keys("\u{1B}[<0;6;4M\u{1B}[<0;6;4m")) == [])
    #expect(Self.removed(Self.keys("j\u{1B}[1;5Pk")) == [.char("j"), .char("k")])
    #expect(Self.removed(Self.keys("\u{1B}[I")) == [])
  }

  @Test func anSS3IsDroppedWithItsOneByte() {
    #expect(Self.removed(Self.keys("\u{1B}OPq")) == [.char("q")])
  }

  @Test func escapeAloneAndKeysAroundItStay() {
    #expect(Self.removed([.escape]) == [.escape])
    #expect(Self.removed(Self.keys("\u{1B}q")) == [.escape, .char("q")])
    #expect(Self.removed([.char("["), .char("]")]) == [.char("["), .char("]")])
    #expect(Self.removed([.escape, .up, .char("[")]) == [.escape, .up, .char("[")])
  }

  /// Other inputs (mouse events) pass through, in order.
  @Test func inputsThatAreNotKeysPassThrough() {
    enum Input: Equatable {
      case key(Key)
      case other(Int)
    }
    let inputs: [Input] = [.other(1), .key(.escape), .key(.char("[")), .key(.char("A")), .other(2)]
    let out = UnknownEscapeSequences.removed(from: inputs) {
      if case .key(let k) = $0 { return k }
      return nil
    }
    #expect(out == [.other(1), .other(2)])
  }
}
