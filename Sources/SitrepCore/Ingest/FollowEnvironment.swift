/// What a followed file needs from its set while it is serviced.
struct FollowEnvironment {
  let options: FollowOptions
  let registry: WatchRegistry
  let timeProbe: BackfillLocator.TimeProbe?
  let now: EpochSeconds
  /// Headless reads only: takes a plain file's remaining lines in bulk once it is ready.
  var bulk: (any BulkLineDecoding)? = nil
}
