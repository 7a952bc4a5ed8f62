/// Plain messages inside a journal wrapper, when the sample's inner lines fit no format: most
/// services under systemd write unstructured lines and leave severity and name to the journal.
/// Each line is a record at the journal's PRIORITY (INFO without one), named by its identifier;
/// traceback lines after a record join it.
public final class WrappedMessageDecoder: SourceDecoder, WrapperFrameAware {
  public static let messageFormatID = "message"
  public var formatID: String { Self.messageFormatID }
  public var wrapperFrame: WrapperFrame?
  public var counts: DecodeCounts { tally.counts }

  private var hold = RecordHold()
  private var tally = DecodeTally()

  public init() {}

  public func feed(_ line: LineBytes, readAt: EpochSeconds, into events: inout [Event]) {
    let text = TextSanitizer.display(line)
    switch hold.continuation(text) {
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
      return
    }
    let record = LogRecord(
      time: readAt, level: wrapperFrame?.level ?? .info, logger: wrapperFrame?.identifier,
      message: text)
    hold.hold(.log(record), releasingInto: &events)
    tally.parsed()
  }

  public func flush(into events: inout [Event]) { hold.release(into: &events) }
}
