/// The two stretches of time a deploy is judged on, of equal length.
///
/// The after side starts at the deploy and ends at the next deploy or at the end of the data (the
/// newest line across the sources, never the wall clock: when traffic stops, the comparison stops
/// with it instead of counting silence as a drop). The before side ends at the deploy and starts no
/// earlier than the previous deploy or the start of the data. Both are cut to the shortest of the
/// wanted length and what each side has, so a rate, a share or a count compares like with like.
public struct DeployWindows: Sendable, Equatable {
  public var before: (from: EpochSeconds, to: EpochSeconds)
  public var after: (from: EpochSeconds, to: EpochSeconds)
  /// Why the sides are shorter than wanted, or why nothing is judged yet; nil when all is as wanted.
  public var note: String?
  /// Both sides hold at least the minimum: the tests may run.
  public var judge: Bool
  /// Seconds of data after the deploy up to the next deploy or the end of the data (not capped).
  public var afterAvailable: Double
  /// Seconds of data before the deploy back to the start of the data (previous deploys ignored):
  /// how long an error would have had to show itself before the deploy.
  public var history: Double

  public static func == (a: DeployWindows, b: DeployWindows) -> Bool {
    a.before == b.before && a.after == b.after && a.note == b.note && a.judge == b.judge
      && a.afterAvailable == b.afterAvailable && a.history == b.history
  }

  public init(
    deploy: EpochSeconds, previous: EpochSeconds?, next: EpochSeconds?, dataStart: EpochSeconds?,
    dataEnd: EpochSeconds?, now: EpochSeconds, wanted: Double, minimum: Double
  ) {
    let end = Swift.min(now, dataEnd ?? now, next ?? .infinity)
    let afterAvailable = Swift.max(0, end - deploy)
    let start = Swift.max(previous ?? -.infinity, dataStart ?? -.infinity)
    let beforeAvailable = Swift.max(0, deploy - start)
    let span = Swift.min(wanted, afterAvailable, beforeAvailable)
    before = (deploy - span, deploy)
    after = (deploy, deploy + span)
    self.afterAvailable = afterAvailable
    history = dataStart.map { Swift.max(0, deploy - $0) } ?? beforeAvailable
    judge = afterAvailable >= minimum && beforeAvailable >= minimum
    let d = Formatting.duration
    if afterAvailable < minimum {
      note = "collecting: \(d(afterAvailable)) since deploy, judging from \(d(minimum))"
    } else if beforeAvailable < minimum {
      note = "only \(d(beforeAvailable)) of data before it: too little to compare"
    } else if span < wanted - ServiceTracker.serviceSlotSeconds {
      // (Within one request slot of the wanted length is as wanted: the slot straddling an edge is
      // left out of the counts anyway, and "9m59s of 10m" would be noise on the screen.)
      if span == afterAvailable, let next, next <= Swift.min(now, dataEnd ?? now) {
        note = "\(d(span)) each side: the next deploy came \(d(span)) after it"
      } else if span == afterAvailable {
        note = "collecting: \(d(span)) of \(Self.minutes(wanted)) each side"
      } else {
        let limit =
          (previous ?? -.infinity) >= (dataStart ?? -.infinity)
          ? "previous deploy" : "start of the data"
        note = "\(d(span)) each side: the \(limit) is \(d(beforeAvailable)) before it"
      }
    } else {
      note = nil
    }
  }

  /// `10m` rather than `10m00s` for a whole number of minutes.
  static func minutes(_ seconds: Double) -> String {
    seconds.truncatingRemainder(dividingBy: 60) == 0 && seconds >= 60 && seconds < 86_400
      ? "\(Int(saturating: seconds / 60))m" : Formatting.duration(seconds)
  }
}
