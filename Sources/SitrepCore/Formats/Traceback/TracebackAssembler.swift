/// Joins the lines of a Python traceback that follow a log record into one `ExceptionInfo`.
///
/// Used by every decoder whose records can be followed by a traceback (Python logging, gunicorn,
/// Celery, RQ, uvicorn) and by JSON decoders whose exception field holds a whole traceback.
/// It understands chained sections ("During handling of the above exception..." and "The above
/// exception was the direct cause..."), caret lines, blank lines inside a traceback, and
/// exception groups (`  + Exception Group Traceback`, `  | ` prefixed lines).
public struct TracebackAssembler {
  private enum Phase { case idle, inTrace, afterException }

  private var phase = Phase.idle
  private var lines: [String] = []
  private var exceptions: [(type: String, message: String)] = []
  private var sectionFrame: StackFrame?
  private var lastSectionFrame: StackFrame?
  private var inGroup = false
  private var groupTypeSeen = false

  /// Lines kept for the drill-down; a runaway traceback is still counted, just not all stored.
  public static let maxStoredLines = 300

  public init() {}

  /// Whether any traceback line has been taken since the last `finish()`.
  public var isActive: Bool { phase != .idle }

  /// Offers a line that is not a record header of the surrounding format. Returns `true` when it
  /// belongs to the traceback (and was taken), `false` when it is something else.
  ///
  /// Prefixes are compared as bytes: `hasPrefix` on a Substring compares Characters, and was a
  /// quarter of the cost of a JSON record carrying a traceback (measured).
  public mutating func accept(_ line: String) -> Bool {
    // Most lines offered while idle are ordinary log lines: refuse them on the first byte.
    if phase == .idle {
      guard let first = line.utf8.first,
        first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") || first == UInt8(ascii: "T")
          || first == UInt8(ascii: "S")
      else { return false }
    }
    // loguru (`backtrace=True`, its default) marks the frame that raised with `> ` at the margin.
    if phase != .idle, line.utf8.starts(with: "> File \"".utf8) {
      return accept("  " + line.dropFirst(2))
    }
    let indent = line.prefix { $0 == " " || $0 == "\t" }.count
    let body = line.dropFirst(indent)
    if body.isEmpty {
      guard phase != .idle else { return false }
      store(line)
      return true
    }
    if indent == 0,
      body.utf8.starts(with: "Traceback (most recent call last):".utf8)
        || body.utf8.starts(with: "Stack (most recent call last):".utf8)
    {
      beginSection(group: false)
      store(line)
      return true
    }
    let content = Self.stripGroupPrefix(body)
    if indent > 0,
      content.utf8.starts(with: "Exception Group Traceback (most recent call last):".utf8)
    {
      if !inGroup || phase != .inTrace { beginSection(group: true) }
      store(line)
      return true
    }
    if indent == 0, Self.isChainMarker(body) {
      guard phase != .idle else { return false }
      store(line)
      return true
    }
    guard phase != .idle else { return false }
    if indent > 0 {
      if let frame = Self.parseFrame(content) {
        if !(inGroup && groupTypeSeen) { sectionFrame = frame }
      } else if inGroup, !groupTypeSeen, body.utf8.starts(with: "| ".utf8),
        let exc = Self.parseExceptionLine(content)
      {
        // The group's own `ExceptionGroup: ...` line, at the first level of `| `.
        exceptions.append(exc)
        groupTypeSeen = true
        lastSectionFrame = sectionFrame
        phase = .afterException
      }
      store(line)
      return true
    }
    if let exc = Self.parseExceptionLine(body) {
      exceptions.append(exc)
      lastSectionFrame = sectionFrame
      phase = .afterException
      store(line)
      return true
    }
    return false
  }

