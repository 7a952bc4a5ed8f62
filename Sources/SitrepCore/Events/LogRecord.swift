/// Severity normalised across Python logging, structlog, logfmt and syslog spellings.
public enum LogLevel: Int, Sendable, Comparable, Codable, CaseIterable {
  case debug, info, warning, error, critical

  public static func < (a: LogLevel, b: LogLevel) -> Bool { a.rawValue < b.rawValue }

  /// Accepts the usual spellings: `WARN`, `warning`, `Error`, `fatal`, `err`, `crit`, numeric syslog levels.
  public init?(loose text: some StringProtocol) {
    switch text.lowercased() {
    case "debug", "trace", "7": self = .debug
    case "info", "information", "notice", "6", "5": self = .info
    case "warn", "warning", "4": self = .warning
    case "error", "err", "exception", "3": self = .error
    case "critical", "crit", "fatal", "alert", "emerg", "emergency", "panic", "2", "1", "0":
      self = .critical
    default: return nil
    }
  }

  public var label: String {
    switch self {
    case .debug: "DEBUG"
    case .info: "INFO"
    case .warning: "WARNING"
    case .error: "ERROR"
    case .critical: "CRITICAL"
    }
  }
}

/// One stack frame of a Python traceback.
public struct StackFrame: Sendable, Equatable {
  public var file: String
  public var line: Int
  public var function: String

  public init(file: String, line: Int, function: String) {
    self.file = file
    self.line = line
    self.function = function
  }
}

/// An exception pulled out of a traceback (or an `error=` field). For chained tracebacks this is the
/// last (outermost) exception; `causes` keeps the earlier ones in order.
///
/// Its fields live in one shared, immutable box, so the value is one pointer: every log record
/// and job event carries an optional exception, most have none, and moving ~100 bytes of empty
/// exception with each record through the decoders was a fifth of a JSON line (measured).
public struct ExceptionInfo: Sendable, Equatable {
  private final class Storage: Sendable {
    let type: String
    let message: String
    let topFrame: StackFrame?
    let causes: [String]
    let traceback: [String]

    init(
      type: String, message: String, topFrame: StackFrame?, causes: [String], traceback: [String]
    ) {
      self.type = type
      self.message = message
      self.topFrame = topFrame
      self.causes = causes
      self.traceback = traceback
    }
  }

  private var storage: Storage

  /// Exception class as printed, e.g. `KeyError` or `httpx.ReadTimeout`.
  public var type: String {
    get { storage.type }
    set { change(type: newValue) }
  }
  public var message: String {
    get { storage.message }
    set { change(message: newValue) }
  }
  /// Innermost frame of the last traceback: where it was raised.
  public var topFrame: StackFrame? {
    get { storage.topFrame }
    set { change(topFrame: .some(newValue)) }
  }
  /// Earlier exceptions of a chain, oldest first, as `Type: message`.
  public var causes: [String] {
    get { storage.causes }
    set { change(causes: newValue) }
  }
  /// The traceback as logged, one entry per line, for the drill-down.
  public var traceback: [String] {
    get { storage.traceback }
    set { change(traceback: newValue) }
  }

  public init(
    type: String, message: String, topFrame: StackFrame? = nil, causes: [String] = [],
    traceback: [String] = []
  ) {
    storage = Storage(
      type: type, message: message, topFrame: topFrame, causes: causes, traceback: traceback)
  }

  /// A new box with one field changed (changes are rare: a decoder fixing up a type).
  private mutating func change(
    type: String? = nil, message: String? = nil, topFrame: StackFrame?? = nil,
    causes: [String]? = nil, traceback: [String]? = nil
  ) {
    storage = Storage(
      type: type ?? storage.type, message: message ?? storage.message,
      topFrame: topFrame ?? storage.topFrame, causes: causes ?? storage.causes,
      traceback: traceback ?? storage.traceback)
  }

  public static func == (a: ExceptionInfo, b: ExceptionInfo) -> Bool {
    a.storage === b.storage
      || (a.type == b.type && a.message == b.message && a.topFrame == b.topFrame
        && a.causes == b.causes && a.traceback == b.traceback)
  }

  /// `KeyError: 'sku'` — how the exception reads in one line.
  public var summary: String { message.isEmpty ? type : "\(type): \(message)" }
}

/// One application log record, with its traceback joined in when it had one.
///
/// Made with the memberwise init (`LogRecord(time:level:logger:message:exception:fields:)`;
/// logger, exception and fields may be left out), so none is written out: a written init built
/// the record, copied every field into a second one and destroyed the first (an outlined copy and
/// destroy of the record), with the fields literal 250 instructions of a JSON app-log line
/// (measured, callgrind); the memberwise one writes the record in place. Internal, as every record
/// is made in this module.
public struct LogRecord: Sendable, Equatable {
  public var time: EpochSeconds
  public var level: LogLevel
  public var logger: String? = nil
  public var message: String
  public var exception: ExceptionInfo? = nil
  /// Extra structured fields (JSON / logfmt), as text. `Dictionary()`, not `[:]`: the literal
  /// called the dictionary-literal init for every record made without fields.
  public var fields: [String: String] = Dictionary()
}
