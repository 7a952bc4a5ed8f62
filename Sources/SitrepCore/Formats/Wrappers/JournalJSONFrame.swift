/// `journalctl -o json`: one JSON object per entry. `MESSAGE` is a string, or an array of byte
/// values when it is not UTF-8; `__REALTIME_TIMESTAMP` is microseconds since the epoch as a
/// string; `PRIORITY` "0"…"7" is syslog's severity.
public struct JournalJSONFrame: FrameReader {
  private static let keys = [
    "MESSAGE", "__REALTIME_TIMESTAMP", "PRIORITY", "SYSLOG_IDENTIFIER", "_SYSTEMD_UNIT",
  ]
  private var scanner = JSONKeyScanner(keys: keys)

  public init() {}

  public mutating func read(_ line: LineBytes, content: inout [UInt8]) -> FrameReading {
    guard scanner.scan(line), let message = scanner.value(0) else { return .malformed }
    content.removeAll(keepingCapacity: true)
    switch message.kind {
    case .string:
      if message.escaped {
        JSONSpanText.unescape(line, message.range, into: &content)
      } else {
        content.append(contentsOf: line[message.range])
      }
    case .array:
      guard Self.bytes(of: message, in: line, into: &content) else { return .malformed }
    case .null:
      // journalctl writes null for a field too large to show: an entry with nothing to read.
      break
    default:
      return .malformed
    }
    var frame = WrapperFrame(time: nil)
    if let stamp = scanner.value(1), stamp.kind == .string, !stamp.escaped {
      frame.time = WrapperTime.microseconds(LineBytes(rebasing: line[stamp.range]))
    }
    if let priority = scanner.value(2), priority.range.count == 1 {
      frame.level = Self.level(line[priority.range.lowerBound])
    }
    let identifier = scanner.value(3) ?? scanner.value(4)
    if let identifier, identifier.kind == .string {
      frame.identifier = JSONSpanText.display(identifier, in: line)
    }
    return .frame(frame)
  }

  /// Syslog severities: 0 emerg … 3 err, 4 warning, 5 notice, 6 info, 7 debug.
  static func level(_ digit: UInt8) -> LogLevel? {
    switch digit {
    case UInt8(ascii: "0")...UInt8(ascii: "2"): .critical
    case UInt8(ascii: "3"): .error
    case UInt8(ascii: "4"): .warning
    case UInt8(ascii: "5"), UInt8(ascii: "6"): .info
    case UInt8(ascii: "7"): .debug
    default: nil
    }
  }

  /// `[72, 105, 255]`: the message's bytes, each 0…255.
  private static func bytes(of span: JSONSpan, in line: LineBytes, into out: inout [UInt8]) -> Bool
  {
    var c = ByteCursor(LineBytes(rebasing: line[span.range]))
    guard c.skip(UInt8(ascii: "[")) else { return false }
    while true {
      skipBlanks(&c)
      if c.skip(UInt8(ascii: "]")) { return true }
      guard let value = c.readInt(maxDigits: 3), value <= 255 else { return false }
      out.append(UInt8(value))
      skipBlanks(&c)
      if c.skip(UInt8(ascii: ",")) { continue }
      return c.skip(UInt8(ascii: "]"))
    }
  }

  private static func skipBlanks(_ c: inout ByteCursor) {
    while let b = c.peek, b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { c.index += 1 }
  }
}
