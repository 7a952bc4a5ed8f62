/// Checks and steps over JSON values the scanner does not keep, without recursion: nested
/// containers are tracked on a bit stack, so a line of ten thousand `[` costs a loop, not a
/// stack overflow, and is refused past `JSONKeyScanner.maxDepth`.
enum JSONSkipper {
  /// Steps over the object or array at `start` (at nesting level `depth`); the index after it.
  static func container(_ b: LineBytes, at start: Int, depth: Int) -> Int? {
    let n = b.count
    // Bit k set: the container at level k (from this one) is an object.
    var objects: UInt64 = 0
    var level = -1
    var i = start
    // Each turn of the loop is at the start of a value.
    while true {
      guard i < n else { return nil }
      let c = b[i]
      if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") {
        level += 1
        guard depth + level < JSONKeyScanner.maxDepth, level < 64 else { return nil }
        let isObject = c == UInt8(ascii: "{")
        if isObject { objects |= 1 << UInt64(level) } else { objects &= ~(1 << UInt64(level)) }
        i = JSONKeyScanner.blank(b, from: i + 1)
        guard i < n else { return nil }
        if b[i] == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
          i += 1
          level -= 1
          // An empty container is a finished value: fall through to what follows it.
        } else {
          if isObject {
            guard let next = key(b, at: i) else { return nil }
            i = next
          }
          continue
        }
      } else if c == UInt8(ascii: "\"") {
        guard let (end, _) = JSONKeyScanner.stringEnd(b, from: i + 1) else { return nil }
        i = end + 1
      } else {
        guard let (_, end) = scalar(b, at: i) else { return nil }
        i = end
      }
      // After a value: close as many containers as end here, then expect the next value.
      while true {
        if level < 0 { return i }
        i = JSONKeyScanner.blank(b, from: i)
        guard i < n else { return nil }
        let isObject = objects & (1 << UInt64(level)) != 0
        if b[i] == UInt8(ascii: ",") {
          i = JSONKeyScanner.blank(b, from: i + 1)
          if isObject {
            guard let next = key(b, at: i) else { return nil }
            i = next
          }
          break
        }
        guard b[i] == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) else { return nil }
        i += 1
        level -= 1
      }
    }
  }

  /// A member's `"key":` at `start`; the index of its value.
  private static func key(_ b: LineBytes, at start: Int) -> Int? {
    guard start < b.count, b[start] == UInt8(ascii: "\""),
      let (end, _) = JSONKeyScanner.stringEnd(b, from: start + 1)
    else { return nil }
    let colon = JSONKeyScanner.blank(b, from: end + 1)
    guard colon < b.count, b[colon] == UInt8(ascii: ":") else { return nil }
    return JSONKeyScanner.blank(b, from: colon + 1)
  }

  /// A number, `true`, `false` or `null` at `start`: its kind and the index after it. Numbers
  /// are read as the line reader always read them (a sign, digits, a fraction, an exponent).
  static func scalar(_ b: LineBytes, at start: Int) -> (JSONSpan.Kind, Int)? {
    let n = b.count
    switch b[start] {
    case UInt8(ascii: "t"): return word(b, at: start, "true").map { (.bool, $0) }
    case UInt8(ascii: "f"): return word(b, at: start, "false").map { (.bool, $0) }
    case UInt8(ascii: "n"): return word(b, at: start, "null").map { (.null, $0) }
    default: break
    }
    var i = start
    if b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") { i += 1 }
    var digits = 0
    while i < n, ByteClass.isDigit(b[i]) {
      i += 1
      digits += 1
    }
    if i < n, b[i] == UInt8(ascii: ".") {
      i += 1
      while i < n, ByteClass.isDigit(b[i]) {
        i += 1
        digits += 1
      }
    }
    guard digits > 0 else { return nil }
    if i < n, b[i] | 0x20 == UInt8(ascii: "e") {
      var j = i + 1
      if j < n, b[j] == UInt8(ascii: "-") || b[j] == UInt8(ascii: "+") { j += 1 }
      let expStart = j
      while j < n, ByteClass.isDigit(b[j]) { j += 1 }
      if j > expStart { i = j }
    }
    return (.number, i)
  }

  private static func word(_ b: LineBytes, at start: Int, _ literal: StaticString) -> Int? {
    var c = ByteCursor(b, at: start)
    return c.skip(literal) ? c.index : nil
  }
}
