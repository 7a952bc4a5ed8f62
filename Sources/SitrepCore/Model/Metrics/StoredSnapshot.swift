/// One snapshot as the tracker keeps it: counters already reset-adjusted, keyed for lookup.
struct StoredSnapshot: Sendable {
  var time: EpochSeconds
  var values: [SeriesKey: Double]
  /// Sample names present, so a label set missing here can be told apart from a whole metric
  /// missing (a new label combination starts from 0; a missing metric is unknown).
  var names: Set<String>
}

/// The two snapshots a window's increases are measured between.
struct SnapshotSpan {
  var base: StoredSnapshot
  var last: StoredSnapshot
  var seconds: Double { last.time - base.time }
}
