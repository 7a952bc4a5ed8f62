import CJSONBits

/// One line's string quotes and escapes as bits, a word per 64 bytes (`json_bits.h`): the
/// scanner finds where a string ends by counting zeros in a word, not by reading its bytes. Over
/// the bench's JSON app log a byte scan per string was a quarter of the scanner's instructions.
///
/// Escaped quotes are taken out of `quotes` once per line, by walking the backslashes in order
/// (a backslash that starts an escape makes the next byte escaped, itself included when it is a
/// backslash). The same walk checks that every `\u` has four hex digits: a line where one does not
/// is not JSON wherever it falls (in a string, as the full reader holds; outside one, a backslash
/// is no JSON at all), so a string's escapes need no second look. A line with no backslash, the
/// usual one, skips that step.
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
  /// False when a `\u` lacks its four hex digits: the line is not JSON.
  let escapesValid: Bool

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
      escapesValid = true
      return
    }
    hasEscapes = sitrep_json_line_bits(base, count, quotes, escapes) != 0
    escapesValid =
      hasEscapes
      ? Self.resolveEscapes(line, quotes: quotes, escapes: escapes, blocks: blocks) : true
  }

  /// Turns the raw backslash bits into escape starts and clears the escaped quotes; false when
  /// a `\u` lacks four hex digits.
  private static func resolveEscapes(
    _ line: LineBytes, quotes: UnsafeMutablePointer<UInt64>, escapes: UnsafeMutablePointer<UInt64>,
    blocks: Int
  ) -> Bool {
    let n = line.count
    // 1 when the block's first byte is escaped by a backslash ending the block before.
    var carry: UInt64 = 0
    for k in 0..<blocks {
      var escaped = carry
      var pending = escapes[k] & ~carry
      var starts: UInt64 = 0
      carry = 0
      while pending != 0 {
        let i = UInt64(pending.trailingZeroBitCount)
        let at = k &<< 6 | Int(i)
        if at &+ 1 < n, line[at &+ 1] == UInt8(ascii: "u") {
          guard at &+ 6 <= n, ByteClass.isHex(line[at &+ 2]), ByteClass.isHex(line[at &+ 3]),
            ByteClass.isHex(line[at &+ 4]), ByteClass.isHex(line[at &+ 5])
          else { return false }
        }
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
    return true
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

  /// Whether the string between `start` and its closing quote at `end` holds an escape.
  @inline(__always)
  func escaped(_ start: Int, _ end: Int) -> Bool {
    guard hasEscapes, start < end else { return false }
    let first = start &>> 6
    let last = (end &- 1) &>> 6
    // The bits at and above `start` in its word, and below `end` in its.
    let from = ~0 &<< UInt64(start & 63)
    let below = end & 63 == 0 ? ~0 : ~(~0 &<< UInt64(end & 63))
    if first == last { return escapes[first] & from & below != 0 }
    if escapes[first] & from != 0 || escapes[last] & below != 0 { return true }
    var k = first &+ 1
    while k < last {
      if escapes[k] != 0 { return true }
      k &+= 1
    }
    return false
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
