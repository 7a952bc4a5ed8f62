import Foundation
import Histogram
import Testing

@testable import SitrepCore

/// The caches and tables of the access-log fast path: each must give what the slow path gives.
@Suite struct FastPathTests {
  func withLine<T>(_ text: String, _ body: (LineBytes) -> T) -> T {
    Array(text.utf8).withUnsafeBufferPointer(body)
  }

  func stamp(_ text: String, _ cache: inout RepeatedStampCache) -> (EpochSeconds?, Int) {
    Array(text.utf8).withUnsafeBufferPointer { bytes in
      var c = ByteCursor(bytes)
      let t = cache.stamp(&c) { TimestampParser.clf(&$0, naiveZone: 0) }
      return (t, c.index)
    }
  }

  @Test func aRepeatedStampGivesTheSameTimeAndPosition() {
    var cache = RepeatedStampCache()
    let line = "18/Nov/2026:11:06:40 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"-\""
    let first = stamp(line, &cache)
    let again = stamp(line.replacingOccurrences(of: "GET /", with: "POST /x"), &cache)
    #expect(first.0 == 1_795_000_000)
    #expect(again.0 == first.0 && again.1 == first.1 && first.1 == 26)
    let next = stamp(line.replacingOccurrences(of: ":40 ", with: ":41 "), &cache)
    #expect(next.0 == 1_795_000_001)
  }

  @Test func aStampThatOnlyStartsTheSameIsParsedAgain() {
    var cache = RepeatedStampCache()
    let plain = "18/Nov/2026:11:06:40] and then enough bytes to fill the window"
    let longer = "18/Nov/2026:11:06:40.5] and then enough bytes to fill the window"
    let a = stamp(plain, &cache)
    let b = stamp(longer, &cache)
    #expect(a.0 == 1_795_000_000 && a.1 == 20)
    #expect(b.0 == 1_795_000_000.5 && b.1 == 22)
  }

  @Test func shortLinesStillParse() {
    var cache = RepeatedStampCache()
    #expect(stamp("18/Nov/2026:11:06:40", &cache).0 == 1_795_000_000)
    #expect(stamp("18/Nov/2026:11:06:41", &cache).0 == 1_795_000_001)
  }

  func id(_ interner: RouteInterner, _ method: String, _ path: String) -> Int {
    withLine(method) { m in withLine(path) { p in interner.id(method: m, path: p) } }
  }

  @Test func theInternerNumbersRoutesNotPaths() {
    let interner = RouteInterner()
    let a = id(interner, "GET", "/api/orders/1842")
    let b = id(interner, "GET", "/api/orders/77?x=1")
    let c = id(interner, "POST", "/api/orders/77")
    let again = id(interner, "GET", "/api/orders/1842")
    #expect(a == b && a == again && a != c)
    #expect(interner.keys[a] == ServiceTracker.RouteKey(method: "GET", route: "/api/orders/:id"))
    #expect(interner.keys[c].label == "POST /api/orders/:id")
    let unparsed = interner.unparsedID()
    #expect(interner.keys[unparsed].label == "- -")
  }

  @Test func theInternerAgreesWithRouteTemplateAcrossManyPaths() {
    let interner = RouteInterner()
    let paths = [
      "/", "/static/app.3f9a.js", "/assets/x/y", "/u/a@b.co", "/t/0123456789abcdef0123",
      "http://host/api/1", "/api/550e8400-e29b-41d4-a716-446655440000", "/deadbeef", "-", "*",
    ]
    for _ in 0..<3 {
      for p in paths {
        let n = id(interner, "GET", p)
        #expect(interner.keys[n].route == RouteTemplate.derive(p))
      }
    }
  }

  @Test func theInternerIsBounded() {
    let interner = RouteInterner()
    for i in 0..<(RouteInterner.capacity + 50) { _ = id(interner, "GET", "/word\(i)x") }
    #expect(interner.keys.count == RouteInterner.capacity + 1)
    let last = id(interner, "GET", "/another-new-word")
    #expect(interner.keys[last].route == ServiceTracker.otherRoute)
  }

  @Test func ringsMergeAsIfRecordedTogether() {
    func ring() -> BucketRing<Int> { BucketRing(slotSeconds: 10, slotCount: 4, make: { 0 }) }
    var together = ring()
    var a = ring()
    var b = ring()
    for (i, t) in [1.0, 12, 15, 33, 41, 44, 52, 60, 61].enumerated() {
      together.update(at: t) { $0 += 1 }
      if i % 2 == 0 { a.update(at: t) { $0 += 1 } } else { b.update(at: t) { $0 += 1 } }
    }
    a.absorb(b) { $0 += $1 }
    var merged: [Int64: Int] = [:]
    var expected: [Int64: Int] = [:]
    a.forEach(from: 0, to: 70) { merged[$0] = $1 }
    together.forEach(from: 0, to: 70) { expected[$0] = $1 }
    #expect(merged == expected)
    #expect(expected == [3: 1, 4: 2, 5: 1, 6: 2])
  }
}

