import Testing

@testable import SitrepCore

/// The slowest list must be exactly "the 30 slowest of each ten-minute slot still within the hour",
/// whatever shortcuts decide which requests are worth building in full.
@Suite struct SlowestRequestsTests {
  @Test func keepsTheSlowestOfEachSlotAsABruteForceWould() {
    var rng = SplitMix64(seed: 21)
    var tracker = ServiceTracker(name: "api")
    var all: [Request] = []
    var t: EpochSeconds = 1_795_000_000
    for n in 0..<40_000 {
      // Two hours; durations on a coarse grid so ties happen; now and then a late line.
      t += Double(rng.next() % 400) / 1000
      let late = n % 97 == 0 ? Double(rng.next() % 900) : 0
      let r = Request(
        time: t - late, method: "GET", path: "/p\(n % 13)", route: "/p\(n % 13)",
        status: 200, durationMs: Double(rng.next() % 300) * 5, client: "10.0.0.\(n % 7)")
      all.append(r)
      tracker.record(r)
    }
    let slot = { (r: Request) in Int64((r.time / SlowestRequests.slotSeconds).rounded(.down)) }
    let newest = all.map(slot).max()!
    let kept = Int64((3600 / SlowestRequests.slotSeconds).rounded(.up)) + 1
    var expected: [Request] = []
    for s in (newest - kept + 1)...newest {
      let inSlot = all.filter { slot($0) == s }.sorted { SlowestRequests.ranksBelow($1, $0) }
      expected += inSlot.prefix(30)
    }
    let order = { (x: Request, y: Request) in SlowestRequests.ranksBelow(x, y) }
    #expect(tracker.slowest.items.sorted(by: order) == expected.sorted(by: order))
    #expect(expected.count == 30 * Int(kept))
  }
}
