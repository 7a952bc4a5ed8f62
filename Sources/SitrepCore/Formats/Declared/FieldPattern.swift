import Glibc

/// A compiled definition: literals and typed fields in order, matched over a line's bytes in one
/// pass with no regex and no backtracking. A text field ends where the literal after it begins;
/// numbers and times are read in place. Only kept fields become Strings, later, in the decoder.
struct FieldPattern: Sendable {
  enum Step: Sendable {
    case literal([UInt8])
    /// `next`: the literal that follows, if one does; `fieldFollows`: another field follows at once.
    case field(DeclaredField, next: [UInt8]?, fieldFollows: Bool)
  }

  let steps: [Step]
  /// The fields, in order, for the compilers' checks (has a status, has a level, ...).
  let fields: [DeclaredField]

  init(_ pieces: [DeclaredPiece]) {
    // Adjacent literals merge; trailing white space is dropped (lines are trimmed before matching).
    var merged: [DeclaredPiece] = []
    for piece in pieces {
      if case .literal(let text) = piece, case .literal(let before)? = merged.last {
        merged[merged.count - 1] = .literal(before + text)
      } else if case .literal(let text) = piece, text.isEmpty {
        continue
      } else {
        merged.append(piece)
      }
    }
    if case .literal(let text)? = merged.last {
      var trimmed = Substring(text)
      while let last = trimmed.last, last == " " || last == "\t" { trimmed.removeLast() }
      if trimmed.isEmpty {
        merged.removeLast()
      } else {
        merged[merged.count - 1] = .literal(String(trimmed))
      }
    }
    var steps: [Step] = []
    var fields: [DeclaredField] = []
    for (k, piece) in merged.enumerated() {
      switch piece {
      case .literal(let text):
        steps.append(.literal(Array(text.utf8)))
      case .field(let field):
        var next: [UInt8]?
        var fieldFollows = false
        if k + 1 < merged.count {
          switch merged[k + 1] {
          case .literal(let text): next = Array(text.utf8)
          case .field: fieldFollows = true
          }
        }
        steps.append(.field(field, next: next, fieldFollows: fieldFollows))
        fields.append(field)
      }
    }
    self.steps = steps
    self.fields = fields
  }

  /// Matches the whole line (trailing `\r` and spaces aside); false when any piece does not fit.
  func match(
    _ line: LineBytes, readAt: EpochSeconds, naiveZone: NaiveZone,
    stamps: inout RepeatedStampCache, into f: inout MatchedFields
  ) -> Bool {
    var end = line.count
    while end > 0, line[end - 1] == 0x0D || line[end - 1] == 0x20 || line[end - 1] == 0x09 {
      end -= 1
    }
    let bytes = LineBytes(rebasing: line[0..<end])
    var i = 0
    for step in steps {
      switch step {
      case .literal(let literal):
        guard Self.literal(literal, at: i, in: bytes) else { return false }
        i += literal.count
      case .field(let field, let next, let fieldFollows):
        let start = i
        if field.width > 0 {
          // Right-aligned padding (`%(levelname)8s`) comes first.
          while i < end, bytes[i] == 0x20, i - start < field.width - 1 { i += 1 }
        }
        switch field.shape {
        case .text:
          let valueStart = i
          if let next {
            guard let at = Self.find(next, in: bytes, from: i) else { return false }
            i = at
          } else if fieldFollows {
            while i < end, bytes[i] != 0x20, bytes[i] != 0x09 { i += 1 }
          } else {
            i = end
          }
          var valueEnd = i
          while valueEnd > valueStart, bytes[valueEnd - 1] == 0x20, field.width > 0 {
            valueEnd -= 1
          }
          guard
            f.assign(
              field.meaning, valueStart..<valueEnd, in: bytes, readAt: readAt, naiveZone: naiveZone)
          else { return false }
        case .integer, .decimal, .decimalList:
          var c = ByteCursor(bytes, at: i)
          guard Self.number(field.shape, &c) else { return false }
          guard
            f.assign(field.meaning, i..<c.index, in: bytes, readAt: readAt, naiveZone: naiveZone)
          else { return false }
          i = c.index
        case .time(let shape):
          var c = ByteCursor(bytes, at: i)
          guard let t = Self.time(shape, &c, readAt: readAt, naiveZone: naiveZone, stamps: &stamps)
          else { return false }
          if field.meaning == .time { f.time = t }
          i = c.index
        }
        if field.width > 0 {
          // Left-aligned padding (`%(levelname)-8s`) follows the value.
          while i < end, bytes[i] == 0x20, i - start < field.width { i += 1 }
        }
      }
    }
    return i == end
  }

