/// Escape sequences the terminal library did not turn into a key (its terminfo does not know
/// them: a function key of another terminal, mouse reports in an encoding it did not ask for, a
/// focus report) come as an Escape followed by their bytes as characters. Read as keys they would
/// act: `ESC [ < 0 ; 6 ; 4 M` is Escape (back), `[` (a minute back in time), `<`, `0`... So a
/// sequence that arrives whole in one read is dropped: `ESC [` with its parameter and
/// intermediate bytes and its final byte (a CSI, ECMA-48), or `ESC O` and one byte (an SS3).
/// Escape pressed alone comes alone (the library waits 25 ms for what follows it).
public enum UnknownEscapeSequences {
  public static func removed<Input>(from inputs: [Input], key: (Input) -> Key?) -> [Input] {
    var out: [Input] = []
    out.reserveCapacity(inputs.count)
    var i = 0
    while i < inputs.count {
      guard key(inputs[i]) == .escape, i + 1 < inputs.count,
        case .char(let introducer) = key(inputs[i + 1]), introducer == "[" || introducer == "O"
      else {
        out.append(inputs[i])
        i += 1
        continue
      }
      var j = i + 2
      if introducer == "[" {
        // Parameter bytes 0x30-0x3F and intermediate bytes 0x20-0x2F, then one final byte.
        while j < inputs.count, let b = byte(key(inputs[j])), (0x20...0x3F).contains(b) { j += 1 }
        if j < inputs.count, let b = byte(key(inputs[j])), (0x40...0x7E).contains(b) { j += 1 }
      } else if j < inputs.count, byte(key(inputs[j])) != nil {
        j += 1
      }
      i = j
    }
    return out
  }

  private static func byte(_ key: Key?) -> UInt32? {
    guard case .char(let c) = key, let scalar = c.unicodeScalars.first,
      c.unicodeScalars.count == 1, scalar.value < 0x80
    else { return nil }
    return scalar.value
  }
}
