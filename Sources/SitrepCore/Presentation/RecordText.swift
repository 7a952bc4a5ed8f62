/// A JSON log record laid out for reading: one `key: value` line per field, and a field holding a
/// multi-line text (`exc_info`, `exception`, `stack`) as its own lines, so its traceback reads as
/// Python printed it instead of as `\n` escapes far to the right.
public struct RecordText: Sendable, Equatable {
  public var fields: [String]
  /// The lines of the multi-line field: a traceback, as logged.
  public var traceback: [String]

  /// `nil` when the line is not a JSON object.
  public static func json(_ line: String) -> RecordText? {
    guard line.first == "{", let object = JSONObject.parse(line) else { return nil }
    var fields: [String] = []
    var traceback: [String] = []
    for (key, value) in object.entries {
      if let text = value.stringValue, text.contains("\n"), traceback.isEmpty {
        fields.append("\(TextSanitizer.display(key)): (below)")
        // Decoded escapes can hold control characters the archived line did not show.
        traceback = text.split(separator: "\n", omittingEmptySubsequences: false).map {
          TextSanitizer.display(String($0))
        }
        while traceback.last?.isEmpty == true { traceback.removeLast() }
      } else {
        fields.append("\(TextSanitizer.display(key)): \(TextSanitizer.display(value.text))")
      }
    }
    return RecordText(fields: fields, traceback: traceback)
  }
}
