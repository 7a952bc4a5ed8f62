import Foundation
import Testing

@testable import SitrepCore

/// Bulk reads must cut exactly the lines `LineSplitter` cuts, wherever the chunk edges fall and
/// however many threads read.
@Suite struct ChunkedLineReaderTests {
  /// Lines that test every rule: empty lines, CRLF, over-long lines (with and without CR), NUL,
  /// invalid UTF-8, a line of exactly the limit, and a stray CR inside a line.
  static let content: [UInt8] = {
    var lines: [[UInt8]] = [
      Array("first".utf8), [], Array("crlf line\r".utf8), Array(repeating: 0x61, count: 20),
      Array(repeating: 0x62, count: 21), Array(repeating: 0x63, count: 57) + [0x0D],
      Array("nul\u{0}byte".utf8), [0x66, 0xFF, 0xFE, 0x67], Array("café ünïcode".utf8),
      Array("cr\rinside".utf8), [], [], Array(repeating: 0x64, count: 200), Array("last".utf8),
    ]
    for i in 0..<40 {
      lines.append(Array("line \(i) \(String(repeating: "x", count: i % 23))".utf8))
    }
    return lines.flatMap { $0 + [0x0A] }
  }()

  struct Cut: Equatable {
    var bytes: [UInt8]
    var flags: LineFlags
  }

  /// What the line-by-line reader makes of the same bytes.
  static func reference(maxLineBytes: Int) -> [Cut] {
    let splitter = LineSplitter(maxLineBytes: maxLineBytes, chunkBytes: 1 << 16)
    var cuts: [Cut] = []
    let space = splitter.readSpace
    content.withUnsafeBufferPointer { space.pointer.update(from: $0.baseAddress!, count: $0.count) }
    splitter.consume(content.count) { cuts.append(Cut(bytes: Array($0), flags: $1)) }
    return cuts
  }

  final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var chunks: [Int: [Cut]] = [:]
    private var lanes: [Int: Set<Int>] = [:]

    func add(lane: Int, chunk: Int, _ cuts: [Cut]) {
      lock.lock()
      defer { lock.unlock() }
      chunks[chunk] = cuts
      lanes[lane, default: []].insert(chunk)
    }

    var inOrder: [Cut] { chunks.keys.sorted().flatMap { chunks[$0]! } }
    var lanesUsed: Int { lanes.count }
  }

  static func writeContent() throws -> (String, Int32) {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "sitrep-chunks-\(UUID().uuidString).log"
    ).path
    try Data(content).write(to: URL(fileURLWithPath: path))
    return (path, open(path, O_RDONLY))
  }

  @Test(arguments: [1, 2, 3, 5, 8, 13, 21, 64, 4096])
  func cutsTheSameLinesAsTheSplitter(chunkBytes: Int) throws {
    let (path, descriptor) = try Self.writeContent()
    defer {
      close(descriptor)
      try? FileManager.default.removeItem(atPath: path)
    }
    let expected = Self.reference(maxLineBytes: 20)
    for lanes in [1, 2, 3] {
      let reader = ChunkedLineReader(
        descriptor: descriptor, range: 0..<Self.content.count, maxLineBytes: 20,
        chunkBytes: chunkBytes, lanes: lanes)
      let collected = Collected()
      let totals = reader.read { lane, chunk, bytes, lines in
        collected.add(
          lane: lane, chunk: chunk,
          lines.map {
            Cut(
              bytes: Array(UnsafeBufferPointer(start: bytes + $0.start, count: $0.count)),
              flags: $0.flags)
          })
      }
      #expect(collected.inOrder == expected, "chunk \(chunkBytes), lanes \(lanes)")
      #expect(totals.lines == expected.count)
      #expect(totals.truncated == expected.filter { $0.flags.contains(.truncated) }.count)
      #expect(totals.nul == 1)
      #expect(totals.invalidUTF8 == 1)
      #expect(totals.error == nil)
      // Chunks go to whichever lane is free, so a fast lane may take them all.
      #expect(collected.lanesUsed >= 1 && collected.lanesUsed <= reader.lanes)
    }
  }

  @Test func findsTheEndOfTheLastCompleteLine() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "sitrep-tail-\(UUID().uuidString).log"
    ).path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let text = "a\nbb\n" + String(repeating: "z", count: 70_000)
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    let descriptor = open(path, O_RDONLY)
    defer { close(descriptor) }
    let size = text.utf8.count
    #expect(ChunkedLineReader.lastLineEnd(descriptor: descriptor, start: 0, end: size) == 5)
    #expect(ChunkedLineReader.lastLineEnd(descriptor: descriptor, start: 5, end: size) == nil)
    #expect(ChunkedLineReader.lastLineEnd(descriptor: descriptor, start: 0, end: 2) == 2)
  }

  @Test func reportsAFileThatShrankUnderIt() throws {
    let (path, descriptor) = try Self.writeContent()
    defer {
      close(descriptor)
      try? FileManager.default.removeItem(atPath: path)
    }
    let reader = ChunkedLineReader(
      descriptor: descriptor, range: 0..<(Self.content.count + 100), maxLineBytes: 20,
      chunkBytes: 64, lanes: 2)
    let totals = reader.read { _, _, _, _ in }
    #expect(totals.error != nil)
  }
}

@Suite struct PlainASCIICheckTests {
  /// A NUL or a byte above 0x7F is found wherever it sits: in a 16-byte block, past a 4 kB check
  /// point, or in the tail.
  @Test func findsAnOddByteAtEveryPosition() {
    for length in [0, 1, 15, 16, 17, 33, 4095, 4096, 4097, 5000] {
      var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
      #expect(
        bytes.withUnsafeBufferPointer {
          LineContentScanner.isPlainASCII($0.baseAddress!, count: length)
        } || length == 0)
      let positions =
        length < 40 ? Array(0..<length) : [0, 15, 16, length / 2, length - 17, length - 1]
      for position in positions {
        for odd: UInt8 in [0x00, 0x80, 0xFF] {
          bytes[position] = odd
          let plain = bytes.withUnsafeBufferPointer {
            LineContentScanner.isPlainASCII($0.baseAddress!, count: length)
          }
          #expect(!plain, "length \(length), byte \(odd) at \(position)")
          bytes[position] = UInt8(ascii: "a")
        }
      }
    }
  }
}
