/// What a signature groups, which decides how it ranks: an on-call engineer wants the cause (an
/// exception) above the records that only say a request failed because of it.
public enum ErrorKind: String, Sendable, Equatable, CaseIterable {
  /// An exception with its traceback or `error=` field, or a failed job.
  case exception
  /// An ERROR record without an exception, grouped by logger and message template.
  case log
  /// An ERROR record that only repeats a failed request (`request completed` with status 500).
  case request

  /// Lower ranks first. Exceptions and plain ERROR records are both problems in their own right;
  /// a request echo is a symptom of one of them.
  var rank: Int { self == .request ? 1 : 0 }
}
