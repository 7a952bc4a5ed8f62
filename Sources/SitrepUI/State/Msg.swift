import SitrepCore

/// Everything that can happen to the app. A bug report reads "state S + message M gave S′".
public enum Msg: Sendable {
  case key(Key)
  /// A press or a wheel notch at a cell of the frame whose hit map is given (the frame on the
  /// screen when it happened).
  case mouse(MouseEvent, HitMap)
  case resized(width: Int, height: Int)
  /// A new model snapshot (on each tick while following).
  case snapshot(Snapshot)
  /// Fresh lines for the open log view.
  case logLines([ArchivedLine])
  /// Lines read back from the files for the log view (the answer to `Effect.readBack`).
  case backRead(BackReadPage)
  /// What the header says while the sources are read for the first time ("reading"); `nil` once
  /// the first read is over.
  case loading(String?)
  /// The header's clock moved to the model's time `now`: once a second, and with each snapshot.
  case tick(EpochSeconds)
  /// The run loop switched the terminal to the theme `name` (the answer to `Effect.cycleTheme`).
  case themeChanged(String)
  /// A signal (SIGINT, SIGTERM, SIGHUP) asked the dashboard to end.
  case quit
}

/// What `update` asks the run loop to do, since `update` itself does no I/O.
public enum Effect: Sendable, Equatable {
  case quit
  case cycleTheme
  /// `:theme NAME`: switch to that built-in theme.
  case setTheme(String)
  case resetCounters
  /// The window or the chosen deploy changed: recompute the snapshot now.
  case recompute
  case refreshLog
  /// Read older (or, after a gap, newer) lines of the log view's files from the files themselves,
  /// on the model thread; the answer comes as `Msg.backRead`.
  case readBack(BackReadRequest)
  /// `y`: put this text on the terminal's clipboard (OSC 52).
  case copy(String)
}
