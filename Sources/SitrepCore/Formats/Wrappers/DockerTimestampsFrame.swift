/// `docker logs --timestamps`: `<RFC 3339 time, nanoseconds> <the line as the container wrote
/// it>`. Only a `docker:NAME` source says its lines come so; detection never guesses it, since
/// many programs start their own lines with the same stamp.
public struct DockerTimestampsFrame: FrameReader {
  public init() {}

  public mutating func read(_ line: LineBytes, content: inout [UInt8]) -> FrameReading {
    var c = ByteCursor(line)
    let stamp = c.readToken()
    guard let time = WrapperTime.rfc3339(LineBytes(rebasing: line[stamp])) else {
      return .malformed
    }
    content.removeAll(keepingCapacity: true)
    if c.index < line.count {
      guard c.skip(UInt8(ascii: " ")) else { return .malformed }
      content.append(contentsOf: line[c.index...])
    }
    return .frame(WrapperFrame(time: time))
  }
}
