/// What one field of a declared format means to sitrep. Fields sitrep has no use for are matched
/// (so the line still has to have them) and dropped.
enum FieldMeaning: Equatable, Sendable {
  case client
  case time
  /// A whole request line, `GET /x?y=1 HTTP/1.1`.
  case request
  case method
  /// The target as requested, query string and all (`$request_uri`, `%U%q` pieces, a regex `path`).
  case path
  case status
  case bytes
  case referer
  case userAgent
  /// How long the request took, in the unit the field is written in.
  case duration(DurationUnit)
  /// nginx's `$upstream_response_time`: `-`, one time or a list of attempts, in seconds.
  case upstream
  case level
  /// Python's `levelno` (10 DEBUG ... 50 CRITICAL).
  case levelNumber
  case logger
  case message
  /// Python's `msecs`, the milliseconds a `datefmt` leaves out of `asctime`.
  case msecs
  case ignored
}

/// The unit a duration field is written in.
enum DurationUnit: Equatable, Sendable {
  case seconds, milliseconds, microseconds

  /// Milliseconds for a value in this unit.
  func milliseconds(_ value: Double) -> Double {
    switch self {
    case .seconds: value * 1000
    case .milliseconds: value
    case .microseconds: value / 1000
    }
  }
}

/// How a field's extent is found in the line.
enum FieldShape: Sendable {
  /// Up to the literal that follows (a quote escaped with a backslash does not end it); to the end
  /// of the line when last; one space-free token when another field follows directly.
  case text
  /// `-` or digits.
  case integer
  /// `-` or a decimal number.
  case decimal
  /// `-`, a decimal, or a list of them separated by `, ` or ` : ` (nginx upstream times).
  case decimalList
  /// A timestamp read in place.
  case time(TimeShape)
}

/// The ways a declared format writes its time.
enum TimeShape: Sendable {
  /// `26/Nov/2026:12:00:00 +0000` (nginx `$time_local`, Apache `%t` without brackets).
  case clf
  /// ISO 8601 and Python's default asctime (`2026-11-26 12:00:00,123`).
  case iso8601
  /// Seconds since the epoch with a fraction (`$msec`, `%(created)f`).
  case epochSeconds
  /// A strftime pattern (Apache `%{...}t`, Python `datefmt`).
  case strftime(StrftimePattern)
}

/// One field of a compiled format.
struct DeclaredField: Sendable {
  var meaning: FieldMeaning
  var shape: FieldShape
  /// The name as the definition wrote it (`$request_time`, `%(levelname)s`), for messages.
  var name: String
  /// Python's `%(levelname)-8s` / `{levelname:<8}`: the value is padded with spaces to this width.
  var width: Int = 0

  init(_ meaning: FieldMeaning, _ shape: FieldShape, name: String, width: Int = 0) {
    self.meaning = meaning
    self.shape = shape
    self.name = name
    self.width = width
  }
}

/// A definition as its compiler read it: literal text and fields, in order.
enum DeclaredPiece: Sendable {
  case literal(String)
  case field(DeclaredField)
}

/// How text fields were escaped by the program that wrote them, to undo it for kept strings.
enum FieldEscaping: Sendable {
  /// nginx `escape=default`: `"`, `\` and control bytes as `\xHH`; Apache's `\"` and `\\` too.
  case backslashHex
  /// nginx `escape=json`: `\"`, `\\`, `\n`, `\u0022`.
  case json
  /// gunicorn: a quote as `\"`, and nothing else (a backslash is written bare).
  case quotes
  /// nginx `escape=none`, Python logging: as written.
  case none
}
