/// A whole JSON document as a tree, for the few small API responses sitrep reads (Prometheus).
/// Log lines go through `JSONKeyScanner`, which builds nothing; a response is read once and walked
/// by key, so a tree is simpler here. Hostile input: nesting past `maxDepth` and any syntax error
/// fail the document (never a trap); numbers keep their text, read as Double only when asked.
public indirect enum JSONTree: Sendable, Equatable {
  case object([(String, JSONTree)])
  case array([JSONTree])
  case string(String)
  /// The number's text as written (`1e999` stays readable as +Inf by the caller's choice).
  case number(String)
  case bool(Bool)
  case null

  public static let maxDepth = 64

  public static func == (a: JSONTree, b: JSONTree) -> Bool {
    switch (a, b) {
    case (.object(let x), .object(let y)):
      x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    case (.array(let x), .array(let y)): x == y
    case (.string(let x), .string(let y)): x == y
    case (.number(let x), .number(let y)): x == y
    case (.bool(let x), .bool(let y)): x == y
    case (.null, .null): true
    default: false
    }
  }

  public subscript(key: String) -> JSONTree? {
    guard case .object(let members) = self else { return nil }
    return members.first { $0.0 == key }?.1
  }

  public var string: String? {
    if case .string(let s) = self { return s }
    return nil
  }

  public var array: [JSONTree]? {
    if case .array(let a) = self { return a }
    return nil
  }

  public var members: [(String, JSONTree)]? {
    if case .object(let m) = self { return m }
    return nil
  }

  /// A number, or a number written as a string as Prometheus writes sample values (`"NaN"`,
  /// `"+Inf"`, `"1e999"` → +Inf).
  public var double: Double? {
    switch self {
    case .number(let text), .string(let text): JSONTree.readDouble(text)
    default: nil
    }
  }

  static func readDouble(_ text: String) -> Double? {
    switch text {
    case "NaN": return .nan
    case "+Inf", "Inf": return .infinity
    case "-Inf": return -.infinity
    default: return Double(text)
    }
  }

  /// The document in `bytes`, or where and why it is not JSON.
  public static func parse(_ bytes: [UInt8]) -> Result<JSONTree, JSONTreeError> {
    var p = Parser(b: bytes)
    do throws(JSONTreeError) {
      p.blank()
      let v = try p.value(depth: 0)
      p.blank()
      guard p.i == bytes.count else { throw JSONTreeError(offset: p.i, why: "text after the end") }
      return .success(v)
    } catch {
      return .failure(error)
    }
  }

  private struct Parser {
    let b: [UInt8]
    var i = 0

    mutating func blank() {
      while i < b.count, b[i] == 32 || b[i] == 9 || b[i] == 10 || b[i] == 13 { i += 1 }
    }

    func fail(_ why: String) -> JSONTreeError { JSONTreeError(offset: i, why: why) }

    mutating func value(depth: Int) throws(JSONTreeError) -> JSONTree {
      guard depth < JSONTree.maxDepth else { throw fail("nested deeper than \(JSONTree.maxDepth)") }
      guard i < b.count else { throw fail("unexpected end") }
      switch b[i] {
      case UInt8(ascii: "{"):
        i += 1
        var members: [(String, JSONTree)] = []
        blank()
        if i < b.count, b[i] == UInt8(ascii: "}") {
          i += 1
          return .object(members)
        }
        while true {
          blank()
          guard i < b.count, b[i] == UInt8(ascii: "\"") else { throw fail("expected a key") }
          let key = try string()
          blank()
          guard i < b.count, b[i] == UInt8(ascii: ":") else { throw fail("expected :") }
          i += 1
          blank()
          members.append((key, try value(depth: depth + 1)))
          blank()
          guard i < b.count else { throw fail("unexpected end") }
          if b[i] == UInt8(ascii: ",") {
            i += 1
            continue
          }
          guard b[i] == UInt8(ascii: "}") else { throw fail("expected , or }") }
          i += 1
          return .object(members)
        }
      case UInt8(ascii: "["):
        i += 1
        var items: [JSONTree] = []
        blank()
        if i < b.count, b[i] == UInt8(ascii: "]") {
          i += 1
          return .array(items)
        }
        while true {
          blank()
          items.append(try value(depth: depth + 1))
          blank()
          guard i < b.count else { throw fail("unexpected end") }
          if b[i] == UInt8(ascii: ",") {
            i += 1
            continue
          }
          guard b[i] == UInt8(ascii: "]") else { throw fail("expected , or ]") }
          i += 1
          return .array(items)
        }
      case UInt8(ascii: "\""):
        return .string(try string())
      case UInt8(ascii: "t"): return try word("true", .bool(true))
      case UInt8(ascii: "f"): return try word("false", .bool(false))
      case UInt8(ascii: "n"): return try word("null", .null)
      default:
        let start = i
        while i < b.count {
          let c = b[i]
          let numeric =
            (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "-")
            || c == UInt8(ascii: "+") || c == UInt8(ascii: ".") || c == UInt8(ascii: "e")
            || c == UInt8(ascii: "E")
          guard numeric else { break }
          i += 1
        }
        guard i > start else { throw fail("unexpected character") }
        let text = String(decoding: b[start..<i], as: UTF8.self)
        guard Double(text) != nil else { throw fail("bad number") }
        return .number(text)
      }
    }

    mutating func word(_ w: StaticString, _ v: JSONTree) throws(JSONTreeError) -> JSONTree {
      let n = w.utf8CodeUnitCount
      guard i + n <= b.count else { throw fail("unexpected end") }
      for k in 0..<n where b[i + k] != w.utf8Start[k] { throw fail("unexpected word") }
      i += n
      return v
    }

    mutating func string() throws(JSONTreeError) -> String {
      i += 1  // the opening quote
      var out: [UInt8] = []
      while i < b.count {
        let c = b[i]
        if c == UInt8(ascii: "\"") {
          i += 1
          return String(decoding: out, as: UTF8.self)
        }
        if c == UInt8(ascii: "\\") {
          guard i + 1 < b.count else { break }
          let e = b[i + 1]
          i += 2
          switch e {
          case UInt8(ascii: "n"): out.append(10)
          case UInt8(ascii: "t"): out.append(9)
          case UInt8(ascii: "r"): out.append(13)
          case UInt8(ascii: "b"): out.append(8)
          case UInt8(ascii: "f"): out.append(12)
          case UInt8(ascii: "u"):
            guard i + 4 <= b.count, let unit = hex4(i) else { throw fail("bad \\u escape") }
            i += 4
            var scalar = UInt32(unit)
            if (0xD800..<0xDC00).contains(unit), i + 6 <= b.count, b[i] == UInt8(ascii: "\\"),
              b[i + 1] == UInt8(ascii: "u"), let low = hex4(i + 2), (0xDC00..<0xE000).contains(low)
            {
              scalar = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
              i += 6
            }
            let s = Unicode.Scalar(scalar) ?? "\u{FFFD}"
            out.append(contentsOf: Array(String(s).utf8))
          default: out.append(e)
          }
          continue
        }
        out.append(c)
        i += 1
      }
      throw fail("unterminated string")
    }

    func hex4(_ at: Int) -> UInt16? {
      var v: UInt16 = 0
      for k in 0..<4 {
        guard let d = HTTPResponseParser.hexValue(b[at + k]) else { return nil }
        v = v * 16 + UInt16(d)
      }
      return v
    }
  }
}

public struct JSONTreeError: Error, Equatable, Sendable {
  public var offset: Int
  public var why: String
}
