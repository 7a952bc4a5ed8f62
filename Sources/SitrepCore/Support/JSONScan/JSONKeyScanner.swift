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

  /// A value found one level down, under a wanted head (`error` → `stack`).
  public struct Nested: Sendable {
    public var head: Int
    public var tail: Int
    public var value: JSONSpan
  }

  /// Nesting the old reader allowed; deeper lines are malformed.
  public static let maxDepth = 32

  public let table: JSONKeyTable
  /// Slots whose object values are looked into, one level.
  private let heads: [Bool]
  private var found: [JSONSpan]
  private var foundIn: [UInt32]
  private var generation: UInt32 = 0
  public private(set) var members: [Member] = []
  /// Whether `scan` records `members`: readers that only want the table's keys turn it off, and
  /// scan again with it on for the few lines whose other keys they keep.
  public var keepsMembers = true
  public private(set) var nested: [Nested] = []
  /// Scratch for a key written with escapes.
  private var keyScratch: [UInt8] = []

  /// `keys` may hold dotted paths; their first parts become heads, looked into one level.
  public init(keys: [String]) {
    var all = keys
    for key in keys {
      let parts = key.split(separator: ".", maxSplits: 1)
      if parts.count == 2 { all += [String(parts[0]), String(parts[1])] }
    }
    table = JSONKeyTable(all)
    var heads = [Bool](repeating: false, count: table.count)
    for key in keys {
      let parts = key.split(separator: ".", maxSplits: 1)
      if parts.count == 2, let slot = table.slot(String(parts[0])) { heads[slot] = true }
    }
    self.heads = heads
    found = [JSONSpan](repeating: JSONSpan(kind: .null, range: 0..<0), count: table.count)
    foundIn = [UInt32](repeating: 0, count: table.count)
    members.reserveCapacity(16)
  }

  /// Scans `bytes` as one JSON object (surrounding blanks and a byte-order mark allowed). False
  /// when the line is not exactly one valid object; what was recorded is then meaningless.
  public mutating func scan(_ bytes: LineBytes) -> Bool {
    generation &+= 1
    if generation == 0 {
      // Wrapped after four billion lines: forget every old mark.
      for k in foundIn.indices { foundIn[k] = 0 }
      generation = 1
    }
    members.removeAll(keepingCapacity: true)
    nested.removeAll(keepingCapacity: true)
    let n = bytes.count
    var i = 0
    if n >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
    i = Self.blank(bytes, from: i)
    guard i < n, bytes[i] == UInt8(ascii: "{"),
      let end = object(bytes, from: i + 1, head: nil)
    else { return false }
    return Self.blank(bytes, from: end) == n
  }

  /// The first top-level value of the key in `slot` from the last scan.
  @inline(__always)
  public func value(_ slot: Int) -> JSONSpan? {
    foundIn[slot] == generation ? found[slot] : nil
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

  /// The first of `paths` present and not null, with its index in `paths`.
  public func first(_ paths: [JSONKeyPath]) -> (index: Int, value: JSONSpan)? {
    // By index: binding each path copied it, with its key's String.
    for k in paths.indices {
      if let v = value(paths[k]), !v.isNull { return (k, v) }
    }
    return nil
  }

  /// Paths for `keys`, for `first` and `value`.
  public func paths(_ keys: [String]) -> [JSONKeyPath] { keys.map { JSONKeyPath($0, table) } }

  // MARK: - Scanning

  /// The members of an object whose `{` is just before `start`; the index after its `}`.
  private mutating func object(_ b: LineBytes, from start: Int, head: Int?) -> Int? {
    let n = b.count
    var i = Self.blank(b, from: start)
    guard i < n else { return nil }
    if b[i] == UInt8(ascii: "}") { return i + 1 }
    while true {
      guard i < n, b[i] == UInt8(ascii: "\"") else { return nil }
      let keyStart = i + 1
      guard let (keyEnd, keyEscaped) = Self.stringEnd(b, from: keyStart) else { return nil }
      i = Self.blank(b, from: keyEnd + 1)
      guard i < n, b[i] == UInt8(ascii: ":") else { return nil }
      i = Self.blank(b, from: i + 1)
      guard i < n else { return nil }
      let slot = keyEscaped ? escapedSlot(b, keyStart..<keyEnd) : table.slot(b, keyStart..<keyEnd)
      let span: JSONSpan
      if head == nil, let slot, heads[slot], b[i] == UInt8(ascii: "{"), foundIn[slot] != generation
      {
        guard let end = object(b, from: i + 1, head: slot) else { return nil }
        span = JSONSpan(kind: .object, range: i..<end)
        i = end
      } else {
        guard let (value, end) = Self.value(b, at: i, depth: head == nil ? 1 : 2) else {
          return nil
        }
        span = value
        i = end
      }
      if let head {
        if let slot { nested.append(Nested(head: head, tail: slot, value: span)) }
      } else {
        if keepsMembers {
          members.append(
            Member(key: keyStart..<keyEnd, keyEscaped: keyEscaped, value: span, slot: slot))
        }
        if let slot, foundIn[slot] != generation {
          found[slot] = span
          foundIn[slot] = generation
        }
      }
      i = Self.blank(b, from: i)
      guard i < n else { return nil }
      if b[i] == UInt8(ascii: ",") {
        i = Self.blank(b, from: i + 1)
        continue
      }
      guard b[i] == UInt8(ascii: "}") else { return nil }
      return i + 1
    }
  }

  private mutating func escapedSlot(_ b: LineBytes, _ range: Range<Int>) -> Int? {
    keyScratch.removeAll(keepingCapacity: true)
    JSONSpanText.unescape(b, range, into: &keyScratch)
    return keyScratch.withUnsafeBufferPointer { table.slot($0, 0..<$0.count) }
  }

  @inline(__always)
  static func blank(_ b: LineBytes, from start: Int) -> Int {
    var i = start
    while i < b.count, b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0A || b[i] == 0x0D { i += 1 }
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

  /// One value at `start` (not blank); its span and the index after it. `depth` is the value's
  /// nesting level, counted as the old reader did.
  static func value(_ b: LineBytes, at start: Int, depth: Int) -> (JSONSpan, Int)? {
    switch b[start] {
    case UInt8(ascii: "\""):
      guard let (end, escaped) = stringEnd(b, from: start + 1) else { return nil }
      return (JSONSpan(kind: .string, range: (start + 1)..<end, escaped: escaped), end + 1)
    case UInt8(ascii: "{"), UInt8(ascii: "["):
      guard let end = JSONSkipper.container(b, at: start, depth: depth) else { return nil }
      let kind: JSONSpan.Kind = b[start] == UInt8(ascii: "{") ? .object : .array
      return (JSONSpan(kind: kind, range: start..<end), end)
    default:
      guard let (kind, end) = JSONSkipper.scalar(b, at: start) else { return nil }
      return (JSONSpan(kind: kind, range: start..<end), end)
    }
  }
}

/// A wanted key resolved against a table: its own slot, and for a dotted key the head and tail.
public struct JSONKeyPath: Sendable {
  public let slot: Int
  public let head: Int?
  public let tail: Int?
  /// The top-level key a value found by this path sits under.
  public let topKey: String

  init(_ key: String, _ table: JSONKeyTable) {
    slot = table.slot(key) ?? -1
    let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
    head = parts.count == 2 ? table.slot(parts[0]) : nil
    tail = parts.count == 2 ? table.slot(parts[1]) : nil
    topKey = parts[0]
  }
}
