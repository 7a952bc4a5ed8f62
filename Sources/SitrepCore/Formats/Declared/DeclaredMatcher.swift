/// Something that reads one line of a declared format into `MatchedFields`: a `FieldPattern`, or a
/// user's regex as a last resort.
protocol DeclaredMatcher: Sendable {
  /// The meanings this definition carries, to tell access formats from app formats.
  var meanings: [FieldMeaning] { get }
  func match(
    _ line: LineBytes, readAt: EpochSeconds, naiveZone: NaiveZone,
    stamps: inout RepeatedStampCache, into f: inout MatchedFields
  ) -> Bool
}

extension FieldPattern: DeclaredMatcher {
  var meanings: [FieldMeaning] { fields.map(\.meaning) }
}

extension DeclaredMatcher {
  /// A definition with a status field reads requests; one with only a level or a message reads
  /// application records.
  var role: SourceRole { meanings.contains(.status) ? .access : .app }
}

/// Undoing the escapes a writer put into text fields, for the strings that are kept.
enum FieldUnescape {
  static func string(_ line: LineBytes, _ range: Range<Int>, _ escaping: FieldEscaping) -> String {
    switch escaping {
    case .none: return ByteClass.string(line, range)
    case .backslashHex: return AccessLogDecoder.unescaped(line, range)
    case .json: return json(line, range)
    case .quotes: return quotes(line, range)
    }
  }

  /// `\"` → `"`; every other backslash stays.
  static func quotes(_ line: LineBytes, _ range: Range<Int>) -> String {
    guard line[range].contains(UInt8(ascii: "\\")) else { return ByteClass.string(line, range) }
    var out: [UInt8] = []
    out.reserveCapacity(range.count)
    var i = range.lowerBound
    while i < range.upperBound {
      if line[i] == UInt8(ascii: "\\"), i + 1 < range.upperBound, line[i + 1] == 0x22 {
        out.append(0x22)
        i += 2
      } else {
        out.append(line[i])
        i += 1
      }
    }
    return out.withUnsafeBufferPointer { ByteClass.string($0, 0..<$0.count) }
  }

  /// JSON string escapes: `\"`, `\\`, `\/`, `\n`, `\t`, `\r`, `\b`, `\f`, `\uXXXX` (surrogate
  /// pairs joined; a broken one becomes U+FFFD).
  static func json(_ line: LineBytes, _ range: Range<Int>) -> String {
    guard line[range].contains(UInt8(ascii: "\\")) else { return ByteClass.string(line, range) }
    var out: [UInt8] = []
    out.reserveCapacity(range.count)
    var i = range.lowerBound
    var pendingHigh: UInt32?
    while i < range.upperBound {
      let b = line[i]
      guard b == UInt8(ascii: "\\"), i + 1 < range.upperBound else {
        out.append(b)
        i += 1
        continue
      }
      let e = line[i + 1]
      i += 2
      switch e {
      case UInt8(ascii: "n"): out.append(0x0A)
      case UInt8(ascii: "t"): out.append(0x09)
      case UInt8(ascii: "r"): out.append(0x0D)
      case UInt8(ascii: "b"): out.append(0x08)
      case UInt8(ascii: "f"): out.append(0x0C)
      case UInt8(ascii: "u"):
        guard i + 4 <= range.upperBound, let v = ByteClass.hex4(line, at: i, end: range.upperBound)
        else {
          out.append(e)
          continue
        }
        i += 4
        if (0xD800..<0xDC00).contains(v) {
          pendingHigh = v
          continue
        }
        var scalarValue = v
        if (0xDC00..<0xE000).contains(v), let high = pendingHigh {
          scalarValue = 0x10000 + ((high - 0xD800) << 10) + (v - 0xDC00)
        }
        pendingHigh = nil
        let scalar = Unicode.Scalar(scalarValue) ?? "\u{FFFD}"
        out.append(contentsOf: Array(String(Character(scalar)).utf8))
      default: out.append(e)
      }
    }
    return out.withUnsafeBufferPointer { ByteClass.string($0, 0..<$0.count) }
  }

}
