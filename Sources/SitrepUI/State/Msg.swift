import SitrepCore

/// Everything that can happen to the app. A bug report reads "state S + message M gave S′".
public enum Msg: Sendable {
  case key(Key)
  case resized(width: Int, height: Int)
  /// A new model snapshot (on each tick while following).
  case snapshot(Snapshot)
  /// Fresh lines for the open log view.
  case logLines([ArchivedLine])
  case loading(String?)
}

/// What `update` asks the run loop to do, since `update` itself does no I/O.
public enum Effect: Sendable, Equatable {
  case quit
  case cycleTheme
  case resetCounters
  /// The window or the chosen deploy changed: recompute the snapshot now.
  case recompute
  case refreshLog
}
