/// Reads one JSON object per line, keeping only where the wanted keys' values are.
///
/// Building every key and value of a line as Strings cost more than the rest of decoding together:
/// this makes one pass over the bytes, checks the whole line is valid JSON (so a cut or garbled
/// line is still told apart), and records byte ranges — for the wanted keys, one level into
/// objects under a wanted head (`log.level`, `error.stack`), and for every top-level member in
/// order (for readers that keep the other keys). Nothing is decoded until a reader asks.
///
/// Hostile input: nesting deeper than `maxDepth` fails the line, containers are skipped with a
/// bit stack rather than recursion, and an unterminated string fails it.
public struct JSONKeyScanner: Sendable {
  /// One top-level member, in line order.
  public struct Member: Sendable {
    /// The key between its quotes (still escaped when `keyEscaped`).
    public var key: Range<Int>
    public var keyEscaped: Bool
    public var value: JSONSpan
    /// The key's slot in the table, when wanted.
    public var slot: Int?
  }

  /// A top-level member whose key is not wanted (`keepsOthers`), packed in 20 bytes: a scan
  /// writes a few a line.
  public struct Other: Sendable {
    private let keyStart: UInt32
    private let keyEnd: UInt32
    private let valueStart: UInt32
    private let valueEnd: UInt32
    private let kind: JSONSpan.Kind
    public let keyEscaped: Bool
    private let valueEscaped: Bool

    init(key: Range<Int>, keyEscaped: Bool, value: JSONSpan) {
      keyStart = UInt32(truncatingIfNeeded: key.lowerBound)
      keyEnd = UInt32(truncatingIfNeeded: key.upperBound)
      valueStart = UInt32(truncatingIfNeeded: value.range.lowerBound)
      valueEnd = UInt32(truncatingIfNeeded: value.range.upperBound)
      kind = value.kind
      self.keyEscaped = keyEscaped
      valueEscaped = value.escaped
    }

    /// The key between its quotes (still escaped when `keyEscaped`).
    public var key: Range<Int> { Int(keyStart)..<Int(keyEnd) }
    public var value: JSONSpan {
      JSONSpan(kind: kind, range: Int(valueStart)..<Int(valueEnd), escaped: valueEscaped)
    }
  }

  /// A value found one level down, under a wanted head (`error` → `stack`).
  public struct Nested: Sendable {
    public var head: Int
    public var tail: Int
    public var value: JSONSpan
  }

  /// Nesting the old reader allowed; deeper lines are malformed.
  public static let maxDepth = 32

  public let table: JSONKeyTable
  /// Where each wanted key's value was found, and on which scan: one block, written a few times
  /// a line without the bounds and uniqueness checks an array write costs (measured: the array
  /// writes were a third of the scanner's instructions).
  private var marks: JSONScanMarks
  private var generation: UInt32 = 0
  public private(set) var members: [Member] = []
  /// Whether `scan` records `members`: readers that only want the table's keys turn it off, and
  /// scan again with it on for the few lines whose other keys they keep.
  public var keepsMembers = true
  /// Whether a scan without `keepsMembers` still keeps the members whose keys are not wanted
  /// (`others`): with the wanted ones in the marks, a reader has every member without a second
  /// scan. A record's other keys were read by scanning its line again (measured: half of a
  /// traceback record's cost).
  public var keepsOthers = false
  public private(set) var nested: [Nested] = []
  /// Scratch for a key written with escapes.
  private var keyScratch: [UInt8] = []
  /// Groups made so far (`group`).
  private var groupCount = 0

  /// `keys` may hold dotted paths; their first parts become heads, looked into one level.
  public init(keys: [String]) {
    var all = keys
    for key in keys {
      let parts = key.split(separator: ".", maxSplits: 1)
      if parts.count == 2 { all += [String(parts[0]), String(parts[1])] }
    }
    table = JSONKeyTable(all)
    marks = JSONScanMarks(count: table.count)
    for key in keys {
      let parts = key.split(separator: ".", maxSplits: 1)
      if parts.count == 2, let slot = table.slot(String(parts[0])) { marks.heads[slot] = true }
    }
    members.reserveCapacity(16)
  }

