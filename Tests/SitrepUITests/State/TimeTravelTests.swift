import SitrepCore
import Testing

@testable import SitrepUI

/// Looking at the past from the dashboard (issue 15): `[`/`]` a minute, `{`/`}` a window, `:at`,
/// with the header saying the screen is not live.
@Suite struct TimeTravelTests {
  static func live() -> AppState {
    var s = DemoFixture.state(width: 120, height: 40)
    _ = Update.apply(&s, .tick(s.snapshot.now))
    return s
  }

  @Test func bracketsStepAMinuteAndAskForTheMomentsNumbers() {
    var s = Self.live()
    let now = s.snapshot.now
    let effects = press(&s, .char("["))
    #expect(effects == [.recompute, .refreshLog])
    #expect(s.moment == now - 60)
    #expect(ModelView(s).moment == now - 60)
    #expect(ModelView(s).changesSnapshot(from: ModelView(Self.live())))
    press(&s, .char("["))
    #expect(s.moment == now - 120)
    press(&s, .char("]"))
    #expect(s.moment == now - 60)
    // Forward past the live clock is live again.
    press(&s, .char("]"))
    #expect(s.moment == nil)
    #expect(s.message == "live")
  }

  @Test func bracesStepAWindow() {
    var s = Self.live()
    press(&s, .char("{"))
    #expect(s.moment == s.snapshot.now - s.window.seconds)
    press(&s, .char("}"))
    #expect(s.moment == nil)
  }

  @Test func theHeaderSaysTheScreenIsNotLive() {
    var s = Self.live()
    press(&s, .char("["))
    let text = RootView.render(s, ctx: ViewContext(glyphs: .unicode)).text
    let header = text.split(separator: "\n").first ?? ""
    let clock = Formatting.clock(s.snapshot.now - 60, offsetSeconds: s.snapshot.offsetSeconds)
    #expect(header.contains("AT \(clock) · not live (:at now)"))
    #expect(!header.contains("following"))
  }

  @Test func colonAtTakesClockTimesRelativeTimesAndNow() {
    var s = Self.live()
    let now = s.snapshot.now
    let offset = s.snapshot.offsetSeconds
    press(&s, .char(":"))
    type(&s, "at -15m")
    press(&s, .enter)
    #expect(s.moment == now - 900)
    press(&s, .char(":"))
    type(&s, "at now")
    press(&s, .enter)
    #expect(s.moment == nil)
    // A clock time: the latest such time not after the live clock.
    let earlier = Formatting.clock(now - 3600, offsetSeconds: offset)
    press(&s, .char(":"))
    type(&s, "at \(earlier)")
    press(&s, .enter)
    #expect(s.moment.map { abs($0 - (now - 3600)) < 1 } == true)
    press(&s, .char(":"))
    type(&s, "at yesterday-ish")
    press(&s, .enter)
    #expect(s.message?.hasPrefix(":at takes now, 14:05") == true)
    #expect(s.moment.map { abs($0 - (now - 3600)) < 1 } == true)
  }

  @Test(arguments: [
    ("now", 0.0, true), ("live", 0, true), ("-90s", -90, false), ("-1h", -3600, false),
  ])
  func relativeMoments(text: String, delta: Double, live: Bool) throws {
    let now = 1_795_528_800.0
    let parsed = try #require(TimeTravel.moment(text, liveNow: now, offsetSeconds: 0))
    #expect(parsed == (live ? nil : now + delta))
  }

  @Test func aClockTimeStillToComeTodayIsYesterdays() throws {
    let now = 1_795_528_800.0  // 2026-11-24T14:00:00Z
    let earlier = try #require(TimeTravel.moment("13:25", liveNow: now, offsetSeconds: 0))
    #expect(earlier == now - 35 * 60)
    let evening = try #require(TimeTravel.moment("23:00", liveNow: now, offsetSeconds: 0))
    #expect(evening == now - 15 * 3600)
    // In the screen's zone: 15:25 at +02:00 is 13:25Z.
    let zoned = try #require(TimeTravel.moment("15:25", liveNow: now, offsetSeconds: 7200))
    #expect(zoned == now - 35 * 60)
  }

  @Test(arguments: ["25:00", "10:60", "1:5", "soon", "", "-", "1e400", "inf", "-x"])
  func nonsenseIsRefused(text: String) {
    #expect(TimeTravel.moment(text, liveNow: 1_795_528_800, offsetSeconds: 0) == nil)
  }

  @Test func isoAndEpochMomentsAreAbsolute() {
    #expect(TimeTravel.absolute("2026-11-24T13:25:00Z") == 1_795_526_700)
    #expect(TimeTravel.absolute("1795526700") == 1_795_526_700)
    #expect(TimeTravel.absolute("0") == nil)
  }
}
