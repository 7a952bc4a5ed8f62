import Testing

@testable import SitrepCore

@Suite struct HistogramQuantileTests {
  // The fixture's /api/orders buckets: 0.1:9000, 0.5:10100, 1.0:10270, +Inf:10283.
  let fixtureBuckets = [
    HistogramQuantile.Bucket(upperBound: 0.1, cumulativeCount: 9000),
    .init(upperBound: 0.5, cumulativeCount: 10100),
    .init(upperBound: 1.0, cumulativeCount: 10270),
    .init(upperBound: .infinity, cumulativeCount: 10283),
  ]

  @Test func interpolatesInsideTheBucketHoldingTheRank() {
    // p50: rank 5141.5 in the first bucket: 0 + 0.1 * 5141.5 / 9000.
    #expect(isNearly(HistogramQuantile.quantile(0.5, buckets: fixtureBuckets), 0.1 * 5141.5 / 9000))
    // p95: rank 9768.85 in (0.1, 0.5]: 0.1 + 0.4 * 768.85 / 1100.
    #expect(
      isNearly(HistogramQuantile.quantile(0.95, buckets: fixtureBuckets), 0.1 + 0.4 * 768.85 / 1100)
    )
    // p99: rank 10180.17 in (0.5, 1.0]: 0.5 + 0.5 * 80.17 / 170.
    #expect(
      isNearly(HistogramQuantile.quantile(0.99, buckets: fixtureBuckets), 0.5 + 0.5 * 80.17 / 170))
  }

  @Test func rankInTheInfBucketAnswersTheHighestFiniteBound() {
    // p999: rank 10272.7 > 10270, beyond every finite bucket.
    #expect(HistogramQuantile.quantile(0.999, buckets: fixtureBuckets) == 1.0)
  }

  @Test func orderOfBucketsDoesNotMatter() {
    #expect(
      HistogramQuantile.quantile(0.95, buckets: fixtureBuckets.reversed())
        == HistogramQuantile.quantile(0.95, buckets: fixtureBuckets))
  }

  @Test func unknowableCasesAreNil() {
    let noInf = Array(fixtureBuckets.dropLast())
    #expect(HistogramQuantile.quantile(0.5, buckets: noInf) == nil)
    #expect(HistogramQuantile.quantile(0.5, buckets: [fixtureBuckets[3]]) == nil)
    let empty = fixtureBuckets.map {
      HistogramQuantile.Bucket(upperBound: $0.upperBound, cumulativeCount: 0)
    }
    #expect(HistogramQuantile.quantile(0.5, buckets: empty) == nil)
    #expect(HistogramQuantile.quantile(1.5, buckets: fixtureBuckets) == nil)
  }

  @Test func nonMonotonicBucketsAreEvenedOut() {
    let buckets = [
      HistogramQuantile.Bucket(upperBound: 1, cumulativeCount: 10),
      .init(upperBound: 2, cumulativeCount: 8),  // torn read
      .init(upperBound: .infinity, cumulativeCount: 20),
    ]
    // Treated as 1:10, 2:10, +Inf:20; p50 rank 10 falls in the first bucket at its top.
    #expect(HistogramQuantile.quantile(0.5, buckets: buckets) == 1)
  }

  @Test func readsLeLabels() {
    #expect(HistogramQuantile.bound(fromLabel: "+Inf") == .infinity)
    #expect(HistogramQuantile.bound(fromLabel: "1e-3") == 0.001)
    #expect(HistogramQuantile.bound(fromLabel: "x") == nil)
  }
}
