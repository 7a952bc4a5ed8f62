import CJSONBits

/// One line's string quotes and escapes as bits, a word per 64 bytes (`json_bits.h`): the
/// scanner finds where a string ends by counting zeros in a word, not by reading its bytes. Over
/// the bench's JSON app log a byte scan per string was a quarter of the scanner's instructions.
///
/// Escaped quotes are taken out of `quotes` once per line, by walking the backslashes in order
/// (a backslash that starts an escape makes the next byte escaped, itself included when it is a
/// backslash). A line with no backslash, the usual one, skips that step.
struct JSONLineBits {
  /// Per block, the quotes that open or close a string (bit k: byte 64 * block + k).
  let quotes: UnsafeMutablePointer<UInt64>
  /// Per block, the backslashes that start an escape.
  let escapes: UnsafeMutablePointer<UInt64>
  let blocks: Int
  /// The line's length: what `nextQuote` returns when there is none.
  let count: Int
  /// Whether any string may hold an escape (the line has a backslash).
  let hasEscapes: Bool

  /// The bits of `line`, written into `quotes` and `escapes`, which hold `(count + 63) / 64`
  /// words each and `quotes` one more.
  init(
    _ line: LineBytes, quotes: UnsafeMutablePointer<UInt64>, escapes: UnsafeMutablePointer<UInt64>
  ) {
    self.quotes = quotes
    self.escapes = escapes
    count = line.count
    blocks = (line.count &+ 63) &>> 6
    // The sentinel after the last word (`JSONQuoteCursor`): a quote at 64 * blocks.
    quotes[blocks] = 1
    guard let base = line.baseAddress, count > 0 else {
      hasEscapes = false
      return
    }
    hasEscapes = sitrep_json_line_bits(base, count, quotes, escapes) != 0
    if hasEscapes { Self.resolveEscapes(quotes: quotes, escapes: escapes, blocks: blocks) }
  }

  /// Turns the raw backslash bits into escape starts and clears the escaped quotes.
  private static func resolveEscapes(
    quotes: UnsafeMutablePointer<UInt64>, escapes: UnsafeMutablePointer<UInt64>, blocks: Int
  ) {
    // 1 when the block's first byte is escaped by a backslash ending the block before.
    var carry: UInt64 = 0
    for k in 0..<blocks {
      var escaped = carry
      var pending = escapes[k] & ~carry
      var starts: UInt64 = 0
      carry = 0
      while pending != 0 {
        let i = UInt64(pending.trailingZeroBitCount)
        starts |= 1 &<< i
        if i == 63 {
          carry = 1
          break
        }
        // The escaped byte is not an escape start even when it is a backslash.
        escaped |= 1 &<< (i &+ 1)
        pending &= ~(3 &<< i)
      }
      quotes[k] &= ~escaped
      escapes[k] = starts
    }
  }

  /// The index of the first string quote at or after `start`; `count` when there is none.
  @inline(__always)
  func nextQuote(from start: Int) -> Int {
    var k = start &>> 6
    guard k < blocks else { return count }
    var word = quotes[k] & (~0 &<< UInt64(start & 63))
    while word == 0 {
      k &+= 1
      guard k < blocks else { return count }
      word = quotes[k]
    }
    return k &<< 6 | word.trailingZeroBitCount
  }

  /// Each escape start's index in `start..<end`, to `body`; false as soon as `body` is.
  @inline(__always)
  private func forEachEscape(_ start: Int, _ end: Int, _ body: (Int) -> Bool) -> Bool {
    guard start < end else { return true }
    var k = start &>> 6
    let last = (end &- 1) &>> 6
    while k <= last {
      var word = escapes[k]
      if k == start &>> 6 { word &= ~0 &<< UInt64(start & 63) }
      if k == last, (end & 63) != 0 { word &= ~(~0 &<< UInt64(end & 63)) }
      while word != 0 {
        guard body(k &<< 6 | word.trailingZeroBitCount) else { return false }
        word &= word &- 1
      }
      k &+= 1
    }
    return true
  }

  /// Whether the string between `start` and its closing quote at `end` holds an escape; `nil`
  /// when one of them is a `\u` without four hex digits (the line is not JSON).
  @inline(__always)
  func escaped(_ line: LineBytes, _ start: Int, _ end: Int) -> Bool? {
    guard hasEscapes else { return false }
    var any = false
    let valid = forEachEscape(start, end) { at in
      any = true
      guard line[at &+ 1] == UInt8(ascii: "u") else { return true }
      return at &+ 6 <= count && ByteClass.isHex(line[at &+ 2]) && ByteClass.isHex(line[at &+ 3])
        && ByteClass.isHex(line[at &+ 4]) && ByteClass.isHex(line[at &+ 5])
    }
    return valid ? any : nil
  }
}

/// The string quotes of a line, one after another (simdjson's second stage walks its bits the
/// same way): each is a count of trailing zeros and a cleared bit. The word after the line's
/// last holds one bit, at or past the line's end, so `next` checks bounds only when it moves to
/// another word: a caller stops at the first index at or past the end.
struct JSONQuoteCursor {
  private let quotes: UnsafeMutablePointer<UInt64>
  private let blocks: Int
  private var block = 0
  /// The current block's quotes not yet taken.
  private var word: UInt64

  init(_ bits: JSONLineBits) {
    quotes = bits.quotes
    blocks = bits.blocks
    word = bits.quotes[0]
  }

  /// The next quote's index, taken; at or past the line's end when none is left.
  @inline(__always)
  mutating func next() -> Int {
    while word == 0 {
      // Past the sentinel only if a caller went on after it: stay on it rather than read on.
      guard block < blocks else { return blocks &<< 6 }
      block &+= 1
      word = quotes[block]
    }
    let at = block &<< 6 | word.trailingZeroBitCount
    word &= word &- 1
    return at
  }

  /// Takes the next quote without asking where it is (the caller knows).
  @inline(__always)
  mutating func skip() {
    while word == 0 {
      guard block < blocks else { return }
      block &+= 1
      word = quotes[block]
    }
    word &= word &- 1
  }

  /// Goes on from the first quote at or after `start`, which is at most the line's length (past
  /// a value read without the cursor).
  mutating func seek(to start: Int) {
    block = min(start &>> 6, blocks)
    word = quotes[block] & (~0 &<< UInt64(start & 63))
  }
}
