/// Groups errors that are "the same problem": exception type, message with the variable parts
/// (numbers, ids, hex, quoted values) replaced, and the top frame's file and function. The line number
/// is left out of the key so a deploy that only moves code does not make every error look new.
public enum ErrorFingerprint {
  public static func key(type: String, message: String, frame: StackFrame?) -> String {
    var k = type + ": " + groupingTemplate(message)
    if let frame { k += " @ " + fileName(frame.file) + ":" + frame.function }
    return k
  }

  /// `KeyError: 'sku' at tasks.py:88 in sync_sku` — how a signature reads for a person.
  public static func display(type: String, message: String, frame: StackFrame?) -> String {
    var s = message.isEmpty ? type : "\(type): \(message)"
    if s.count > 160 { s = String(s.prefix(157)) + "..." }
    if let frame { s += " at \(fileName(frame.file)):\(frame.line) in \(frame.function)" }
    return s
  }

  /// An ERROR record without an exception is the same problem when the same logger wrote the same
  /// message template. The `[log]` prefix cannot start a Python type name, so such a key never
  /// meets an exception's.
  public static func logKey(logger: String?, message: String) -> String {
    "[log] " + (logger ?? "") + ": " + groupingTemplate(message)
  }

  /// The template a signature is keyed by: numbers and ids are one kind of value there, because
  /// the same slot of a message holds both (`cart e3f6e83ad` and `cart 886591092` are hex ids, one
  /// of which happens to have no letters). `normalize` keeps them apart for reading.
  static func groupingTemplate(_ message: String) -> String {
    normalize(message).replacing("<id>", with: "<n>")
  }

  /// `app.orders: request completed (ERROR)` — the level says it is a log line, not an exception.
  public static func logDisplay(logger: String?, level: LogLevel, message: String) -> String {
    var s = logger.map { "\($0): \(message)" } ?? message
    if s.count > 160 { s = String(s.prefix(157)) + "..." }
    return s + " (\(level.label))"
  }

  static func fileName(_ path: String) -> String {
    path.split(separator: "/").last.map(String.init) ?? path
  }

  /// The message's template: ids, numbers, times, addresses and quoted values replaced by
  /// placeholders (`<id>`, `<n>`, `<ts>`, `<ip>`, `<str>`…), words kept. See `MessageTemplate`.
  public static func normalize(_ message: String) -> String {
    MessageTemplate.normalize(message)
  }
}
