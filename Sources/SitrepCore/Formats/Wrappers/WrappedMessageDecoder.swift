/// Plain messages inside a journal wrapper, when the sample's inner lines fit no format: most
/// services under systemd write unstructured lines and leave severity and name to the journal.
/// Each line is a record at the journal's PRIORITY (INFO without one), named by its identifier;
/// traceback lines after a record join it.
public final class WrappedMessageDecoder: LineDecoder, WrapperFrameAware {
  public static let messageFormatID = "message"
  public var formatID: String { Self.messageFormatID }
  public var wrapperFrame: WrapperFrame?
  public var counts: LineCounts { tally.counts }

  private var hold = RecordHold()
  private var tally = LineTally()
  public private(set) var lastLineMark = LineMark.plain

  public init() {}

  public static let descriptor = FormatDescriptor(
    id: messageFormatID, role: .app,
    summary: "plain messages in a journal export, at the journal's PRIORITY (wrapped only)",
    scoreLine: { _ in 0 }, makeDecoder: { _, _ in WrappedMessageDecoder() })

  public func feed(_ line: LineBytes, readAt: EpochSeconds, into events: inout [Event]) {
    let text = TextSanitizer.display(line)
    let answer = hold.continuation(text)
    lastLineMark = hold.mark(ofContinuation: answer)
    switch answer {
    case .parsed:
      tally.parsed()
      return
    case .ignored:
      tally.ignored()
      return
    case nil: break
    }
    guard !text.isEmpty else {
      tally.ignored()
      lastLineMark = .plain
      return
    }
    let record = LogRecord(
      time: readAt, level: wrapperFrame?.level ?? .info, logger: wrapperFrame?.identifier,
      message: text)
    hold.hold(.log(record), releasingInto: &events)
    lastLineMark = RecordHold.mark(of: .log(record))
    tally.parsed()
  }

  public func flush(into events: inout [Event]) { hold.release(into: &events) }
}
