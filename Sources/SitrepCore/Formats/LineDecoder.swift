/// One line of a log as raw bytes, without its newline. Valid only for the duration of the call.
public typealias LineBytes = UnsafeBufferPointer<UInt8>

/// How many lines a decoder understood and which it could not, so nothing is silently dropped.
public struct LineCounts: Sendable, Equatable {
  /// Lines that produced or joined an event (continuation lines of a traceback count here).
  public var parsed: Int = 0
  /// Lines recognised as the format's own but carrying nothing for the model (banners, "ready.").
  public var ignored: Int = 0
  /// Lines no rule of the format understood.
  public var malformed: Int = 0
  /// Parsed lines (or records) stamped more than `FutureHorizon.seconds` after now, left out of
  /// the model; counted in `parsed` too.
  public var future: Int = 0
  /// Lines cut short because they ran past a bound (a wrapper's partial pieces joined beyond
  /// `PartialLineJoiner.defaultLimit`); the part kept is counted as usual.
  public var truncated: Int = 0
  /// The last few malformed lines, sanitised, newest last, for the sources view.
  public var recentMalformed: [String] = []

  public init() {}

  /// Adds another decoder's counts (two decoders reading one file's two streams).
  public mutating func add(_ other: LineCounts) {
    parsed += other.parsed
    ignored += other.ignored
    malformed += other.malformed
    future += other.future
    truncated += other.truncated
    recentMalformed = Array(
      (recentMalformed + other.recentMalformed).suffix(LineTally.keptMalformed))
  }
}

/// What a decoder decided about the last line it was fed, for the raw-log view: the level is read
/// once, by the decoder that understands the line, not guessed again from its text.
public struct LineMark: Sendable, Equatable {
  /// An error-level record, a failed job, a 5xx request, or a line of such a record's traceback.
  public var isError: Bool
  /// A line of the record above it (a traceback line), not the start of a record.
  public var continuesRecord: Bool

  public init(isError: Bool = false, continuesRecord: Bool = false) {
    self.isError = isError
    self.continuesRecord = continuesRecord
  }

  public static let plain = LineMark()
  public static let error = LineMark(isError: true)
}

/// Turns a source's lines into events. Stateful: app and job formats hold a record back until they
/// know whether traceback lines follow it.
public protocol LineDecoder: AnyObject {
  /// The format this decoder reads, e.g. `nginx-combined`.
  var formatID: String { get }
  /// Decode one line. `readAt` is when it was read: lines with no date of their own take it.
  func feed(_ line: LineBytes, readAt: EpochSeconds, into events: inout [Event])
  /// Emit whatever is held back (a record still waiting for traceback lines). Called after a quiet
  /// period and at end of input; also marks the end of one snapshot for whole-file formats (metrics).
  func flush(into events: inout [Event])
  var counts: LineCounts { get }
  /// What the last line fed was (`feed` sets it).
  var lastLineMark: LineMark { get }
}
