/// A small JSON reader for one log line holding one object.
///
/// Log JSON is flat and the keys matter more than the exact numeric types, so values are kept
/// as text plus a number where one parses. Nested objects are parsed too (`"error": {"stack":
/// ...}`, `"log": {"level": ...}`); arrays are kept as their raw text. Depth and size are bounded
/// so hostile input cannot recurse without end.
public enum JSONValue: Sendable, Equatable {
  case string(String)
  case number(Double, text: String)
  case bool(Bool)
  case null
  case object(JSONObject)
  /// Arrays are not looked into; their raw JSON text is kept for display.
  case array(text: String)

  /// The value as display text: strings without quotes, others as JSON.
  public var text: String {
    switch self {
    case .string(let s): s
    case .number(_, let text): text
    case .bool(let b): b ? "true" : "false"
    case .null: "null"
    case .object(let o): o.rawText
    case .array(let text): text
    }
  }

  public var stringValue: String? {
    if case .string(let s) = self { return s }
    return nil
  }

  /// A number, or a string holding one (`"duration": "0.25"`).
  public var numberValue: Double? {
    switch self {
    case .number(let d, _): d
    case .string(let s): Double(s)
    default: nil
    }
  }
}

/// A parsed JSON object: keys in their original order.
public struct JSONObject: Sendable, Equatable {
  public var entries: [(key: String, value: JSONValue)]
  /// The object's JSON text as written, for nested objects shown as a field value; empty for
  /// the line's top-level object.
  public var rawText: String

  public static func == (a: JSONObject, b: JSONObject) -> Bool {
    a.entries.count == b.entries.count
      && zip(a.entries, b.entries).allSatisfy { $0.key == $1.key && $0.value == $1.value }
  }

  /// The value for `key`; a dotted key (`log.level`) is tried literally first, then as a path
  /// into nested objects.
  public subscript(key: String) -> JSONValue? {
    if let hit = entries.first(where: { $0.key == key }) { return hit.value }
    // Decoders try a dozen spellings per line, some dotted: split without allocating, and only
    // build the tail string when a nested object is really there.
    guard let dot = key.utf8.firstIndex(of: UInt8(ascii: ".")) else { return nil }
    let head = key[..<dot]
    guard case .object(let inner)? = entries.first(where: { $0.key == head })?.value else {
      return nil
    }
    return inner[String(key[key.utf8.index(after: dot)...])]
  }

  /// The first of `keys` that is present and not null.
  public func first(_ keys: [String]) -> (key: String, value: JSONValue)? {
    for key in keys {
      if let v = self[key], v != .null { return (key, v) }
    }
    return nil
  }

  public func has(_ key: String) -> Bool { self[key] != nil }

  /// Parses a line that holds one JSON object (surrounding spaces allowed).
  public static func parse(_ bytes: LineBytes) -> JSONObject? {
    var reader = JSONReader(bytes: bytes)
    reader.skipWhitespace()
    guard case .object(let object)? = reader.value(depth: 0) else { return nil }
    reader.skipWhitespace()
    return reader.index == bytes.count ? object : nil
  }

  public static func parse(_ text: String) -> JSONObject? { text.withLineBytes { parse($0) } }
}

private struct JSONReader {
  let bytes: LineBytes
  var index = 0
  static let maxDepth = 32

  mutating func skipWhitespace() {
    while index < bytes.count,
      bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0A || bytes[index] == 0x0D
    {
      index += 1
    }
  }

  mutating func value(depth: Int) -> JSONValue? {
    guard depth < Self.maxDepth, index < bytes.count else { return nil }
    switch bytes[index] {
    case UInt8(ascii: "{"): return object(depth: depth)
    case UInt8(ascii: "["): return array(depth: depth)
    case UInt8(ascii: "\""): return string().map { .string($0) }
    case UInt8(ascii: "t"): return literal("true", .bool(true))
    case UInt8(ascii: "f"): return literal("false", .bool(false))
    case UInt8(ascii: "n"): return literal("null", .null)
    default: return number()
    }
  }

  mutating func object(depth: Int) -> JSONValue? {
    let start = index
    index += 1
    var entries: [(key: String, value: JSONValue)] = []
    skipWhitespace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
      index += 1
      return .object(JSONObject(entries: [], rawText: depth == 0 ? "" : raw(start)))
    }
    while true {
      skipWhitespace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: "\""), let key = string() else {
        return nil
      }
      skipWhitespace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
      index += 1
      skipWhitespace()
      guard let v = value(depth: depth + 1) else { return nil }
      entries.append((key, v))
      skipWhitespace()
      guard index < bytes.count else { return nil }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
        continue
      }
      guard bytes[index] == UInt8(ascii: "}") else { return nil }
      index += 1
      // Only nested objects are ever shown as text (a field value); the whole line is not.
      return .object(JSONObject(entries: entries, rawText: depth == 0 ? "" : raw(start)))
    }
  }

  mutating func array(depth: Int) -> JSONValue? {
    let start = index
    index += 1
    skipWhitespace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
      index += 1
      return .array(text: raw(start))
    }
    while true {
      skipWhitespace()
      guard value(depth: depth + 1) != nil else { return nil }
      skipWhitespace()
      guard index < bytes.count else { return nil }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
        continue
      }
      guard bytes[index] == UInt8(ascii: "]") else { return nil }
      index += 1
      return .array(text: raw(start))
    }
  }

  mutating func string() -> String? {
    index += 1  // opening quote
    var out: [UInt8] = []
    while index < bytes.count {
      let b = bytes[index]
      if b == UInt8(ascii: "\"") {
        index += 1
        // Escapes are decoded; control characters are dealt with by the sanitizer later.
        return String(decoding: out, as: UTF8.self)
      }
      if b == UInt8(ascii: "\\") {
        guard index + 1 < bytes.count else { return nil }
        let e = bytes[index + 1]
        index += 2
        switch e {
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "u"):
          guard var scalar = hex4() else { return nil }
          if (0xD800..<0xDC00).contains(scalar), index + 1 < bytes.count,
            bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
          {
            let save = index
            index += 2
            if let low = hex4(), (0xDC00..<0xE000).contains(low) {
              scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else {
              index = save
            }
          }
          let s = Unicode.Scalar(scalar) ?? "\u{FFFD}"
          out.append(contentsOf: String(Character(s)).utf8)
        default: out.append(e)
        }
        continue
      }
      out.append(b)
      index += 1
    }
    return nil
  }

  mutating func hex4() -> UInt32? {
    guard let v = ByteClass.hex4(bytes, at: index, end: bytes.count) else { return nil }
    index += 4
    return v
  }

  mutating func literal(_ word: StaticString, _ value: JSONValue) -> JSONValue? {
    var c = ByteCursor(bytes, at: index)
    guard c.skip(word) else { return nil }
    index = c.index
    return value
  }

  mutating func number() -> JSONValue? {
    var c = ByteCursor(bytes, at: index)
    let start = index
    // `1e999999` is valid JSON: it reads as infinity (each field's reader decides what that means)
    // rather than failing the whole line.
    guard let value = c.readDecimal(keepingOverflow: true) else { return nil }
    index = c.index
    return .number(value, text: raw(start))
  }

  func raw(_ start: Int) -> String {
    ByteClass.string(bytes, start..<index)
  }
}
