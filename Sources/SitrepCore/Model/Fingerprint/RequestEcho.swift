/// Recognises an ERROR record that only repeats a failed request: the access-style summary a
/// request middleware writes (python-json-logger, structlog: `{"levelname": "ERROR", "message":
/// "request completed", "status": 500}`), or Django's `Internal Server Error: /path` without a
/// traceback. The exception that caused the 500 is logged on its own; the echo must not outrank it.
public enum RequestEcho {
  /// Field names request loggers use for the response status (top-level JSON / logfmt keys).
  static let statusKeys = [
    "status", "status_code", "http_status", "statusCode", "http_status_code", "response_status",
    "http.status_code",
  ]

  /// Wording of request summaries, lower case.
  static let phrases: [[UInt8]] = [
    "request completed", "request complete", "request finished", "request ended",
    "response sent", "internal server error",
  ].map { Array($0.utf8) }

  /// Words that, shortly before a 5xx number, make it a response status (`HTTP 500`,
  /// `HTTP/1.1" 502`, `status=503`, `status_code: 500`, `response 504`).
  static let statusWords: [[UInt8]] = ["http", "status", "response"].map { Array($0.utf8) }

  public static func isEcho(_ record: LogRecord) -> Bool {
    guard record.exception == nil else { return false }
    if let status = status(record.fields), status >= 500 { return true }
    return mentionsFailedResponse(record.message)
  }

  /// The response status a record carries in its fields, if any.
  static func status(_ fields: [String: String]) -> Int? {
    guard !fields.isEmpty else { return nil }
    for key in statusKeys {
      if let text = fields[key], let value = Int(text), (100...599).contains(value) { return value }
    }
    return nil
  }

  static func mentionsFailedResponse(_ message: String) -> Bool {
    let text = message.utf8.prefix(MessageTemplate.maxBytes).map {
      ByteClass.isUpper($0) ? $0 | 0x20 : $0
    }
    if phrases.contains(where: { contains(text, $0, in: 0..<text.count) }) { return true }
    // A standalone 5xx with a status word at most 12 bytes before it.
    var i = 0
    while i + 3 <= text.count {
      if text[i] == UInt8(ascii: "5"), ByteClass.isDigit(text[i + 1]),
        ByteClass.isDigit(text[i + 2]),
        i == 0 || !ByteClass.isIdentifier(text[i - 1]),
        i + 3 == text.count || !ByteClass.isIdentifier(text[i + 3])
      {
        let before = max(0, i - 12)..<i
        if statusWords.contains(where: { contains(text, $0, in: before) }) { return true }
      }
      i += 1
    }
    return false
  }

  private static func contains(_ text: [UInt8], _ needle: [UInt8], in range: Range<Int>) -> Bool {
    guard range.count >= needle.count else { return false }
    var i = range.lowerBound
    while i + needle.count <= range.upperBound {
      if text[i] == needle[0], text[i..<(i + needle.count)].elementsEqual(needle) { return true }
      i += 1
    }
    return false
  }
}
