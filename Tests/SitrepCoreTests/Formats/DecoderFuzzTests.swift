import Testing

@testable import SitrepCore

/// Random and mutated lines through every decoder: nothing traps, every line is counted once.
@Suite struct DecoderFuzzTests {
  @Test func everyDecoderCountsEveryLineOnce() throws {
    let lines = try FuzzSupport.corpus(count: 20_000)
    for descriptor in FormatCatalog.all {
      FuzzSupport.expectEveryLineCountedOnce(lines, by: descriptor, label: descriptor.id)
    }
  }

  @Test func scoringNeverTrapsAndStaysInRange() throws {
    let lines = try FuzzSupport.corpus(count: 2_000).map { String(decoding: $0, as: UTF8.self) }
    for descriptor in FormatCatalog.all {
      for line in lines {
        let s = descriptor.scoreLine(line)
        #expect(s >= 0 && s <= 1)
      }
    }
    // Detection over the mangled corpus may or may not claim a format; what it claims is real.
    if let detection = FormatCatalog.detect(sample: lines) {
      #expect((0...1).contains(detection.confidence))
      #expect(FormatCatalog.descriptor(id: detection.format) != nil)
    }
  }
}
