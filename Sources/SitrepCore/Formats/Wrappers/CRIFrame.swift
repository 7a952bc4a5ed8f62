/// The Kubernetes CRI log format (containerd, CRI-O): `<RFC 3339 time> <stream> <P|F> <content>`.
///
/// `P` marks a piece of a longer line, completed by the following pieces of the same stream up
/// to the one marked `F`. Content is written as is, without a newline.
public struct CRIFrame: FrameReader {
  public init() {}

  public mutating func read(_ line: LineBytes, content: inout [UInt8]) -> FrameReading {
    var c = ByteCursor(line)
    let stamp = c.readToken()
    guard let time = WrapperTime.rfc3339(LineBytes(rebasing: line[stamp])),
      c.skip(UInt8(ascii: " "))
    else { return .malformed }
    let streamRange = c.readToken()
    guard c.skip(UInt8(ascii: " ")) else { return .malformed }
    let tag = c.readToken()
    guard tag.count >= 1 else { return .malformed }
    // The tag may carry more flags after `:` in later runtimes (`F:x`); the first letter decides.
    let kind = line[tag.lowerBound]
    guard kind == UInt8(ascii: "P") || kind == UInt8(ascii: "F") else { return .malformed }
    // One space before the content; an empty line may end right after the tag.
    if c.index < line.count {
      guard c.skip(UInt8(ascii: " ")) else { return .malformed }
    }
    content.removeAll(keepingCapacity: true)
    content.append(contentsOf: line[c.index...])
    let stream = LineBytes(rebasing: line[streamRange])
    var frame = WrapperFrame(time: time, partial: kind == UInt8(ascii: "P"))
    if stream.elementsEqual("stdout".utf8) {
      frame.stream = .stdout
    } else if stream.elementsEqual("stderr".utf8) {
      frame.stream = .stderr
    } else {
      return .malformed
    }
    return .frame(frame)
  }
}
