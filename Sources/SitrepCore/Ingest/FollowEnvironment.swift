/// What a followed file needs from its set while it is serviced.
struct FollowEnvironment {
  let options: FollowOptions
  let registry: WatchRegistry
  let timeProbe: BackfillLocator.TimeProbe?
  let now: EpochSeconds
}