  /// The exception the taken lines describe, or `nil` when no line was taken. Resets.
  public mutating func finish() -> ExceptionInfo? {
    // Idle, nothing was taken since the last reset (every change begins a section): resetting
    // anyway built and destroyed an assembler per record, measured on JSON logs.
    guard phase != .idle else { return nil }
    defer { self = TracebackAssembler() }
    let frame = lastSectionFrame ?? sectionFrame
    guard let last = exceptions.last else {
      // Cut off before the exception line (file truncated, process killed).
      return ExceptionInfo(
        type: "Traceback", message: "incomplete traceback", topFrame: frame, traceback: lines)
    }
    let causes = exceptions.dropLast().map {
      $0.message.isEmpty ? $0.type : "\($0.type): \($0.message)"
    }
    return ExceptionInfo(
      type: last.type, message: last.message, topFrame: frame, causes: Array(causes),
      traceback: lines)
  }

  /// Assembles a traceback held in one text value (a JSON `exception` field with `\n`s).
  /// Text that is not a traceback becomes an exception from its `Type: message` shape.
  public static func assemble(text: String) -> ExceptionInfo? {
    var assembler = TracebackAssembler()
    var taken = false
    var whole = text
    // Cut on the byte and sanitised from the bytes: Character-wise splitting, and a String per
    // piece before sanitising it, cost more than the assembling.
    whole.withUTF8 { bytes in
      var start = 0
      while start <= bytes.count {
        let end = ByteScan.first(0x0A, 0x0A, 0x0A, 0x0A, in: bytes, from: start, to: bytes.count)
        let clean = TextSanitizer.display(LineBytes(rebasing: bytes[start..<end]))
        if assembler.accept(clean) { taken = true }
        start = end + 1
      }
    }
    if taken, let info = assembler.finish() { return info }
    return summaryException(text)
  }

  /// An exception from a one-line error text: `KeyError: 77` → type `KeyError`, message `77`;
  /// text without a type becomes type `Error`.
  public static func summaryException(_ text: String) -> ExceptionInfo? {
    let firstLine = text.split(separator: "\n").last { !$0.allSatisfy { $0 == " " } } ?? ""
    let trimmed = firstLine.drop { $0 == " " }
    guard !trimmed.isEmpty else { return nil }
    if let exc = parseExceptionLine(trimmed), trimmed.contains(":") {
      return ExceptionInfo(type: exc.type, message: exc.message)
    }
    if let repr = parseRepr(trimmed) { return repr }
    return ExceptionInfo(type: "Error", message: String(trimmed))
  }

  /// An exception from its Python repr as Celery prints it: `KeyError('sku')`,
  /// `ConnectionError('smtp unreachable')`. `str()` of a KeyError keeps the quotes (that is how
  /// the traceback shows it), other exceptions show the bare text.
  public static func parseRepr(_ text: Substring) -> ExceptionInfo? {
    guard let open = text.firstIndex(of: "("), text.hasSuffix(")") else { return nil }
    let type = text[..<open]
    guard isExceptionType(type) else { return nil }
    var arg = text[text.index(after: open)..<text.index(before: text.endIndex)]
    if type != "KeyError", arg.count >= 2, let q = arg.first, q == "'" || q == "\"", arg.last == q,
      !arg.dropFirst().dropLast().contains(q)
    {
      arg = arg.dropFirst().dropLast()
    }
    return ExceptionInfo(type: String(type), message: String(arg))
  }

  /// Whether a line looks like part of a traceback (used by detection to skip such lines).
  public static func looksLikeContinuation(_ line: String) -> Bool {
    guard let first = line.first else { return true }
    if first == " " || first == "\t" { return true }
    if line.utf8.starts(with: "Traceback (most recent call last):".utf8)
      || isChainMarker(Substring(line))
    {
      return true
    }
    guard let exc = parseExceptionLine(Substring(line)) else { return false }
    let last = exc.type.split(separator: ".").last ?? ""
    return ["Error", "Exception", "Warning", "Exit", "Interrupt", "Timeout", "Group"].contains {
      last.hasSuffix($0)
    }
  }

