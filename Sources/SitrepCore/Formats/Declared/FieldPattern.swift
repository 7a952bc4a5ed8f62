import Glibc

/// A compiled definition: literals and typed fields in order, matched over a line's bytes in one
/// pass with no regex and no backtracking. A text field ends where the literal after it begins;
/// numbers and times are read in place. Only kept fields become Strings, later, in the decoder.
///
/// Steps are plain data (literals are ranges into one byte array, strftime patterns an index), so
/// walking them per line costs no reference counting.
struct FieldPattern: Sendable {
  /// How a step reads the line.
  enum Kind: Sendable {
    case literal, text, integer, decimal, decimalList, clf, iso8601, epochSeconds
    /// `strftimes[index]`.
    case strftime(Int)
  }

  struct Step: Sendable {
    var kind: Kind
    /// A literal step's bytes in `literals`; for a field, the literal that follows it, if one does.
    var literal: Range<Int>?
    /// Another field follows at once (a text field then reads one space-free token).
    var fieldFollows = false
    var meaning: FieldMeaning = .ignored
    var width = 0
  }

  let steps: [Step]
  let literals: [UInt8]
  let strftimes: [StrftimePattern]
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
    var literals: [UInt8] = []
    var ranges: [Range<Int>?] = []
    for piece in merged {
      if case .literal(let text) = piece {
        let start = literals.count
        literals += Array(text.utf8)
        ranges.append(start..<literals.count)
      } else {
        ranges.append(nil)
      }
    }
    var steps: [Step] = []
    var fields: [DeclaredField] = []
    var strftimes: [StrftimePattern] = []
    for (k, piece) in merged.enumerated() {
      switch piece {
      case .literal:
        steps.append(Step(kind: .literal, literal: ranges[k]))
      case .field(let field):
        let kind: Kind
        switch field.shape {
        case .text: kind = .text
        case .integer: kind = .integer
        case .decimal: kind = .decimal
        case .decimalList: kind = .decimalList
        case .time(.clf): kind = .clf
        case .time(.iso8601): kind = .iso8601
        case .time(.epochSeconds): kind = .epochSeconds
        case .time(.strftime(let pattern)):
          kind = .strftime(strftimes.count)
          strftimes.append(pattern)
        }
        let following = k + 1 < merged.count ? ranges[k + 1] : nil
        steps.append(
          Step(
            kind: kind, literal: following,
            fieldFollows: k + 1 < merged.count && following == nil, meaning: field.meaning,
            width: field.width))
        fields.append(field)
      }
    }
    self.steps = steps
    self.literals = literals
    self.strftimes = strftimes
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
    return steps.withUnsafeBufferPointer { steps in
      literals.withUnsafeBufferPointer { literals in
        var i = 0
        for step in steps {
          guard
            read(
              step, &i, bytes, literals, readAt: readAt, naiveZone: naiveZone, stamps: &stamps,
              into: &f)
          else { return false }
        }
        return i == end
      }
    }
  }

  /// Reads one step at `i` and moves past it.
  @inline(__always)
  private func read(
    _ step: Step, _ i: inout Int, _ bytes: LineBytes, _ literals: LineBytes,
    readAt: EpochSeconds, naiveZone: NaiveZone, stamps: inout RepeatedStampCache,
    into f: inout MatchedFields
  ) -> Bool {
    let end = bytes.count
    if case .literal = step.kind {
      let literal = LineBytes(rebasing: literals[step.literal!])
      guard Self.spelt(literal, at: i, in: bytes) else { return false }
      i += literal.count
      return true
    }
    let start = i
    if step.width > 0 {
      // Right-aligned padding (`%(levelname)8s`) comes first.
      while i < end, bytes[i] == 0x20, i - start < step.width - 1 { i += 1 }
    }
    switch step.kind {
    case .text:
      let valueStart = i
      if let next = step.literal {
        guard let at = Self.find(LineBytes(rebasing: literals[next]), in: bytes, from: i) else {
          return false
        }
        i = at
      } else if step.fieldFollows {
        while i < end, bytes[i] != 0x20, bytes[i] != 0x09 { i += 1 }
      } else {
        i = end
      }
      var valueEnd = i
      while valueEnd > valueStart, step.width > 0, bytes[valueEnd - 1] == 0x20 { valueEnd -= 1 }
      guard
        f.assign(
          step.meaning, valueStart..<valueEnd, in: bytes, readAt: readAt, naiveZone: naiveZone)
      else { return false }
    case .integer, .decimal, .decimalList:
      var c = ByteCursor(bytes, at: i)
      guard Self.number(step.kind, &c),
        f.assign(step.meaning, i..<c.index, in: bytes, readAt: readAt, naiveZone: naiveZone)
      else { return false }
      i = c.index
    case .clf, .iso8601, .epochSeconds, .strftime:
      var c = ByteCursor(bytes, at: i)
      guard let t = time(step.kind, &c, readAt: readAt, naiveZone: naiveZone, stamps: &stamps)
      else { return false }
      if step.meaning == .time { f.time = t }
      i = c.index
    case .literal:
      return false
    }
    if step.width > 0 {
      // Left-aligned padding (`%(levelname)-8s`) follows the value.
      while i < end, bytes[i] == 0x20, i - start < step.width { i += 1 }
    }
    return true
  }

  /// Whether `literal` is spelt at `i`.
  @inline(__always)
  private static func spelt(_ literal: LineBytes, at i: Int, in bytes: LineBytes) -> Bool {
    guard bytes.count - i >= literal.count else { return false }
    if literal.count == 1 { return bytes[i] == literal[0] }
    return memcmp(bytes.baseAddress! + i, literal.baseAddress!, literal.count) == 0
  }

  /// Where `literal` next begins at or after `from`. A quote after an odd run of backslashes is
  /// escaped (Apache's `\"`, nginx's JSON `\"`) and does not count.
  @inline(__always)
  private static func find(_ literal: LineBytes, in bytes: LineBytes, from: Int) -> Int? {
    guard let base = bytes.baseAddress, let first = literal.first else { return from }
    var from = from
    let quote = first == 0x22
    while from < bytes.count {
      // A short scan first: most fields are a few bytes long, shorter than a memchr call costs.
      var at = from
      let stop = Swift.min(bytes.count, from + 16)
      while at < stop, base[at] != first { at += 1 }
      if at == stop {
        guard stop < bytes.count,
          let hit = memchr(base + stop, Int32(first), bytes.count - stop)
        else { return nil }
        at = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
      }
      if quote {
        var slashes = 0
        while at - slashes - 1 >= 0, base[at - slashes - 1] == 0x5C { slashes += 1 }
        if slashes % 2 == 1 {
          from = at + 1
          continue
        }
      }
      if spelt(literal, at: at, in: bytes) { return at }
      from = at + 1
    }
    return nil
  }

  /// Moves past a number field of `kind`; false when none is there.
  @inline(__always)
  private static func number(_ kind: Kind, _ c: inout ByteCursor) -> Bool {
    if c.peek == UInt8(ascii: "-"), !(c.peek(at: 1).map(ByteClass.isDigit) ?? false) {
      c.index += 1
      if case .decimalList = kind { return list(&c, first: false) }
      return true
    }
    switch kind {
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
  private func time(
    _ kind: Kind, _ c: inout ByteCursor, readAt: EpochSeconds, naiveZone: NaiveZone,
    stamps: inout RepeatedStampCache
  ) -> EpochSeconds? {
    switch kind {
    case .clf:
      return stamps.stamp(&c) { TimestampParser.clf(&$0, naiveZone: naiveZone) }
    case .iso8601:
      return stamps.stamp(&c) { TimestampParser.iso8601(&$0, naiveZone: naiveZone) }
    case .epochSeconds:
      guard let v = c.readDecimal(), v > 0 else { return nil }
      return TimestampParser.epochNumber(v)
    case .strftime(let index):
      return strftimes[index].parse(&c, readAt: readAt, naiveZone: naiveZone)
    default:
      return nil
    }
  }
}
