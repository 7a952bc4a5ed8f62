/// Reads a wrapped source (Docker json-file, CRI, journald exports): takes each line out of its
/// wrapper, joins split pieces, and gives the inner line to the decoder of the inner format, with
/// the wrapper's time as the time a line without its own is stamped with.
///
/// Counts: a wrapper line that is not a frame is malformed here, a wrapper notice ignored, a piece
/// that only joined a line still open parsed; complete lines are counted by the inner decoder.
/// A wrapper line holding several lines (a journal message with a traceback) is counted once.
///
/// A container's two streams are two programs' worth of lines interleaved (uvicorn's access lines on
/// stdout, the app's records and tracebacks on stderr): stderr lines go to a decoder of their own
/// (`stderrInner`), so each stream keeps its own traceback hold and may be read in its own format.
public final class UnwrappingDecoder: LineDecoder {
  public let wrapper: LineWrapper
  public let inner: any LineDecoder
  /// The decoder of stderr lines, when the wrapper tells the streams apart.
  public let stderrInner: (any LineDecoder)?
  private var reader: any FrameReader
  private var joiner: PartialLineJoiner
  private var content: [UInt8] = []
  private var tally = LineTally()
  /// Lines given to the inner decoder beyond one per wrapper line, taken off its parsed count.
  private var extraLines = 0
  private let frameAware: (any WrapperFrameAware)?
  /// When the last line was read: the stamp of a line still open at a flush without a time.
  private var lastReadAt: EpochSeconds = 0
  /// The decoder the last line was handed to, whose mark then stands for it.
  private var lastInside: (any LineDecoder)?
  public var lastLineMark: LineMark { lastInside?.lastLineMark ?? .plain }

  public init(
    wrapper: LineWrapper, inner: any LineDecoder, stderrInner: (any LineDecoder)? = nil,
    joinLimit: Int = PartialLineJoiner.defaultLimit
  ) {
    self.wrapper = wrapper
    self.inner = inner
    self.stderrInner = stderrInner
    reader = wrapper.makeReader()
    joiner = PartialLineJoiner(limit: joinLimit)
    frameAware = inner as? any WrapperFrameAware
  }

  public var formatID: String {
    guard let stderrInner, stderrInner.formatID != inner.formatID else {
      return "\(wrapper.rawValue)/\(inner.formatID)"
    }
    return "\(wrapper.rawValue)/\(inner.formatID)+\(stderrInner.formatID)"
  }

  public var counts: LineCounts {
    var c = inner.counts
    if let stderrInner { c.add(stderrInner.counts) }
    let own = tally.counts
    c.parsed += own.parsed - extraLines
    c.ignored += own.ignored
    c.malformed += own.malformed
    c.truncated += joiner.truncated
    c.recentMalformed = Array(
      (own.recentMalformed + c.recentMalformed).suffix(LineTally.keptMalformed))
    return c
  }

  public func feed(_ line: LineBytes, readAt: EpochSeconds, into events: inout [Event]) {
    lastReadAt = readAt
    lastInside = nil
    if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
      tally.ignored()
      return
    }
    switch reader.read(line, content: &content) {
    case .malformed: tally.malformed(line)
    case .notice: tally.ignored()
    case .frame(let frame):
      let delivered = joiner.add(content, frame: frame) { bytes, first in
        deliver(bytes, first, readAt: readAt, into: &events)
      }
      if delivered == nil { tally.parsed() }
    }
  }

  public func flush(into events: inout [Event]) {
    var held: [([UInt8], WrapperFrame)] = []
    joiner.drain { bytes, frame in held.append((Array(bytes), frame)) }
    for (bytes, frame) in held {
      // A line still open is handed over as it stands; its last piece was counted as joined.
      extraLines += 1
      bytes.withUnsafeBufferPointer { deliver($0, frame, readAt: lastReadAt, into: &events) }
    }
    inner.flush(into: &events)
    stderrInner?.flush(into: &events)
  }

  /// Gives one whole inner line (or each line of a multi-line message) to the inner decoder.
  private func deliver(
    _ bytes: LineBytes, _ frame: WrapperFrame, readAt: EpochSeconds, into events: inout [Event]
  ) {
    frameAware?.wrapperFrame = frame
    let decoder = frame.stream == .stderr ? stderrInner ?? inner : inner
    lastInside = decoder
    let time = frame.time ?? readAt
    var lines = 0
    WrapperLines.forEachLine(in: bytes) { line in
      lines += 1
      decoder.feed(line, readAt: time, into: &events)
    }
    extraLines += lines - 1
  }
}

/// An inner decoder that reads what the wrapper said of a line (the journal's priority and
/// identifier) when the line says nothing of it.
public protocol WrapperFrameAware: AnyObject {
  var wrapperFrame: WrapperFrame? { get set }
}

/// Splitting what a wrapper held into lines.
public enum WrapperLines {
  /// Each line of `bytes` without its `\n` or `\r\n`; the newline ending the last is not a line
  /// of its own. An empty message is one empty line.
  public static func forEachLine(in bytes: LineBytes, _ body: (LineBytes) -> Void) {
    var end = bytes.count
    if end > 0, bytes[end - 1] == 0x0A { end -= 1 }
    var start = 0
    while true {
      var stop = start
      while stop < end, bytes[stop] != 0x0A { stop += 1 }
      var lineEnd = stop
      if lineEnd > start, bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
      body(LineBytes(rebasing: bytes[start..<lineEnd]))
      guard stop < end else { return }
      start = stop + 1
    }
  }
}
