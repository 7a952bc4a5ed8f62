import SitrepCore
import SitrepUI

/// States for each screen of the dashboard on the demo snapshot, reached the way a user would
/// (keys), so the goldens show what an engineer sees after those presses.
enum Screens {
  static func main(_ w: Int, _ h: Int) -> AppState { DemoFixture.state(width: w, height: h) }

  /// The time chart focused, two steps back from the newest, with the latest deploy moved into
  /// the window so its mark shows.
  static func timeline(_ w: Int, _ h: Int) -> AppState {
    var snap = DemoFixture.snapshot
    snap.deploys = snap.deploys.map { deploy in
      var deploy = deploy
      deploy.time = snap.now - 130
      return deploy
    }
    var s = DemoFixture.state(width: w, height: h, snapshot: snap)
    press(&s, .tab, .left, .left)
    return s
  }

  /// The first service with routes (the busy API), opened from the Services panel.
  static func service(_ w: Int, _ h: Int) -> AppState {
    var s = main(w, h)
    let i = ScreenRows.services(s).firstIndex { $0.routes.count > 2 } ?? 0
    for _ in 0..<i { press(&s, .down) }
    press(&s, .enter)
    return s
  }

  /// The service's route with the most 5xx: routes sorted by error rate (o), the top one opened.
  static func route(_ w: Int, _ h: Int) -> AppState {
    var s = service(w, h)
    press(&s, .char("o"), .enter)
    return s
  }

  /// The route's newest failed request, opened, with the lines around it the model would send.
  static func request(_ w: Int, _ h: Int) -> AppState {
    var s = route(w, h)
    press(&s, .enter)
    if let q = s.screen.linesQuery {
      _ = Update.apply(&s, .logLines(DemoFixture.lines(for: q)))
    }
    return s
  }

  static var failingJobIndex: Int {
    DemoFixture.snapshot.jobs.firstIndex { $0.status == .failing } ?? 0
  }

  /// The failing job, opened from the Jobs panel.
  static func job(_ w: Int, _ h: Int) -> AppState {
    var s = main(w, h)
    // Tab to Jobs: past the time chart on screens big enough to show it.
    while s.focus != .jobs { press(&s, .tab) }
    for _ in 0..<failingJobIndex { press(&s, .down) }
    press(&s, .enter)
    return s
  }

  /// The newest failed run of the failing job that has a traceback.
  static func run(_ w: Int, _ h: Int) -> AppState {
    var s = job(w, h)
    let job = DemoFixture.snapshot.jobs[failingJobIndex]
    let i = ScreenRows.runs(job).firstIndex { $0.exception?.traceback.isEmpty == false } ?? 0
    for _ in 0..<i { press(&s, .down) }
    press(&s, .enter)
    return s
  }

  static func deploy(_ w: Int, _ h: Int) -> AppState {
    var s = main(w, h)
    press(&s, .char("d"))
    return s
  }

  static func errors(_ w: Int, _ h: Int) -> AppState {
    var s = main(w, h)
    press(&s, .char("e"))
    return s
  }

  static func errorSignature(_ w: Int, _ h: Int) -> AppState {
    var s = errors(w, h)
    press(&s, .enter)
    return s
  }

  static func sources(_ w: Int, _ h: Int) -> AppState {
    var s = main(w, h)
    press(&s, .char("s"))
    return s
  }

  /// The failing job's raw lines (as the run loop's archive query returns them), filtered to its
  /// exception type, the last error highlighted.
  static func log(_ w: Int, _ h: Int) -> AppState {
    var s = job(w, h)
    press(&s, .char("l"))
    let job = DemoFixture.snapshot.jobs[failingJobIndex]
    let lines = DemoFixture.lines.filter { $0.role == .jobs && $0.text.contains(job.name) }
    _ = Update.apply(&s, .logLines(lines))
    press(&s, .char("&"))
    type(&s, "raised")
    press(&s, .enter, .char("E"))
    return s
  }

  /// The job's lines unfiltered, searched backward for the exception: every line stays, the
  /// status line counts the matches.
  static func logSearch(_ w: Int, _ h: Int) -> AppState {
    var s = job(w, h)
    press(&s, .char("l"))
    let job = DemoFixture.snapshot.jobs[failingJobIndex]
    let lines = DemoFixture.lines.filter { $0.role == .jobs && $0.text.contains(job.name) }
    _ = Update.apply(&s, .logLines(lines))
    press(&s, .char("?"))
    type(&s, "KeyError")
    press(&s, .enter, .char("n"))
    return s
  }

  /// The same lines unfiltered, scrolled up a little and sideways: clip markers on both sides.
  static func logSideways(_ w: Int, _ h: Int) -> AppState {
    var s = job(w, h)
    press(&s, .char("l"))
    let job = DemoFixture.snapshot.jobs[failingJobIndex]
    let lines = DemoFixture.lines.filter { $0.role == .jobs && $0.text.contains(job.name) }
    _ = Update.apply(&s, .logLines(lines))
    press(&s, .up, .up, .right, .right)
    return s
  }

  static func help(_ w: Int, _ h: Int) -> AppState {
    var s = main(w, h)
    press(&s, .char("?"))
    return s
  }
}
