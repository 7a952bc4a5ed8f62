import ArgumentParser
import FoundationEssentials
import Glibc
import SitrepCore

/// `sitrep demo`: writes realistic logs into a temp folder and monitors them.
struct DemoCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "demo",
    abstract: "Generate realistic traffic, jobs and a deploy in a temp folder and watch them live.",
    discussion: """
      Two services behind nginx (api, admin), a Celery worker, an app log with tracebacks and a deploy
      log. Fifteen minutes of history are written at start; a minute in, v1.4.2 goes out: one route
      gets slower and tasks.sync_sku starts failing. Everything on screen is read back from the files.
      """)

  @Option(help: "Run time this many times faster than the wall clock.")
  var speed: Double = 1

  @Option(help: "Write the files here instead of a temp folder (kept on exit).")
  var dir: String?

  @Flag(help: "Only write the files (with --dir), for use with other tools or another sitrep.")
  var noUI = false

  @Option(help: "Random seed: the same seed writes the same logs.")
  var seed: UInt64 = 42

  @Option(help: "Theme for the dashboard.")
  var theme: String?

  @Flag(help: "Leave the mouse to the terminal (its own text selection).")
  var noMouse = false

  @Option(help: "Pretend the demo starts at this moment (epoch seconds), for reproducible files.")
  var start: Double?

  @Option(
    help: "With --no-ui: write this many seconds past the start (history included), then exit.")
  var until: Double?

  func validate() throws {
    if !(speed > 0 && speed <= 1000) {
      throw ValidationError("--speed must be between 0 and 1000 (got \(speed))")
    }
    if noUI && dir == nil {
      throw ValidationError("--no-ui writes files for others to read: give --dir DIR too")
    }
    if until != nil && !noUI { throw ValidationError("--until only makes sense with --no-ui") }
  }

  func run() throws {
    let directory =
      dir ?? TemporaryFolder.path(named: "sitrep-demo-\(getpid())")
    let start = self.start ?? Date().timeIntervalSince1970.rounded(.down)
    let offset = Session.localOffsetSeconds
    let generator = try DemoGenerator(
      directory: directory, start: start, seed: seed, offsetSeconds: offset)
    defer {
      if dir == nil { try? FileManager.default.removeItem(atPath: directory) }
    }
    let clock = Clock.accelerated(start: start, speed: speed)
    generator.write(until: clock.now())
    if noUI, let until {
      generator.write(until: start + until)
      print(directory)
      return
    }
    if noUI {
      print("writing demo logs into \(directory) (Ctrl-C to stop)")
      while true {
        usleep(200_000)
        generator.write(until: clock.now())
      }
    }
    var selection = try SourceSelection.parse(generator.allPaths)
    selection.fromStart = true
    let session = try Session.make(selection)
    try runDashboard(session: session, themeName: theme, clock: clock, mouse: !noMouse) { now in
      generator.write(until: now)
    }
  }
}