  /// Scans `bytes` as one JSON object (surrounding blanks and a byte-order mark allowed). False
  /// when the line is not exactly one valid object; what was recorded is then meaningless.
  public mutating func scan(_ bytes: LineBytes) -> Bool {
    // A copy of a scanner (each decoder's, each lane's) writes its own marks.
    if !isKnownUniquelyReferenced(&marks) { marks = marks.copy() }
    generation &+= 1
    if generation == 0 {
      // Wrapped after four billion lines: forget every old mark.
      marks.foundIn.update(repeating: 0, count: marks.count)
      marks.best.update(repeating: 0, count: JSONScanMarks.maxGroups)
      generation = 1
    }
    marks.otherCount = 0
    marks.repeated = false
    if !members.isEmpty { members.removeAll(keepingCapacity: true) }
    if !nested.isEmpty { nested.removeAll(keepingCapacity: true) }
    let n = bytes.count
    var i = 0
    if n >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
    i = Self.blank(bytes, from: i)
    guard i < n, bytes[i] == UInt8(ascii: "{") else { return false }
    let bits = marks.bits(of: bytes)
    guard bits.escapesValid else { return false }
    let end = topLevel(bytes, bits, from: i + 1)
    guard end >= 0 else { return false }
    return Self.blank(bytes, from: end) == n
  }

  /// With `keepsOthers`, the last scan's members whose keys are not wanted, in line order.
  public var others: UnsafeBufferPointer<Other> {
    UnsafeBufferPointer(start: marks.others, count: marks.otherCount)
  }

  /// Whether the last scan met a wanted key twice at the top level (`value(_:)` then has its
  /// first value only) or did not keep its other members: a reader wanting every member then
  /// scans with `keepsMembers`.
  public var repeatsWantedKey: Bool { marks.repeated }

  /// Each wanted key the last scan met at the top level, by slot, with its value.
  public func forEachFound(_ body: (Int, JSONSpan) -> Void) {
    for slot in 0..<marks.count where marks.foundIn[slot] == generation {
      body(slot, marks.found[slot])
    }
  }

  /// The first top-level value of the key in `slot` from the last scan.
  @inline(__always)
  public func value(_ slot: Int) -> JSONSpan? {
    marks.foundIn[slot] == generation ? marks.found[slot] : nil
  }

  /// The first value of `tail` inside the object under `head`.
  public func value(head: Int, tail: Int) -> JSONSpan? {
    for entry in nested where entry.head == head && entry.tail == tail { return entry.value }
    return nil
  }

  /// A dotted key's value: the literal key first (`"log.level": ...`), then the path.
  public func value(_ path: JSONKeyPath) -> JSONSpan? {
    if path.slot >= 0, let hit = value(path.slot) { return hit }
    guard let head = path.head, let tail = path.tail else { return nil }
    return value(head: head, tail: tail)
  }

  /// The first of `paths` present and not null, with its index in `paths`. A literal key that is
  /// present but null passes its path over, as `value` reads it.
  public func first(_ paths: [JSONKeyPath]) -> (index: Int, value: JSONSpan)? {
    // Read straight from the marks, and the nested values only when the line had any: a line
    // asks this of twenty-odd paths.
    let marks = self.marks
    let generation = self.generation
    let anyNested = !nested.isEmpty
    return paths.withUnsafeBufferPointer { p -> (index: Int, value: JSONSpan)? in
      for k in 0..<p.count {
        let slot = p[k].slot
        if slot >= 0, marks.foundIn[slot] == generation {
          let v = marks.found[slot]
          if !v.isNull { return (k, v) }
          continue
        }
        guard anyNested, let head = p[k].head, let tail = p[k].tail,
          let v = value(head: head, tail: tail), !v.isNull
        else { continue }
        return (k, v)
      }
      return nil
    }
  }

  /// Paths for `keys`, for `first` and `value`.
  public func paths(_ keys: [String]) -> [JSONKeyPath] { keys.map { JSONKeyPath($0, table) } }

