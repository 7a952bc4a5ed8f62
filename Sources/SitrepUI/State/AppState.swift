import SitrepCore

/// The main screen's panels, in Tab order.
public enum Panel: Int, Sendable, CaseIterable {
  case services, jobs, deploy
}

/// Everything the screen shows. Only `update` changes it; views read it.
public struct AppState: Sendable, Equatable {
  public var snapshot: Snapshot
  public var stack: [ScreenFrame] = [ScreenFrame(.main)]
  public var focus: Panel = .services
  /// Selected row of each main-screen panel, by `Panel.rawValue`.
  public var panelSelection = [0, 0, 0]
  /// The deploy the delta is computed for; `nil` means the latest.
  public var chosenDeployAt: EpochSeconds?
  /// Set when a key asked for numbers of a different window or deploy: the next snapshot is shown
  /// even while paused.
  public var awaitingRecompute = false
  /// The time the header shows; ticks every second even when the snapshot is older.
  public var clock: EpochSeconds?
  public var window: TimeWindow
  /// Paused: the screen keeps the snapshot it had; ingest goes on underneath.
  public var following = true
  public var showHelp = false
  /// Text being typed after `/`, `nil` when not editing.
  public var filterInput: String?
  public var log = LogViewState()
  public var themeName: String
  public var width: Int
  public var height: Int
  /// A transient line for the footer ("theme: light", "counters reset").
  public var message: String?
  public var quit = false
  /// Sources still being read for the first time: the header shows progress.
  public var loading: String?

  public init(snapshot: Snapshot, window: TimeWindow, themeName: String, width: Int, height: Int) {
    self.snapshot = snapshot
    self.window = window
    self.themeName = themeName
    self.width = width
    self.height = height
  }

  public var screen: Screen { stack.last!.screen }
  public var frame: ScreenFrame {
    get { stack[stack.count - 1] }
    set { stack[stack.count - 1] = newValue }
  }

  public var breadcrumb: [String] { stack.map(\.screen.crumb) }
}
