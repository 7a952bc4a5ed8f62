import SitrepCore
import SitrepUI
import Testing

/// The run loop's timing decisions, with the times passed in: when a snapshot is recomputed, when
/// the clock ticks, and which state changes reach the model.
@Suite struct RefreshScheduleTests {
  let t0: EpochSeconds = 1_795_000_003  // 3 s into a 10 s slot

  @Test func theFirstSnapshotIsDueAtOnce() {
    let s = SnapshotSchedule()
    #expect(s.isDue(wall: 0, now: t0))
    #expect(s.secondsUntilDue(wall: 0, now: t0) == 0)
  }

  @Test func aQuietDashboardRecomputesOnlyWhenASlotBegins() {
    var s = SnapshotSchedule()
    s.didSnapshot(wall: 100, now: t0)
    #expect(!s.isDue(wall: 101, now: t0 + 1))
    #expect(!s.isDue(wall: 106.9, now: t0 + 6.9))
    #expect(abs(s.secondsUntilDue(wall: 101, now: t0 + 1) - 6) < 1e-6)
    #expect(s.isDue(wall: 107, now: t0 + 7))  // the next slot
    s.didSnapshot(wall: 107, now: t0 + 7)
    #expect(!s.isDue(wall: 116.9, now: t0 + 16.9))
    #expect(abs(s.secondsUntilDue(wall: 107, now: t0 + 7) - 10) < 1e-6)
  }

  @Test func theSlotWaitFollowsTheModelClockSpeed() {
    var s = SnapshotSchedule()
    s.didSnapshot(wall: 100, now: t0)
    // The demo's clock at 10x: 7 model seconds to the slot are 0.7 wall seconds.
    #expect(abs(s.secondsUntilDue(wall: 100, now: t0, speed: 10) - 0.7) < 1e-6)
  }

  @Test func newLinesAreShownAtMostEveryMinInterval() {
    var s = SnapshotSchedule(minInterval: 0.2)
    s.didSnapshot(wall: 100, now: t0)
    s.dataChanged()
    #expect(!s.isDue(wall: 100.1, now: t0 + 0.1))
    #expect(abs(s.secondsUntilDue(wall: 100.1, now: t0 + 0.1) - 0.1) < 1e-6)
    #expect(s.isDue(wall: 100.2, now: t0 + 0.2))
    s.didSnapshot(wall: 100.2, now: t0 + 0.2)
    #expect(!s.changed)
    #expect(!s.isDue(wall: 100.5, now: t0 + 0.5))
  }

  @Test func anAskedForSnapshotIsDueAtOnce() {
    var s = SnapshotSchedule()
    s.didSnapshot(wall: 100, now: t0)
    s.force()
    #expect(s.isDue(wall: 100.01, now: t0 + 0.01))
    s.didSnapshot(wall: 100.01, now: t0 + 0.01)
    #expect(!s.isDue(wall: 100.02, now: t0 + 0.02))
  }

  @Test func theClockTicksOnTheSecond() {
    #expect(abs(ClockTicks.secondsUntilNextTick(now: 10.25) - 0.75) < 1e-9)
    #expect(ClockTicks.secondsUntilNextTick(now: 10) == 1)
    // At 60x the header would change 60 times a second: it ticks about once a wall second.
    #expect(abs(ClockTicks.secondsUntilNextTick(now: 600.5, speed: 60) - 59.5 / 60) < 1e-9)
    #expect(abs(ClockTicks.secondsUntilNextTick(now: 600, speed: 60) - 1) < 1e-9)
  }

  @Test func theModelSeesWindowDeployAndAFollowedLog() {
    var state = DemoFixture.state()
    let base = ModelView(state)
    #expect(base.followedLog == nil)
    press(&state, .char("w"))
    #expect(ModelView(state).changesSnapshot(from: base))
    var logState = DemoFixture.state()
    press(&logState, .char("l"))
    let following = ModelView(logState)
    #expect(following.followedLog != nil)
    #expect(!following.changesSnapshot(from: base))
    press(&logState, .char("f"))  // paused: the log view keeps its lines
    #expect(ModelView(logState).followedLog == nil)
  }
}