  /// `keys` as a group: every scan notes which of them came first in `keys` (present, not null)
  /// as it meets them, so `first(group)` is one read instead of a walk over the spellings (the
  /// walks over a line's twenty-odd spellings were a fifth of a JSON app log's decoding,
  /// measured). A key already in another group leaves this one to the walk. Made before any
  /// copy of the scanner is taken.
  public mutating func group(_ keys: [String]) -> JSONKeyGroup {
    let paths = paths(keys)
    guard groupCount < JSONScanMarks.maxGroups, paths.count < 255 else {
      return JSONKeyGroup(id: -1, paths: paths)
    }
    if !isKnownUniquelyReferenced(&marks) { marks = marks.copy() }
    let id = groupCount
    var exact = true
    for path in paths where path.slot >= 0 && marks.groupRank[path.slot] != 0 { exact = false }
    guard exact else { return JSONKeyGroup(id: -1, paths: paths) }
    for (rank, path) in paths.enumerated() where path.slot >= 0 {
      marks.groupRank[path.slot] = UInt16(id + 1) << 8 | UInt16(rank)
    }
    groupCount += 1
    return JSONKeyGroup(id: id, paths: paths)
  }

  /// `first(group.paths)`, read from what the scan noted. A line with values under a wanted
  /// head (`log.level`) walks the paths, which weigh a nested value against the literal keys.
  @inline(__always)
  public func first(_ group: JSONKeyGroup) -> (index: Int, value: JSONSpan)? {
    guard group.id >= 0, nested.isEmpty else { return first(group.paths) }
    let best = marks.best[group.id]
    guard best &>> 32 == UInt64(generation) else { return nil }
    return (Int(best &>> 24 & 0xFF), marks.found[Int(best & 0xFF_FFFF)])
  }

  // MARK: - Scanning

