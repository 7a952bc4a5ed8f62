/// Docker's json-file logging driver: `{"log":"…\n","stream":"stderr","time":"…Z"}`.
///
/// `log` holds the line with its newline; one without a newline is a piece of a longer line
/// (Docker splits at 16 KiB) that the next pieces of the same stream complete.
public struct DockerJSONFrame: FrameReader {
  private var scanner = JSONKeyScanner(keys: ["log", "stream", "time"])

  public init() {}

  public mutating func read(_ line: LineBytes, content: inout [UInt8]) -> FrameReading {
    guard scanner.scan(line), let log = scanner.value(0), log.kind == .string else {
      return .malformed
    }
    content.removeAll(keepingCapacity: true)
    if log.escaped {
      JSONSpanText.unescape(line, log.range, into: &content)
    } else {
      content.append(contentsOf: line[log.range])
    }
    var frame = WrapperFrame(time: nil, stream: .other)
    if let stream = scanner.value(1), stream.kind == .string {
      frame.stream = Self.stream(stream, in: line)
    }
    if let time = scanner.value(2), time.kind == .string, !time.escaped {
      frame.time = WrapperTime.rfc3339(LineBytes(rebasing: line[time.range]))
    }
    frame.partial = content.last != 0x0A
    return .frame(frame)
  }

  static func stream(_ span: JSONSpan, in line: LineBytes) -> WrapperFrame.Stream {
    if JSONSpanText.equalsIgnoringCase(span, in: line, Array("stdout".utf8)) { return .stdout }
    if JSONSpanText.equalsIgnoringCase(span, in: line, Array("stderr".utf8)) { return .stderr }
    return .other
  }
}