@Suite struct SparseLatencyTests {
  /// A bucket answers the same whether it still holds raw values or has become a histogram.
  @Test func rawValuesAndHistogramsAnswerAlike() {
    var small = LatencyHistogram()
    var reference = LatencyHistogram()
    // Push the reference past the raw-value limit first, so it is a histogram from the start.
    for _ in 0...LatencyHistogram.sparseLimit { reference.record(ms: 1) }
    var ones = LatencyHistogram()
    for _ in 0...LatencyHistogram.sparseLimit { ones.record(ms: 1) }
    let values: [Double] = [0.3, 12.5, 480, 510, 75, 3_600_000 * 2, 999.9, 42]
    for v in values {
      small.record(ms: v)
      reference.record(ms: v)
    }
    var combined = small
    combined.add(ones)
    #expect(combined.count == reference.count)
    for p in [50.0, 95, 99, 100] {
      #expect(combined.valueMs(atPercentile: p) == reference.valueMs(atPercentile: p))
    }
    #expect(combined.countAbove(ms: 500) == reference.countAbove(ms: 500))
    #expect(small.count == values.count)
    #expect((small.valueMs(atPercentile: 100) ?? 0) > 3_500_000)
    #expect(small.countAbove(ms: 500) == 3)
  }

  /// The dense counts sit exactly where HdrHistogram would put each value.
  @Test func denseLayoutIsHdrHistogramsLayout() {
    let h = Histogram<UInt32>(
      lowestDiscernibleValue: 1, highestTrackableValue: LatencyHistogram.highest,
      numberOfSignificantValueDigits: .two)
    var rng = SplitMix64(seed: 11)
    var values: [UInt32] = Array(0..<4096) + [UInt32(LatencyHistogram.highest)]
    for _ in 0..<20_000 { values.append(UInt32(rng.next() % LatencyHistogram.highest)) }
    var lastIndex = -1
    for v in values.sorted() {
      let i = DenseLayout.index(of: v)
      #expect(i >= lastIndex && i < DenseLayout.countsLength)
      lastIndex = i
      #expect(UInt64(DenseLayout.value(at: i)) == h.lowestEquivalentForValue(UInt64(v)), "\(v)")
    }
  }

  /// Past the raw-value limit a bucket keeps counts; every answer equals HdrHistogram's over the
  /// very same values, merged or not, the extremes included.
  @Test func denseCountsAnswerAsHdrHistogramDoes() {
    var rng = SplitMix64(seed: 5)
    var reference = Histogram<UInt32>(
      lowestDiscernibleValue: 1, highestTrackableValue: LatencyHistogram.highest,
      numberOfSignificantValueDigits: .two)
    var parts = [LatencyHistogram(), LatencyHistogram(), LatencyHistogram()]
    for n in 0..<3000 {
      // Log-uniform from 0.1 ms to ~20 min, plus a few zeros.
      let ms = n % 500 == 0 ? 0 : pow(10, Double(rng.next() % 7000) / 1000) / 10
      parts[n % 3 == 0 ? 0 : (n % 7 == 0 ? 2 : 1)].record(ms: ms)
      _ = reference.record(UInt64((ms * LatencyHistogram.unitsPerMs).rounded()))
    }
    var merged = parts[0]
    merged.add(parts[1])
    merged.add(parts[2])
    #expect(merged.count == Int(reference.totalCount))
    for p in [0.0, 1, 10, 50, 90, 95, 99, 99.9, 100] {
      let expected =
        Double(reference.medianEquivalentForValue(reference.valueAtPercentile(p)))
        / LatencyHistogram.unitsPerMs
      #expect(merged.valueMs(atPercentile: p) == expected, "p\(p)")
    }
    for ms in [0.5, 10, 250, 1000, 60_000] {
      let units = UInt64((ms * LatencyHistogram.unitsPerMs).rounded())
      let top = reference.highestEquivalentForValue(units)
      let expected = Int(reference.count(within: (top + 1)...LatencyHistogram.highest))
      #expect(merged.countAbove(ms: ms) == expected, "above \(ms)")
    }
  }

  @Test func aBucketBecomesAHistogramPastTheLimit() {
    var h = LatencyHistogram()
    for i in 0..<(LatencyHistogram.sparseLimit * 3) { h.record(ms: Double(i)) }
    #expect(h.count == LatencyHistogram.sparseLimit * 3)
    let p50 = h.valueMs(atPercentile: 50) ?? 0
    #expect(abs(p50 - Double(LatencyHistogram.sparseLimit * 3 / 2)) < 2.5)
  }
}

@Suite struct ByteScanTests {
  /// The word-at-a-time scan agrees with a plain loop at every offset and length.
  @Test func findsTheFirstMatchLikeALoop() {
    let text = Array("GET /api/orders/42?page=2#top HTTP/1.1\tx /a b?".utf8)
    text.withUnsafeBufferPointer { bytes in
      for start in 0..<bytes.count {
        for end in start...bytes.count {
          let expected =
            (start..<end).first {
              [0x20, 0x09, UInt8(ascii: "?"), UInt8(ascii: "#")].contains(bytes[$0])
            } ?? end
          let found = ByteScan.first(
            0x20, 0x09, UInt8(ascii: "?"), UInt8(ascii: "#"), in: bytes, from: start, to: end)
          #expect(found == expected, "start \(start) end \(end)")
        }
      }
    }
  }
}
