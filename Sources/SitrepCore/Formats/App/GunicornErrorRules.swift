/// gunicorn's error log: `[2026-11-24 14:00:00 +0000] [4100] [INFO] message`.
///
/// Every line is a log record (`WORKER TIMEOUT` is CRITICAL as gunicorn prints it). Worker boots
/// and "Application startup complete." also mean the server restarted, but a restart boots
/// every worker: one restart is emitted per burst, i.e. only when none was emitted in the
/// previous 30 seconds (of log time).
public struct GunicornErrorRules: LineRules {
  let options: DecoderOptions
  private var lastRestart: EpochSeconds?
  public static let restartBurstSeconds: Double = 30

  public init(options: DecoderOptions) { self.options = options }

  public static let descriptor = FormatDescriptor(
    id: "gunicorn-error", role: .app,
    summary: "gunicorn error log; worker boots become one restart per burst",
    scoreLine: { line in
      line.withLineBytes { bytes in
        guard header(bytes, naiveZone: 0) != nil else { return 0 }
        // Hypercorn's access records wear the same prefix: they are requests, not records.
        var stamps = RepeatedStampCache()
        let request = HypercornRules.accessLine(bytes, naiveZone: 0, stamps: &stamps)
        return request == nil ? 1 : 0.5
      }
    },
    makeDecoder: { options, sink in
      HoldingDecoder(
        formatID: "gunicorn-error", rules: GunicornErrorRules(options: options), requests: sink)
    })

  public mutating func outcome(for line: String, readAt: EpochSeconds) -> LineOutcome? {
    guard
      let record = line.withLineBytes({ Self.header($0, naiveZone: options.naiveZone) })
    else { return nil }
    var emit: [Event] = []
    let restartLike =
      record.message.hasPrefix("Booting worker with pid")
      || record.message.hasPrefix("Application startup complete")
    if restartLike {
      if let last = lastRestart, abs(record.time - last) <= Self.restartBurstSeconds {
        // Same burst: the restart was already reported.
      } else {
        emit.append(
          .deploy(DeployEvent(time: record.time, kind: .restart, service: options.service)))
        lastRestart = record.time
      }
    }
    return LineOutcome(hold: .log(record), emit: emit)
  }

  /// `[time] [pid] [LEVEL] message`; the pid field is optional in some versions' formats.
  static func header(_ bytes: LineBytes, naiveZone: NaiveZone) -> LogRecord? {
    var c = ByteCursor(bytes)
    guard c.skip(UInt8(ascii: "[")),
      let time = TimestampParser.iso8601(&c, naiveZone: naiveZone), c.skip(UInt8(ascii: "]")),
      c.skipSpaces() > 0
    else { return nil }
    if c.skip(UInt8(ascii: "[")) {
      guard c.readInt(maxDigits: 10) != nil, c.skip(UInt8(ascii: "]")) else { return nil }
      c.skipSpaces()
    }
    guard c.skip(UInt8(ascii: "[")) else { return nil }
    let levelRange = c.read { ByteClass.isAlpha($0) }
    guard let level = PythonLoggingRules.levelWord(c, levelRange), c.skip(UInt8(ascii: "]")) else {
      return nil
    }
    c.skipSpaces()
    return LogRecord(time: time, level: level, logger: "gunicorn.error", message: c.string(c.rest))
  }
}
