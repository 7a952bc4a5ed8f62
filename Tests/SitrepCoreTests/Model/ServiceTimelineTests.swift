import Testing

@testable import SitrepCore

/// The time chart's steps (issue 15): the same requests as the service row, cut into steps of
/// whole slots, with each step's numbers made the way every other figure is.
@Suite struct ServiceTimelineTests {
  static let t0: EpochSeconds = 1_795_000_020  // a multiple of 10 and of 60

  static func tracker(seconds: Int, start: EpochSeconds = t0) -> ServiceTracker {
    var s = ServiceTracker(name: "api")
    for i in 0..<seconds {
      s.record(
        Request(
          time: start + Double(i), method: "GET", path: "/a", route: "/a",
          status: i % 10 == 0 ? 500 : 200, durationMs: Double(10 + i % 50)))
    }
    return s
  }

  @Test(arguments: [60.0, 300, 900, 3600])
  func theStepsAddUpToTheWindow(window: Double) {
    let s = Self.tracker(seconds: 4000)
    for offset in [0.0, 3, 10, 25, 31, 59] {
      let now = Self.t0 + 3990 + offset
      let steps = s.timeline(window: window, now: now, maxPoints: 60)
      let row = s.stats(window: window, now: now)
      #expect(steps.map(\.stats.requests).reduce(0, +) == row.requests)
      #expect(steps.map(\.stats.errors).reduce(0, +) == row.errors)
      #expect(steps.count <= 61)
      #expect(steps.first?.from == ServiceTracker.windowStart(window: window, now: now))
      #expect(steps.last?.to == now)
      // Steps follow each other without a gap.
      for (a, b) in zip(steps, steps.dropFirst()) { #expect(a.to == b.from) }
    }
  }

  /// A step is sized by the window's name, so as the window slides a step keeps its start: the
  /// chart's cursor stays on the same moment.
  @Test func anHoursStepIsAMinuteWhereverNowFalls() {
    let s = Self.tracker(seconds: 4000)
    let earlier = s.timeline(window: 3600, now: Self.t0 + 3900 + 31, maxPoints: 60)
    let later = s.timeline(window: 3600, now: Self.t0 + 3900 + 59, maxPoints: 60)
    #expect(Set(earlier.dropLast().map { $0.to - $0.from }) == [60])
    #expect(Set(later.dropLast().map { $0.to - $0.from }) == [60])
    let shared = Set(earlier.dropLast().map(\.from)).intersection(later.map(\.from))
    #expect(shared.count >= 58)
  }

  @Test func aStepsNumbersAreThoseOfItsOwnSpan() throws {
    let s = Self.tracker(seconds: 600)
    let now = Self.t0 + 600
    let steps = s.timeline(window: 300, now: now, maxPoints: 60)
    let step = try #require(steps.dropLast().last)
    let exact = s.stats(from: step.from, to: step.to)
    #expect(step.stats.requests == exact.requests)
    #expect(step.stats.p95Ms == exact.p95Ms)
    #expect(step.stats.rps == exact.rps)
  }

  /// Before the first line read nothing is known: those steps say so rather than show a quiet
  /// service.
  @Test func stepsBeforeTheFirstLineReadAreNotCovered() throws {
    let monitor = Monitor()
    let sink = monitor.requestSink(service: "api")
    let start = Self.t0 + 200
    for i in 0..<100 {
      _ = sink.record(
        Request(
          time: start + Double(i), method: "GET", path: "/a", route: "/a", status: 200,
          durationMs: 12))
    }
    let snap = monitor.snapshot(now: start + 100, window: .fiveMinutes, sources: [])
    let steps = try #require(snap.services.first?.timeline)
    #expect(!steps.isEmpty)
    #expect(steps.filter { !$0.covered }.allSatisfy { $0.to <= start })
    #expect(steps.contains { !$0.covered })
    #expect(steps.last?.covered == true)
    #expect(steps.map(\.stats.requests).reduce(0, +) == snap.services[0].stats.requests)
  }
}
