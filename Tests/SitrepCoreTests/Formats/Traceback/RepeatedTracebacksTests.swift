import Testing

@testable import SitrepCore

/// The JSON reader's exception cache: the same bytes give the same exception without assembling
/// it again; other bytes, or bytes pushed out by newer ones, are assembled.
@Suite struct RepeatedTracebacksTests {
  static func text(_ n: Int) -> String {
    #"Traceback (most recent call last):\n  File \"/srv/app/orders.py\", line 3, in fetch\nKeyError: 'order-\#(n)'"#
  }

  func read(_ cache: inout RepeatedTracebacks, _ text: String, made: inout Int) -> ExceptionInfo? {
    var raw = text
    return raw.withUTF8 { bytes in
      cache.exception(bytes) {
        made += 1
        return JSONLogRules.exception(
          JSONSpan(kind: .string, range: 0..<bytes.count, escaped: true), in: bytes)
      }
    }
  }

  @Test func sameBytesSameExceptionAssembledOnce() throws {
    var cache = RepeatedTracebacks()
    var made = 0
    let first = try #require(read(&cache, Self.text(1), made: &made))
    #expect(first.type == "KeyError" && first.message == "'order-1'")
    #expect(first.topFrame?.function == "fetch")
    for _ in 0..<5 { #expect(read(&cache, Self.text(1), made: &made) == first) }
    #expect(made == 1)
    // Another exception of the same length is not taken for it.
    #expect(read(&cache, Self.text(2), made: &made)?.message == "'order-2'")
    #expect(made == 2)
  }

  @Test func olderEntriesArePushedOut() {
    var cache = RepeatedTracebacks()
    var made = 0
    for n in 0...RepeatedTracebacks.capacity { _ = read(&cache, Self.text(n), made: &made) }
    #expect(made == RepeatedTracebacks.capacity + 1)
    // The newest are still there; the first was pushed out.
    _ = read(&cache, Self.text(RepeatedTracebacks.capacity), made: &made)
    #expect(made == RepeatedTracebacks.capacity + 1)
    #expect(read(&cache, Self.text(0), made: &made)?.message == "'order-0'")
    #expect(made == RepeatedTracebacks.capacity + 2)
  }

  @Test func emptyAndGiantValuesAreAssembledEachTime() {
    var cache = RepeatedTracebacks()
    var made = 0
    let giant = Self.text(7) + String(repeating: "x", count: RepeatedTracebacks.maxBytes)
    for _ in 0..<2 { _ = read(&cache, giant, made: &made) }
    #expect(made == 2)
  }
}
