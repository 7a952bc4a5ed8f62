/// Options every decoder accepts.
public struct DecoderOptions: Sendable, Equatable {
  /// The zone of timestamps written without one (Python's default asctime, Celery, syslog,
  /// time-only RQ stamps): from config or `--tz`, inferred from the file, or the host's zone.
  public var naiveZone: NaiveZone
  /// The service this source belongs to, when config or the file name says so.
  public var service: String?
  /// Records below this level are made with their time and level only (no message, logger or
  /// fields), unless they carry an exception: sitrep's model keeps nothing else of them
  /// (`Monitor.keptLogLevel`), and building their text was most of a JSON line's cost. Readers
  /// that show every record leave it at `.debug`.
  public var recordTextFrom: LogLevel

  public init(
    naiveZone: NaiveZone = .utc, service: String? = nil, recordTextFrom: LogLevel = .debug
  ) {
    self.naiveZone = naiveZone
    self.service = service
    self.recordTextFrom = recordTextFrom
  }
}

/// A format sitrep can read: its name, the role its events play, how to recognise it and how to decode it.
public struct FormatDescriptor: Sendable {
  /// Stable id shown to users and accepted by config and `--format`: `nginx-combined`, `celery`, ...
  public var id: String
  public var role: SourceRole
  /// One line for `sitrep help formats` and the sources view.
  public var summary: String
  /// How well one sample line fits, 0 (not at all) ... 1 (certainly this format). Detection averages it.
  public var scoreLine: @Sendable (String) -> Double
  /// A decoder for one source: requests go to the sink, everything else comes back as events.
  public var makeDecoder: @Sendable (DecoderOptions, RequestSink) -> any LineDecoder

  public init(
    id: String, role: SourceRole, summary: String,
    scoreLine: @escaping @Sendable (String) -> Double,
    makeDecoder: @escaping @Sendable (DecoderOptions, RequestSink) -> any LineDecoder
  ) {
    self.id = id
    self.role = role
    self.summary = summary
    self.scoreLine = scoreLine
    self.makeDecoder = makeDecoder
  }
}

/// The outcome of format detection for one source, shown in the sources view and the JSON report.
public struct Detection: Sendable, Equatable {
  public var format: String
  public var role: SourceRole
  /// 0...1: how much of the sample the chosen format understood (and how far ahead of the runner-up).
  public var confidence: Double
  /// True when config or a flag chose the format rather than detection.
  public var forced: Bool
  /// The container or journal framing the lines arrive in (`format` is that of the lines inside).
  public var wrapper: LineWrapper?
  /// The format of a container's stderr lines when it is not `format` (which then reads stdout's).
  public var stderrFormat: String?

  public init(
    format: String, role: SourceRole, confidence: Double, forced: Bool = false,
    wrapper: LineWrapper? = nil
  ) {
    self.format = format
    self.role = role
    self.confidence = confidence
    self.forced = forced
    self.wrapper = wrapper
  }

  /// How the sources view names it: `docker-json/uvicorn` for wrapped lines, and
  /// `docker-json/uvicorn+python-logging` when stderr is read in a format of its own.
  public var label: String {
    let inner = stderrFormat.map { "\(format)+\($0)" } ?? format
    return wrapper.map { "\($0.rawValue)/\(inner)" } ?? inner
  }
}
