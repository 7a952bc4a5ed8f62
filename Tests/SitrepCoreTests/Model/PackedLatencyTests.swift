import Foundation
import Testing

@testable import SitrepCore

/// A full latency bucket that time has moved past is packed: it answers exactly as before, takes a
/// tenth of the memory, and is unpacked when a late line writes to it (issue 19: the soak's memory
/// grew for 80 minutes with full 10 kB buckets).
@Suite struct PackedLatencyTests {
  static let percentiles = [0.0, 1, 50, 90, 95, 99, 99.9, 100]

  /// Latencies with a long tail (mostly tens of ms, a few seconds), `count` of them.
  static func histogram(_ count: Int, seed: UInt64, scale: Double = 1) -> LatencyHistogram {
    var rng = SplitMix64(seed: seed)
    var h = LatencyHistogram()
    for _ in 0..<count {
      let u = Double(rng.next() % 1_000_000 + 1) / 1_000_001
      h.record(ms: -log(u) * 50 * scale)
    }
    return h
  }

  static func answers(_ h: LatencyHistogram) -> [Double?] {
    h.valuesMs(atPercentiles: percentiles) + [Double(h.count)]
      + [200, 1000, 5000].map { Double(h.countAbove(ms: $0)) }
  }

  /// Counts needing one, two and four bytes each all read back the same.
  @Test(arguments: [(200, 1.0), (30_000, 1.0), (200_000, 0.01)])
  func aPackedBucketAnswersAsBefore(count: Int, scale: Double) {
    let before = Self.histogram(count, seed: 7, scale: scale)
    var packed = before
    packed.pack()
    #expect(packed.isPacked)
    #expect(Self.answers(packed) == Self.answers(before))
  }

  @Test func aBusyBucketPackedTakesAFractionOfItsMemory() {
    var h = Self.histogram(8_000, seed: 3)
    let full = h.countBytes
    h.pack()
    #expect(full == DenseLayout.countsLength * 4)
    #expect(h.countBytes * 5 < full, "\(h.countBytes) bytes packed of \(full)")
  }

  /// Merging a packed bucket into a window, and a late line into a packed bucket, give what the
  /// same values recorded without packing give.
  @Test func mergesAndLateWritesAreExact() {
    let a = Self.histogram(5_000, seed: 1)
    let b = Self.histogram(3_000, seed: 2, scale: 3)
    var packedB = b
    packedB.pack()
    var window = a
    window.add(packedB)
    var reference = a
    reference.add(b)
    #expect(Self.answers(window) == Self.answers(reference))

    var packedA = a
    packedA.pack()
    packedA.add(b)
    #expect(Self.answers(packedA) == Self.answers(reference))

    var late = packedB
    late.record(ms: 4_321)
    var plain = b
    plain.record(ms: 4_321)
    #expect(!late.isPacked)
    #expect(Self.answers(late) == Self.answers(plain))
  }

  /// A bucket of raw values (a quiet route's minute) has nothing to pack and stays as it is.
  @Test func aBucketOfRawValuesStaysRaw() {
    var h = Self.histogram(40, seed: 9)
    let before = Self.answers(h)
    h.pack()
    #expect(!h.isPacked)
    #expect(Self.answers(h) == before)
  }
}

/// The ring seals each bucket once lines have moved on from it, keeping the newest few open.
@Suite struct SealedRingTests {
  static func ring() -> BucketRing<RequestBucket> {
    BucketRing(slotSeconds: 10, slotCount: 20, make: { RequestBucket() }, seal: { $0.seal() })
  }

  static func fill(_ ring: inout BucketRing<RequestBucket>, slots: Range<Int>, perSlot: Int) {
    for slot in slots {
      for n in 0..<perSlot {
        let time = Double(slot) * 10 + Double(n) / Double(perSlot) * 9.9
        ring.update(at: time) { $0.record(status: 200, durationMs: Double(n % 900) + 0.5) }
      }
    }
  }

  static func packed(_ ring: BucketRing<RequestBucket>) -> [Int64: Bool] {
    var out: [Int64: Bool] = [:]
    ring.forEach(from: 0, to: 120) { slot, bucket in out[slot] = bucket.latency.isPacked }
    return out
  }

  @Test func allButTheNewestThreeBucketsArePacked() {
    var ring = Self.ring()
    Self.fill(&ring, slots: 0..<12, perSlot: 500)
    let state = Self.packed(ring)
    #expect(state.count == 12)
    #expect(state.filter(\.value).keys.sorted() == Array(0..<9))
  }

  /// A line for a bucket already packed (a second file of the service, read after the first)
  /// lands in it exactly, and the ring packs it again when lines move on.
  @Test func lateLinesLandInPackedBucketsAndTheyArePackedAgain() {
    var ring = Self.ring()
    var reference = BucketRing<RequestBucket>(
      slotSeconds: 10, slotCount: 20, make: { RequestBucket() })
    Self.fill(&ring, slots: 0..<12, perSlot: 500)
    Self.fill(&reference, slots: 0..<12, perSlot: 500)
    Self.fill(&ring, slots: 0..<12, perSlot: 300)
    Self.fill(&reference, slots: 0..<12, perSlot: 300)
    #expect(Self.packed(ring).filter(\.value).count == 9)
    var mine: [Int64: [Double?]] = [:]
    var theirs: [Int64: [Double?]] = [:]
    ring.forEach(from: 0, to: 120) { mine[$0] = PackedLatencyTests.answers($1.latency) }
    reference.forEach(from: 0, to: 120) { theirs[$0] = PackedLatencyTests.answers($1.latency) }
    #expect(mine == theirs)
  }

  /// Lanes read in parallel are merged into one ring: all but its newest buckets are packed.
  @Test func aMergedRingIsPacked() {
    var left = Self.ring()
    var right = Self.ring()
    Self.fill(&left, slots: 0..<6, perSlot: 400)
    Self.fill(&right, slots: 6..<12, perSlot: 400)
    for slot in 0..<4 {
      right.update(at: Double(slot) * 10 + 1) { $0.record(status: 500, durationMs: 2) }
    }
    left.absorb(right) { $0.add($1) }
    let state = Self.packed(left)
    #expect(state.count == 12)
    #expect((0..<9).allSatisfy { state[Int64($0)] == true })
  }
}
