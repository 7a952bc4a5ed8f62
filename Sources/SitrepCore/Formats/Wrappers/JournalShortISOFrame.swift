/// `journalctl -o short-iso`: `2026-11-26T12:00:00+0000 host ident[pid]: message`.
///
/// A message of several lines (a traceback logged as one entry) goes on in lines indented to
/// where the first line's message began; `-- Boot … --` and `-- No entries --` are journalctl's
/// own notices.
public struct JournalShortISOFrame: FrameReader {
  /// Where the last frame's message began: the indent of its continuation lines.
  private var indent: Int?
  private var last = WrapperFrame(time: nil)

  public init() {}

  public mutating func read(_ line: LineBytes, content: inout [UInt8]) -> FrameReading {
    if line.count >= 2, line[0] == UInt8(ascii: "-"), line[1] == UInt8(ascii: "-") {
      indent = nil
      return .notice
    }
    if let indent, line.count > 0, line[0] == UInt8(ascii: " ") {
      // A continuation: the indent is journalctl's; what follows keeps its own spaces.
      var start = 0
      while start < min(indent, line.count), line[start] == UInt8(ascii: " ") { start += 1 }
      content.removeAll(keepingCapacity: true)
      content.append(contentsOf: line[start...])
      return .frame(last)
    }
    var c = ByteCursor(line)
    let stamp = c.readToken()
    guard let time = WrapperTime.rfc3339(LineBytes(rebasing: line[stamp])),
      c.skip(UInt8(ascii: " "))
    else { return .malformed }
    let host = c.readToken()
    guard !host.isEmpty, c.skip(UInt8(ascii: " ")) else { return .malformed }
    // `ident[pid]:` or `ident:`, one token: a colon further on is the message's, not a frame's.
    let token = c.readToken()
    guard token.count >= 2, line[token.upperBound - 1] == UInt8(ascii: ":") else {
      return .malformed
    }
    let identStart = token.lowerBound
    var identEnd = token.upperBound - 1
    if line[identEnd - 1] == UInt8(ascii: "]"),
      let open = line[identStart..<identEnd].lastIndex(of: UInt8(ascii: "["))
    {
      identEnd = open
    }
    c.skip(UInt8(ascii: " "))
    content.removeAll(keepingCapacity: true)
    content.append(contentsOf: line[c.index...])
    indent = c.index
    last = WrapperFrame(time: time, identifier: ByteClass.string(line, identStart..<identEnd))
    return .frame(last)
  }
}
