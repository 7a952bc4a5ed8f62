/// What a followed file needs from its set while it is serviced.
struct FollowEnvironment {
  let options: FollowOptions
  let registry: WatchRegistry
  let timeProbe: BackfillLocator.TimeProbe?
  let now: EpochSeconds
  /// Headless reads only: a live plain file stops after this many lines (see
  /// `SourceSet.readHeads`), so its owner can plan how to read the rest.
  var pauseAfterLines: Int? = nil
}
