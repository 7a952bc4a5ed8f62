import SitrepCore

/// The main screen's panels. `timeline` is last so the others keep their numbers; Tab visits
/// them in `tabOrder`.
public enum Panel: Int, Sendable, CaseIterable {
  case services, jobs, errors, deploy, timeline

  /// Tab's order on a screen of this size: the time chart, when shown, right under Services.
  public static func tabOrder(width: Int, height: Int) -> [Panel] {
    TimelinePanel.fits(width: width, height: height)
      ? [.services, .timeline, .jobs, .errors, .deploy] : [.services, .jobs, .errors, .deploy]
  }
}

/// Everything the screen shows. Views read it; only `Update.apply` changes it.
///
/// The access rule: every stored property is `public internal(set)`, so outside SitrepUI (the
/// `sitrep` executable's run loop) the state is read-only and a write does not compile. Whatever
/// happens there (a key, a tick of the clock, a snapshot, a theme switched, a signal) becomes a
/// `Msg` handed to `Update.apply`, so "state S + message M gave S'" describes every change. Inside
/// SitrepUI nothing but `Update` writes it either: views take it by value and only read it. Tests
/// that build a state by hand reach the setters with `@testable import`.
public struct AppState: Sendable, Equatable {
  public internal(set) var snapshot: Snapshot
  public internal(set) var stack: [ScreenFrame]
  public internal(set) var focus: Panel = .services
  /// Selected row of each main-screen panel, by `Panel.rawValue`.
  public internal(set) var panelSelection = [0, 0, 0, 0, 0]
  /// Panels whose selection the user moved (or, for the time chart, focused): only those follow
  /// their row when the list reorders.
  public internal(set) var pickedPanels: Set<Panel> = []
  /// The deploy the delta is computed for; `nil` means the latest.
  public internal(set) var chosenDeployAt: EpochSeconds?
  /// Set when a key asked for numbers of a different window or deploy: the next snapshot is shown
  /// even while paused.
  public internal(set) var awaitingRecompute = false
  /// The time the header shows; ticks every second even when the snapshot is older.
  public internal(set) var clock: EpochSeconds?
  public internal(set) var window: TimeWindow
  /// Paused: the screen keeps the snapshot it had; ingest goes on underneath.
  public internal(set) var following = true
  /// The past moment the screen shows (`[`, `]`, `:at`, `--at`); `nil`: live.
  public internal(set) var moment: EpochSeconds?
  public internal(set) var showHelp = false
  /// The first row of the help shown, when it is taller than the screen.
  public internal(set) var helpScroll = 0
  /// The search or filter being typed, `nil` when not editing.
  public internal(set) var prompt: Prompt?
  /// What was searched and filtered for, oldest first, for ↑ in the prompt.
  public internal(set) var promptHistory: [String] = []
  public internal(set) var log = LogViewState()
  public internal(set) var themeName: String
  public internal(set) var width: Int
  public internal(set) var height: Int
  /// A question the footer asks before a key that loses data does it (`r`): `y` goes on.
  public internal(set) var confirming: Effect?
  /// A transient line for the footer ("theme: light", "counters reset").
  public internal(set) var message: String?
  public internal(set) var quit = false
  /// The last left press, for telling a double click (`MouseEvent.millis`).
  public internal(set) var lastClick: LastClick?
  /// Sources still being read for the first time: the header shows progress.
  public internal(set) var loading: String?
  /// `m`: the host the screens are restricted to (`Snapshot.restricted(toHost:)`), `nil` for all.
  public internal(set) var hostFilter: String?
  /// The model's snapshot before the host filter, while one is set.
  public internal(set) var unfilteredSnapshot: Snapshot?

  /// `root`: the bottom of the drill-down stack. The dashboard starts on `.main`; a report, which
  /// draws the main screen's panels with none of them focused, starts elsewhere.
  public init(
    snapshot: Snapshot, window: TimeWindow, themeName: String, width: Int, height: Int,
    root: Screen = .main, moment: EpochSeconds? = nil
  ) {
    self.moment = moment
    self.snapshot = snapshot
    stack = [ScreenFrame(root)]
    self.window = window
    self.themeName = themeName
    self.width = width
    self.height = height
  }

  public var screen: Screen { stack.last!.screen }
  public internal(set) var frame: ScreenFrame {
    get { stack[stack.count - 1] }
    set { stack[stack.count - 1] = newValue }
  }

  public var breadcrumb: [String] { stack.map(\.screen.crumb) }
}
