import Testing

@testable import SitrepCore

/// Feeds bytes through a splitter in chunks of a given size, collecting lines and flags.
private func split(
  _ bytes: [UInt8], chunk: Int = 1 << 20, maxLineBytes: Int = 65536, flush: Bool = false
) -> [(String, LineFlags)] {
  let splitter = LineSplitter(maxLineBytes: maxLineBytes, chunkBytes: max(chunk, 1))
  var result: [(String, LineFlags)] = []
  let collect: (LineBytes, LineFlags) -> Void = { line, flags in
    result.append((String(decoding: line, as: UTF8.self), flags))
  }
  var index = 0
  while index < bytes.count {
    let space = splitter.readSpace
    let count = min(space.count, chunk, bytes.count - index)
    for offset in 0..<count { space.pointer[offset] = bytes[index + offset] }
    splitter.consume(count, emit: collect)
    index += count
  }
  if flush { splitter.flushPartialLine(emit: collect) }
  return result
}

@Suite struct LineSplitterTests {
  @Test func splitsOnNewlinesAcrossChunkBoundaries() {
    let text = Array("alpha\nbeta\ngamma delta\n".utf8)
    for chunk in [1, 2, 3, 7, 100] {
      #expect(split(text, chunk: chunk).map(\.0) == ["alpha", "beta", "gamma delta"])
    }
  }

  @Test func stripsTrailingCarriageReturnOnly() {
    let lines = split(Array("one\r\ntwo\rthree\r\n\r\n".utf8), chunk: 2)
    #expect(lines.map(\.0) == ["one", "two\rthree", ""])
    #expect(lines.allSatisfy { $0.1.isEmpty })
  }

  @Test func holdsPartialLineUntilFlushed() {
    #expect(split(Array("done\nhalf".utf8)).map(\.0) == ["done"])
    let flushed = split(Array("done\nhalf".utf8), flush: true)
    #expect(flushed.map(\.0) == ["done", "half"])
    #expect(flushed[1].1 == .partial)
  }

  @Test func cutsLongLinesAndSkipsTheirRest() {
    let long = String(repeating: "x", count: 50)
    for chunk in [4, 16, 1000] {
      let lines = split(Array("a\n\(long)\nb\n".utf8), chunk: chunk, maxLineBytes: 10)
      #expect(lines.map(\.0) == ["a", String(repeating: "x", count: 10), "b"])
      #expect(lines.map(\.1) == [[], .truncated, []])
    }
  }

  @Test func lineOfExactlyTheCapIsNotTruncated() {
    let lines = split(Array("0123456789\n".utf8), chunk: 3, maxLineBytes: 10)
    #expect(lines.map(\.0) == ["0123456789"])
    #expect(lines[0].1.isEmpty)
  }

  @Test func flagsNulAndInvalidUTF8ButPassesBytesThrough() {
    let bytes: [UInt8] =
      Array("ok\n".utf8) + [0x61, 0x00, 0x62, 0x0A] + [0x63, 0xFF, 0x0A]
      + Array("caf\u{E9} \u{1F600}\n".utf8) + [0xED, 0xA0, 0x80, 0x0A] + [0xC0, 0xAF, 0x0A]
    let lines = split(bytes)
    #expect(lines.map(\.1) == [[], .nul, .invalidUTF8, [], .invalidUTF8, .invalidUTF8])
    #expect(lines[1].0.utf8.count == 3)
  }

  @Test func scannerFindsNulAfterLongAsciiPrefix() {
    var bytes = Array(String(repeating: "abcdefgh", count: 5).utf8)
    bytes.insert(0, at: 37)
    let flags = bytes.withUnsafeBufferPointer {
      LineContentScanner.flags($0.baseAddress!, count: $0.count)
    }
    #expect(flags == .nul)
  }
}