  /// The members of the line's object, whose `{` is just before `start`; the index after its `}`,
  /// or -1 when it is not valid JSON.
  ///
  /// The hot loop of every JSON line, kept lean: the string quotes come in order from the line's
  /// bits (`JSONQuoteCursor`), indices step with wrapping adds (they never near overflow), and the
  /// usual `json.dumps` separators, `": "` and `", "`, are tested for before the general blank
  /// skip. Every value is still checked, as the full reader would (`JSONKeyScannerTests`).
  private mutating func topLevel(_ b: LineBytes, _ bits: JSONLineBits, from start: Int) -> Int {
    let n = b.count
    guard let p = b.baseAddress else { return -1 }
    let marks = self.marks
    let generation = self.generation
    let keepsMembers = self.keepsMembers
    // Kept members' offsets are 32 bits: a longer line (none is) is read again when asked.
    let keepsOthers = self.keepsOthers && n <= Int(UInt32.max)
    if self.keepsOthers, !keepsOthers { marks.repeated = true }
    let hasEscapes = bits.hasEscapes
    var quotes = JSONQuoteCursor(bits)
    var i = Self.blank(b, from: start)
    guard i < n else { return -1 }
    if p[i] == UInt8(ascii: "}") { return i &+ 1 }
    while true {
      // The key's opening quote is the next one the bits hold: every byte since the last
      // string's end was read as a separator or a scalar, and a container skipped over moves
      // the cursor past it.
      guard p[i] == UInt8(ascii: "\"") else { return -1 }
      quotes.skip()
      let keyStart = i &+ 1
      let keyEnd = quotes.next()
      guard keyEnd < n else { return -1 }
      let keyEscaped = hasEscapes && bits.escaped(keyStart, keyEnd)
      i = keyEnd &+ 1
      // `": "` read as one little-endian word.
      if i &+ 2 < n, UnsafeRawPointer(p + i).loadUnaligned(as: UInt16.self) == 0x203A,
        p[i &+ 2] > UInt8(ascii: " ")
      {
        i &+= 2
      } else {
        i = Self.blank(b, from: i)
        guard i < n, p[i] == UInt8(ascii: ":") else { return -1 }
        i = Self.blank(b, from: i &+ 1)
        guard i < n else { return -1 }
      }
      let keyRange = Range(uncheckedBounds: (keyStart, keyEnd))
      let slot = keyEscaped ? escapedSlot(b, keyRange) : table.slotIndex(b, keyRange)
      let c = p[i]
      let span: JSONSpan
      if c == UInt8(ascii: "\"") {
        quotes.skip()
        let end = quotes.next()
        guard end < n else { return -1 }
        let escaped = hasEscapes && bits.escaped(i &+ 1, end)
        span = JSONSpan(
          kind: .string, range: Range(uncheckedBounds: (i &+ 1, end)), escaped: escaped)
        i = end &+ 1
      } else if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") {
        let end: Int
        if slot >= 0, c == UInt8(ascii: "{"), marks.heads[slot],
          marks.foundIn[slot] != generation
        {
          end = object(b, bits, from: i &+ 1, head: slot)
        } else {
          end = JSONSkipper.container(b, at: i, depth: 1) ?? -1
        }
        guard end >= 0 else { return -1 }
        span = JSONSpan(
          kind: c == UInt8(ascii: "{") ? .object : .array, range: Range(uncheckedBounds: (i, end)))
        i = end
        quotes.seek(to: i)
      } else if let end = Self.plainInteger(p, from: i, n) {
        span = JSONSpan(kind: .number, range: Range(uncheckedBounds: (i, end)))
        i = end
      } else {
        guard let (kind, end) = JSONSkipper.scalar(b, at: i) else { return -1 }
        span = JSONSpan(kind: kind, range: Range(uncheckedBounds: (i, end)))
        i = end
      }
      if keepsMembers {
        members.append(
          Member(
            key: keyRange, keyEscaped: keyEscaped, value: span, slot: slot >= 0 ? slot : nil))
      } else if keepsOthers, slot < 0 {
        marks.appendOther(Other(key: keyRange, keyEscaped: keyEscaped, value: span))
      }
      if slot >= 0 {
        if marks.foundIn[slot] != generation {
          marks.found[slot] = span
          marks.foundIn[slot] = generation
          let groupRank = marks.groupRank[slot]
          if groupRank != 0, span.kind != .null {
            let g = Int(groupRank &>> 8) &- 1
            let rank = UInt64(groupRank & 0xFF)
            let best = marks.best[g]
            if best &>> 32 != UInt64(generation) || rank < best &>> 24 & 0xFF {
              marks.best[g] =
                UInt64(generation) &<< 32 | rank &<< 24 | UInt64(truncatingIfNeeded: slot)
            }
          }
        } else {
          marks.repeated = true
        }
      }
      // `, "` read as one little-endian word.
      if i &+ 2 < n, UnsafeRawPointer(p + i).loadUnaligned(as: UInt16.self) == 0x202C,
        p[i &+ 2] == UInt8(ascii: "\"")
      {
        i &+= 2
        continue
      }
      i = Self.blank(b, from: i)
      guard i < n else { return -1 }
      if p[i] == UInt8(ascii: ",") {
        i = Self.blank(b, from: i &+ 1)
        guard i < n else { return -1 }
        continue
      }
      guard p[i] == UInt8(ascii: "}") else { return -1 }
      return i &+ 1
    }
  }

  /// The members of an object one level under the wanted key in slot `head` (`log` of
  /// `log.level`), whose `{` is just before `start`: the wanted ones go to `nested`. The index
  /// after its `}`, or -1 when it is not valid JSON. Rare next to `topLevel`, so plain.
  private mutating func object(_ b: LineBytes, _ bits: JSONLineBits, from start: Int, head: Int)
    -> Int
  {
    let n = b.count
    var i = Self.blank(b, from: start)
    guard i < n else { return -1 }
    if b[i] == UInt8(ascii: "}") { return i + 1 }
    while true {
      guard i < n, b[i] == UInt8(ascii: "\"") else { return -1 }
      let keyStart = i + 1
      let keyEnd = bits.nextQuote(from: keyStart)
      guard keyEnd < n else { return -1 }
      let keyEscaped = bits.escaped(keyStart, keyEnd)
      i = Self.blank(b, from: keyEnd + 1)
      guard i < n, b[i] == UInt8(ascii: ":") else { return -1 }
      i = Self.blank(b, from: i + 1)
      guard i < n else { return -1 }
      let slot =
        keyEscaped ? escapedSlot(b, keyStart..<keyEnd) : table.slotIndex(b, keyStart..<keyEnd)
      let c = b[i]
      let span: JSONSpan
      if c == UInt8(ascii: "\"") {
        let end = bits.nextQuote(from: i + 1)
        guard end < n else { return -1 }
        let escaped = bits.escaped(i + 1, end)
        span = JSONSpan(kind: .string, range: (i + 1)..<end, escaped: escaped)
        i = end + 1
      } else if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") {
        guard let end = JSONSkipper.container(b, at: i, depth: 2) else { return -1 }
        span = JSONSpan(kind: c == UInt8(ascii: "{") ? .object : .array, range: i..<end)
        i = end
      } else {
        guard let (kind, end) = JSONSkipper.scalar(b, at: i) else { return -1 }
        span = JSONSpan(kind: kind, range: i..<end)
        i = end
      }
      if slot >= 0 { nested.append(Nested(head: head, tail: slot, value: span)) }
      i = Self.blank(b, from: i)
      guard i < n else { return -1 }
      if b[i] == UInt8(ascii: ",") {
        i = Self.blank(b, from: i + 1)
        continue
      }
      guard b[i] == UInt8(ascii: "}") else { return -1 }
      return i + 1
    }
  }

  /// The end of a run of digits at `start` that a separator follows (`42,`, `7}`): the usual
  /// number in a log line, read without the general reader's sign, fraction and exponent steps
  /// (which accept it alike). `nil` for anything else, left to `JSONSkipper.scalar`.
  @inline(__always)
  private static func plainInteger(_ p: UnsafePointer<UInt8>, from start: Int, _ n: Int) -> Int? {
    var i = start
    while i < n, p[i] &- UInt8(ascii: "0") < 10 { i &+= 1 }
    guard i > start, i < n else { return nil }
    let c = p[i]
    return c == UInt8(ascii: ",") || c == UInt8(ascii: "}") || isBlank(c) ? i : nil
  }

  /// The slot of a key written with escapes, -1 when not wanted.
  private mutating func escapedSlot(_ b: LineBytes, _ range: Range<Int>) -> Int {
    keyScratch.removeAll(keepingCapacity: true)
    JSONSpanText.unescape(b, range, into: &keyScratch)
    return keyScratch.withUnsafeBufferPointer { table.slotIndex($0, 0..<$0.count) }
  }

  @inline(__always)
  static func isBlank(_ c: UInt8) -> Bool {
    c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D
  }

  @inline(__always)
  static func blank(_ b: LineBytes, from start: Int) -> Int {
    var i = start
    while i < b.count, isBlank(b[i]) { i += 1 }
    return i
  }

  /// The index of the closing quote of a string whose content starts at `start`, and whether
  /// it holds escapes; `nil` when the line ends first.
  @inline(__always)
  static func stringEnd(_ b: LineBytes, from start: Int) -> (Int, Bool)? {
    var i = start
    var escaped = false
    let n = b.count
    while true {
      i = ByteScan.first(UInt8(ascii: "\""), UInt8(ascii: "\\"), in: b, from: i, to: n)
      guard i < n else { return nil }
      if b[i] == UInt8(ascii: "\"") { return (i, escaped) }
      escaped = true
      // A `\u` must carry four hex digits, or the line is not JSON (as the line reader held).
      if i + 1 < n, b[i + 1] == UInt8(ascii: "u") {
        guard i + 6 <= n, ByteClass.isHex(b[i + 2]), ByteClass.isHex(b[i + 3]),
          ByteClass.isHex(b[i + 4]), ByteClass.isHex(b[i + 5])
        else { return nil }
        i += 6
      } else {
        i += 2
      }
      guard i <= n else { return nil }
    }
  }
}

/// Spellings of one field (`time`, `timestamp`, `ts`...), earlier preferred, that a scanner
/// resolves as it scans (`JSONKeyScanner.group`).
public struct JSONKeyGroup: Sendable {
  /// The group's number in its scanner's marks; -1 when it is read by walking `paths`.
  let id: Int
  public let paths: [JSONKeyPath]
}

/// A wanted key resolved against a table: its own slot, and for a dotted key the head and tail.
public struct JSONKeyPath: Sendable {
  public let slot: Int
  public let head: Int?
  public let tail: Int?
  /// The slot of the top-level key a value found by this path sits under (its own, or its
  /// head's): a number, not the key's String, so reading a path costs no retain.
  private let topSlot: Int

  init(_ key: String, _ table: JSONKeyTable) {
    slot = table.slot(key) ?? -1
    let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
    head = parts.count == 2 ? table.slot(parts[0]) : nil
    tail = parts.count == 2 ? table.slot(parts[1]) : nil
    topSlot = head ?? slot
  }

  /// The top-level key a value found by this path sits under (`log` for `log.level`).
  public func topKey(in table: JSONKeyTable) -> String {
    String(decoding: table.keys[topSlot], as: UTF8.self)
  }
}
