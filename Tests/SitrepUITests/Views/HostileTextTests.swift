import SitrepCore
import Testing

// Builds states by hand (a screen pushed, a cursor placed): the setters are internal, since only
// `Update` changes the state.
@testable import SitrepUI

/// Text from logs is untrusted. Parsers sanitise it, but whatever reaches a snapshot by another way
/// must still never put a control character on the terminal: an ESC there can retitle the window,
/// move the cursor, or worse.
@Suite struct HostileTextTests {
  static let hostile =
    "evil\u{1B}]0;owned\u{07}\u{1B}[2J\u{1B}[31mred\u{0}nul\rcr\u{9B}6n\u{7F}del\ttab"
    + "\u{202E}bidi\u{2066}iso\u{200B}zw\u{FEFF}bom"

  /// Controls, and the invisible characters that reorder or hide text (a bidi override).
  static func isControl(_ s: Unicode.Scalar) -> Bool {
    s.value <= 0x1F || (0x7F...0x9F).contains(s.value) || TextSanitizer.isHidden(s.value)
  }

  /// The demo snapshot with hostile text in every field a screen prints.
  static var snapshot: Snapshot {
    var snap = DemoFixture.snapshot
    snap.services[0].name = "api" + hostile
    snap.services[0].verdict = VerdictWithReason(.down, "reason " + hostile)
    snap.services[0].stats.requests = 0
    for i in snap.services.indices {
      for r in snap.services[i].routes.indices { snap.services[i].routes[r].route += hostile }
      for r in snap.services[i].recentErrors.indices {
        snap.services[i].recentErrors[r].path += hostile
        snap.services[i].recentErrors[r].method += hostile
      }
      for r in snap.services[i].slowest.indices { snap.services[i].slowest[r].method += hostile }
    }
    let ex = ExceptionInfo(
      type: "ValueError" + hostile, message: "bad " + hostile,
      topFrame: StackFrame(file: "app" + hostile + ".py", line: 3, function: "f" + hostile),
      causes: ["KeyError: " + hostile], traceback: ["Traceback " + hostile, "  File " + hostile])
    for j in snap.jobs.indices {
      snap.jobs[j].name += hostile
      snap.jobs[j].consecutiveFailures = 2
      snap.jobs[j].lastFailure?.exception = ex
      snap.jobs[j].lastFailure?.detail = hostile
      for r in snap.jobs[j].recentRuns.indices {
        snap.jobs[j].recentRuns[r].name += hostile
        snap.jobs[j].recentRuns[r].runID = "id" + hostile
        snap.jobs[j].recentRuns[r].exception = ex
        snap.jobs[j].recentRuns[r].detail = hostile
      }
    }
    for e in snap.errors.indices {
      snap.errors[e].display += hostile
      snap.errors[e].sample = ex
      snap.errors[e].origin.service = hostile
    }
    for d in snap.deploys.indices {
      snap.deploys[d].version = "v" + hostile
      snap.deploys[d].by = hostile
      snap.deploys[d].service = hostile
    }
    snap.deploy?.deploy.version = "v" + hostile
    snap.deploy?.deploy.by = hostile
    snap.deploy?.deploy.commit = hostile
    snap.deploy?.deploy.rollback = hostile
    snap.deploy?.note = hostile
    for s in snap.sources.indices {
      snap.sources[s].path += hostile
      snap.sources[s].recentMalformed = [hostile]
      snap.sources[s].command = ["ssh", hostile]
      snap.sources[s].host = hostile
      snap.sources[s].lastExit = hostile
      snap.sources[s].stderrTail = [hostile]
      snap.sources[s].malformed = snap.sources[s].lines
    }
    return snap
  }

  static let screens: [Screen] = [.main, .deploy, .errors, .sources]

  @Test func noScreenPutsAControlCharacterInACell() throws {
    let snap = Self.snapshot
    var states: [AppState] = []
    for screen in Self.screens {
      var s = DemoFixture.state(width: 160, height: 50, snapshot: snap)
      if screen != .main { s.stack.append(ScreenFrame(screen)) }
      states.append(s)
    }
    var s = DemoFixture.state(width: 160, height: 50, snapshot: snap)
    s.stack += [ScreenFrame(.service(snap.services[0].name)), ScreenFrame(.job(snap.jobs[0].name))]
    states.append(s)
    s.stack.append(
      ScreenFrame(.run(job: snap.jobs[0].name, run: RunRef(ScreenRows.runs(snap.jobs[0])[0]))))
    states.append(s)
    s.stack = [ScreenFrame(.main), ScreenFrame(.error(snap.errors[0].key))]
    states.append(s)
    s.stack = [ScreenFrame(.main), ScreenFrame(.service(snap.services[1].name))]
    states.append(s)
    s.stack = [ScreenFrame(.main), ScreenFrame(.log(LogQuery(title: Self.hostile)))]
    s.log.lines = [logLine(Self.hostile), logLine("ok " + Self.hostile, isError: true)]
    s.message = Self.hostile
    states.append(s)
    s.message = nil
    s.prompt = Prompt(.filter)
    s.prompt?.text = Self.hostile
    states.append(s)

    for state in states {
      let canvas = RootView.render(state, ctx: ViewContext(glyphs: .unicode))
      let bad = canvas.cells.compactMap(\.scalar).filter(Self.isControl)
      #expect(
        bad.isEmpty,
        "\(state.screen.crumb.prefix(20)): \(bad.map { String($0.value, radix: 16) })")
    }
  }

  @Test
  func theTextReportHasNoControlCharactersEither() {
    let text = TextReport.render(Self.snapshot, width: 120, glyphs: .unicode)
    let bad = text.unicodeScalars.filter { Self.isControl($0) && $0 != "\n" }
    #expect(bad.isEmpty, "\(bad.map { String($0.value, radix: 16) })")
  }

  @Test func theServiceScreenCleansRequestPaths() throws {
    var snap = DemoFixture.snapshot
    let i = try #require(snap.services.firstIndex { !$0.recentErrors.isEmpty })
    snap.services[i].recentErrors[0].path = "/x\u{1B}[2Jy"
    var s = DemoFixture.state(width: 160, height: 50, snapshot: snap)
    s.stack.append(ScreenFrame(.service(snap.services[i].name)))
    let text = RootView.render(s, ctx: ViewContext(glyphs: .unicode)).text
    // The whole escape sequence goes, not just its ESC byte: `[2J` is not part of the path.
    #expect(text.contains("/xy"))
    #expect(!text.contains("[2J"))
  }
}
