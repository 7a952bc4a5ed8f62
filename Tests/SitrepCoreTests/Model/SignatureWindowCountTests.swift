import Testing

@testable import SitrepCore

/// The windowed count of a signature is exact past the bounded list of kept times (issue 19:
/// 1,000 identical tracebacks showed 200x).
@Suite struct SignatureWindowCountTests {
  let boom = ExceptionInfo(type: "KeyError", message: "'sku'")

  @Test func aThousandIdenticalTracebacksCountAThousand() {
    var sigs = ErrorSignatures()
    for i in 0..<1000 { sigs.record(boom, at: 10_000 + Double(i) * 0.1, origin: ErrorOrigin()) }
    let sig = sigs.byKey.values.first!
    #expect(sig.recent.count == ErrorSignatures.maxRecent)
    #expect(sig.count == 1000)
    #expect(sig.count(since: 10_000 - 300) == 1000)
    // A window starting inside the run counts from there (by whole seconds past the kept times).
    #expect(sig.count(since: 10_050) == 500)
    // Inside the kept times: exact to the occurrence.
    #expect(sig.count(since: 10_095.05) == 49)
    #expect(sigs.active(since: 10_000 - 300).first.map { $0.count(since: 10_000 - 300) } == 1000)
  }

  @Test func aDeployComparisonCountsEveryOccurrenceBeforeIt() {
    var sigs = ErrorSignatures()
    for i in 0..<600 { sigs.record(boom, at: 5_000 + Double(i), origin: ErrorOrigin()) }
    let sig = sigs.byKey.values.first!
    #expect(sig.count(from: 5_000, through: 5_299) == 300)
    #expect(sig.count(from: 5_000, through: 5_599) == 600)
  }

  @Test func secondsOlderThanTheHorizonAreDropped() {
    var counts = OccurrenceSeconds()
    for i in 0..<10_000 { counts.add(at: Double(i)) }
    let oldest = counts.oldest ?? 0
    #expect(oldest >= Double(9_999 - OccurrenceSeconds.horizonSeconds - 256))
    #expect(counts.count(from: 9_000, through: 9_999) == 1000)
    // A late line lands in its second.
    counts.add(at: 9_500.5)
    #expect(counts.count(from: 9_500, through: 9_500.9) == 2)
  }
}
