import SitrepCore

/// What the model side needs from the app state to compute what the screen shows. The run loop
/// hands it to the model whenever it changes.
public struct ModelView: Sendable, Equatable {
  public var window: TimeWindow
  /// The deploy the delta is computed for; `nil`: the latest.
  public var chosenDeployAt: EpochSeconds?
  /// The open log view (or a request's neighbourhood) when it follows new lines: refreshed with
  /// every snapshot, so an exception logged just after its request still turns up.
  public var followedLog: LogQuery?
  /// The past moment to read the files as of; `nil`: live.
  public var moment: EpochSeconds?

  public init(_ state: AppState) {
    window = state.window
    chosenDeployAt = state.chosenDeployAt
    moment = state.moment
    if let q = state.screen.linesQuery, state.following { followedLog = q }
  }

  /// The snapshot itself differs (not just which log lines go with it).
  public func changesSnapshot(from other: ModelView) -> Bool {
    window != other.window || chosenDeployAt != other.chosenDeployAt || moment != other.moment
  }
}
