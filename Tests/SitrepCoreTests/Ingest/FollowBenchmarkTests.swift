import Foundation
import SitrepBench
import Testing

@testable import SitrepCore

@Suite struct FollowBenchmarkTests {
  @Test func benchmarkFollowsEveryLine() {
    let directory = TemporaryDirectory()
    let result = FollowBenchmark.run(lines: 20_000, directory: directory.path)
    #expect(result.lines == 20_000)
    #expect(result.bytes > 20_000 * 50)
  }

  /// The measurement itself, run by `scripts/bench-follow` on a release build.
  @Test(.enabled(if: ProcessInfo.processInfo.environment["SITREP_BENCH"] != nil))
  func measureFollowThroughput() {
    let directory = TemporaryDirectory()
    let lines = Int(ProcessInfo.processInfo.environment["SITREP_BENCH_LINES"] ?? "") ?? 5_000_000
    let result = FollowBenchmark.run(lines: lines, directory: directory.path)
    print("bench-follow: \(result)")
    #expect(result.lines == lines)
  }
}