  /// Whether `literal` is spelt at `i`.
  @inline(__always)
  private static func literal(_ literal: [UInt8], at i: Int, in bytes: LineBytes) -> Bool {
    guard bytes.count - i >= literal.count else { return false }
    for k in 0..<literal.count where bytes[i + k] != literal[k] { return false }
    return true
  }

  /// Where `literal` next begins at or after `from`. A quote after an odd run of backslashes is
  /// escaped (Apache's `\"`, nginx's JSON `\"`) and does not count.
  private static func find(_ literal: [UInt8], in bytes: LineBytes, from: Int) -> Int? {
    guard let base = bytes.baseAddress, let first = literal.first else { return from }
    var from = from
    let quote = first == 0x22
    while from < bytes.count, let hit = memchr(base + from, Int32(first), bytes.count - from) {
      let at = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
      if quote {
        var slashes = 0
        while at - slashes - 1 >= 0, base[at - slashes - 1] == 0x5C { slashes += 1 }
        if slashes % 2 == 1 {
          from = at + 1
          continue
        }
      }
      if Self.literal(literal, at: at, in: bytes) { return at }
      from = at + 1
    }
    return nil
  }

  /// Moves past a number field of `shape`; false when none is there.
  private static func number(_ shape: FieldShape, _ c: inout ByteCursor) -> Bool {
    if c.peek == UInt8(ascii: "-"), !(c.peek(at: 1).map(ByteClass.isDigit) ?? false) {
      c.index += 1
      if case .decimalList = shape { return list(&c, first: false) }
      return true
    }
    switch shape {
    case .integer: return c.readInt() != nil
    case .decimal: return c.readDecimal() != nil
    case .decimalList: return list(&c, first: true)
    default: return false
    }
  }

  /// The rest of an upstream list: `, 0.003`, ` : -`, ...
  private static func list(_ c: inout ByteCursor, first: Bool) -> Bool {
    if first { guard c.readDecimal() != nil else { return false } }
    while true {
      let before = c.index
      guard FieldReading.separator(&c) else { return true }
      if c.peek == UInt8(ascii: "-"), !(c.peek(at: 1).map(ByteClass.isDigit) ?? false) {
        c.index += 1
      } else if c.readDecimal() == nil {
        c.index = before
        return true
      }
    }
  }

  /// Reads a time in place.
  @inline(__always)
  private static func time(
    _ shape: TimeShape, _ c: inout ByteCursor, readAt: EpochSeconds, naiveZone: NaiveZone,
    stamps: inout RepeatedStampCache
  ) -> EpochSeconds? {
    switch shape {
    case .clf:
      return stamps.stamp(&c) { TimestampParser.clf(&$0, naiveZone: naiveZone) }
    case .iso8601:
      return stamps.stamp(&c) { TimestampParser.iso8601(&$0, naiveZone: naiveZone) }
    case .epochSeconds:
      guard let v = c.readDecimal(), v > 0 else { return nil }
      return TimestampParser.epochNumber(v)
    case .strftime(let pattern):
      return pattern.parse(&c, readAt: readAt, naiveZone: naiveZone)
    }
  }
}
