import SitrepCore
import Testing

// Builds states by hand (a screen pushed, a cursor placed): the setters are internal, since only
// `Update` changes the state.
@testable import SitrepUI

/// Numbers no sane log holds but real ones do (a job that "succeeded in 1e23s", a counter that
/// wrapped): every screen and the text report draw them without trapping. Opening such a job
/// used to kill the dashboard (`Formatting.duration` → `Int(1e23)`).
@Suite struct ExtremeNumberViewTests {
  static let extremes: [Double] = [
    .nan, .infinity, -.infinity, 0x1p63, 0x1p64, 1e23, -1e23, 1e308, -1e308, 1e-308, -0.0,
  ]

  /// The demo snapshot with `v` in every number a screen prints.
  static func snapshot(_ v: Double) -> Snapshot {
    var snap = DemoFixture.snapshot
    for i in snap.services.indices {
      snap.services[i].stats.p50Ms = v
      snap.services[i].stats.p95Ms = v
      snap.services[i].stats.p99Ms = v
      snap.services[i].stats.to = v
      snap.services[i].sparkline = snap.services[i].sparkline.map { _ in v }
      snap.services[i].lastRequestAt = v
      for r in snap.services[i].routes.indices { snap.services[i].routes[r].stats.p95Ms = v }
      for r in snap.services[i].slowest.indices { snap.services[i].slowest[r].durationMs = v }
      for r in snap.services[i].recentErrors.indices {
        snap.services[i].recentErrors[r].durationMs = v
        snap.services[i].recentErrors[r].time = v
      }
    }
    for j in snap.jobs.indices {
      snap.jobs[j].usualDurationSeconds = v
      snap.jobs[j].overdueBySeconds = v
      snap.jobs[j].expectedEverySeconds = v
      snap.jobs[j].maxDurationSeconds = v
      snap.jobs[j].runningSince = v
      snap.jobs[j].lastSuccessAt = v
      snap.jobs[j].lastRun?.durationSeconds = v
      snap.jobs[j].lastFailure?.durationSeconds = v
      for r in snap.jobs[j].recentRuns.indices { snap.jobs[j].recentRuns[r].durationSeconds = v }
    }
    if var delta = snap.deploy {
      for c in delta.changes.indices {
        delta.changes[c].before = v
        delta.changes[c].after = v
        delta.changes[c].z = v
      }
      delta.before.requests.p95Ms = v
      delta.after.requests.p95Ms = v
      snap.deploy = delta
    }
    return snap
  }

  @Test(arguments: extremes)
  func everyScreenDrawsExtremeNumbers(_ v: Double) throws {
    let snap = Self.snapshot(v)
    var states: [AppState] = []
    for screen: Screen in [.main, .deploy, .errors, .sources] {
      var s = DemoFixture.state(width: 160, height: 50, snapshot: snap)
      if screen != .main { s.stack.append(ScreenFrame(screen)) }
      states.append(s)
    }
    for service in snap.services {
      var s = DemoFixture.state(width: 160, height: 50, snapshot: snap)
      s.stack.append(ScreenFrame(.service(service.name)))
      states.append(s)
    }
    for job in snap.jobs {
      var s = DemoFixture.state(width: 160, height: 50, snapshot: snap)
      s.stack.append(ScreenFrame(.job(job.name)))
      states.append(s)
      if let run = ScreenRows.runs(job).first {
        s.stack.append(ScreenFrame(.run(job: job.name, run: RunRef(run))))
        states.append(s)
      }
    }
    #expect(states.count > 6)
    for state in states { _ = RootView.render(state, ctx: ViewContext(glyphs: .unicode)) }
    _ = TextReport.render(snap, width: 120, glyphs: .unicode)
  }
}
