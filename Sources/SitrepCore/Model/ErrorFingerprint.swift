/// Groups errors that are "the same problem": exception type, message with the variable parts
/// (numbers, ids, hex, quoted values) replaced, and the top frame's file and function. The line number
/// is left out of the key so a deploy that only moves code does not make every error look new.
public enum ErrorFingerprint {
  public static func key(type: String, message: String, frame: StackFrame?) -> String {
    var k = type + ": " + normalize(message)
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

  static func fileName(_ path: String) -> String {
    path.split(separator: "/").last.map(String.init) ?? path
  }

  /// Replaces runs of digits, hex ids and quoted strings with placeholders.
  public static func normalize(_ message: String) -> String {
    var out = ""
    out.reserveCapacity(message.count)
    let scalars = Array(message.unicodeScalars.prefix(400))
    var i = 0
    while i < scalars.count {
      let c = scalars[i]
      if c == "'" || c == "\"" {
        if let close = scalars[(i + 1)...].firstIndex(of: c), close - i <= 80 {
          out += "<str>"
          i = close + 1
          continue
        }
      }
      if isWordChar(c) {
        var j = i
        var digits = 0
        while j < scalars.count && isWordChar(scalars[j]) {
          if ("0"..."9").contains(scalars[j]) { digits += 1 }
          j += 1
        }
        let word = String(String.UnicodeScalarView(scalars[i..<j]))
        if digits > 0 && (digits * 3 >= word.count || word.count >= 16) {
          out += digits == word.count ? "<n>" : "<id>"
        } else {
          out += word
        }
        i = j
        continue
      }
      out.unicodeScalars.append(c)
      i += 1
    }
    return out
  }

  private static func isWordChar(_ c: Unicode.Scalar) -> Bool {
    ("0"..."9").contains(c) || ("a"..."z").contains(c) || ("A"..."Z").contains(c) || c == "_"
      || c == "-"
  }
}