  /// `Type: message` or a bare `Type` (dotted names allowed), the last line of a traceback.
  public static func parseExceptionLine(_ s: Substring) -> (type: String, message: String)? {
    let typeEnd = s.firstIndex(of: ":") ?? s.endIndex
    let type = s[..<typeEnd]
    guard isExceptionType(type) else { return nil }
    guard typeEnd < s.endIndex else { return (String(type), "") }
    let rest = s[s.index(after: typeEnd)...]
    guard rest.isEmpty || rest.first == " " else { return nil }
    return (String(type), String(rest.dropFirst()))
  }

  // MARK: - Pieces

  private mutating func beginSection(group: Bool) {
    phase = .inTrace
    sectionFrame = nil
    inGroup = group
    groupTypeSeen = false
  }

  private mutating func store(_ line: String) {
    if lines.count < Self.maxStoredLines { lines.append(line) }
  }

  private static func isChainMarker(_ s: Substring) -> Bool {
    s.utf8.starts(with: "During handling of the above exception, another exception occurred".utf8)
      || s.utf8.starts(
        with: "The above exception was the direct cause of the following exception".utf8)
  }

  private static func isExceptionType(_ s: Substring) -> Bool {
    guard let first = s.utf8.first, s.utf8.count <= 200,
      ByteClass.isAlpha(first) || first == UInt8(ascii: "_")
    else { return false }
    var previousDot = false
    for b in s.utf8 {
      if b == UInt8(ascii: ".") {
        if previousDot { return false }
        previousDot = true
      } else if ByteClass.isIdentifier(b) {
        previousDot = false
      } else {
        return false
      }
    }
    return !previousDot
  }

  /// Drops exception-group decoration: `| `, `+-+---- 1 ----`, `+ `.
  private static func stripGroupPrefix(_ s: Substring) -> Substring {
    var rest = s
    while let first = rest.first, first == "|" || first == "+" {
      rest = rest.dropFirst()
      rest = rest.drop { $0 == " " }
    }
    return rest
  }

  /// `File "/srv/app/orders.py", line 42, in get_order`
  static func parseFrame(_ s: Substring) -> StackFrame? {
    guard s.utf8.first == UInt8(ascii: "F") else { return nil }
    // Bytes, not Characters: `firstRange(of:)` over Substrings was most of the cost of a JSON
    // log line carrying a traceback.
    var text = s
    return text.withUTF8 { b -> StackFrame? in
      guard b.count >= Self.framePrefix.count,
        b[0..<Self.framePrefix.count].elementsEqual(Self.framePrefix),
        let close = Self.find(Self.lineMarker, in: b, from: Self.framePrefix.count)
      else {
        return nil
      }
      var i = close + Self.lineMarker.count
      let digitsStart = i
      while i < b.count, ByteClass.isDigit(b[i]) { i += 1 }
      // More digits than an Int holds: no line number, as `Int(_:)` said before.
      guard i > digitsStart, i - digitsStart <= 18 else { return nil }
      var line = 0
      for k in digitsStart..<i { line = line * 10 + Int(b[k] - 0x30) }
      var function = "?"
      if let inAt = Self.find(Self.inMarker, in: b, from: i) {
        function = String(decoding: b[(inAt + Self.inMarker.count)...], as: UTF8.self)
      }
      let file = String(decoding: b[Self.framePrefix.count..<close], as: UTF8.self)
      return StackFrame(file: file, line: line, function: function)
    }
  }

  private static let framePrefix = Array("File \"".utf8)
  private static let lineMarker = Array("\", line ".utf8)
  private static let inMarker = Array(", in ".utf8)

  /// The first index of `needle` in `b` at or after `start`.
  private static func find(_ needle: [UInt8], in b: LineBytes, from start: Int) -> Int? {
    guard let first = needle.first, b.count >= needle.count else { return nil }
    var i = start
    while i + needle.count <= b.count {
      if b[i] == first, b[i..<(i + needle.count)].elementsEqual(needle) { return i }
      i += 1
    }
    return nil
  }
}
