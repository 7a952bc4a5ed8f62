import FoundationEssentials
import SitrepCore

/// Looking at the past from the dashboard: `[`/`]` a minute, `{`/`}` a window, `:at TIME`, and
/// `sitrep --at TIME`. The screen then shows the files as `report --at` reads them (the same
/// numbers), and says it is not live.
public enum TimeTravel {
  /// What `[` and `]` move by.
  public static let stepSeconds = 60.0

  /// The moment the screen shows now: the one travelled to, else the live clock.
  static func shown(_ state: AppState) -> EpochSeconds {
    state.moment ?? state.clock ?? state.snapshot.now
  }

  /// The live clock, past which there is nothing to see.
  static func liveNow(_ state: AppState) -> EpochSeconds { state.clock ?? state.snapshot.now }

  /// Goes to `moment`, or back to live when it is `nil` or not in the past.
  static func travel(_ state: inout AppState, to moment: EpochSeconds?) -> [Effect] {
    let live = liveNow(state)
    let target = moment.flatMap { $0 < live ? $0 : nil }
    guard target != state.moment else {
      state.message = target == nil ? "live already" : nil
      return []
    }
    state.moment = target
    state.awaitingRecompute = true
    if let target {
      state.message =
        "as of \(Formatting.clock(target, offsetSeconds: state.snapshot.offsetSeconds)), read "
        + "as report --at reads it: [ ] a minute, { } a window, :at now for live"
    } else {
      state.message = "live"
    }
    return [.recompute, .refreshLog]
  }

  /// `[` `]` `{` `}`: by a minute or by the window, earlier or later.
  static func step(_ state: inout AppState, key: Character) -> [Effect] {
    let size = key == "{" || key == "}" ? state.window.seconds : stepSeconds
    let sign: Double = key == "[" || key == "{" ? -1 : 1
    return travel(&state, to: shown(state) + sign * size)
  }

  /// `:at`'s argument: `now` (or `live`), `14:05` or `14:05:30` (the latest such time not after
  /// the live clock, in the screen's zone), `-15m` (that long before the live clock), an ISO 8601
  /// time with its zone, or epoch seconds. `.some(nil)` is live; `nil` is not understood.
  public static func moment(_ text: String, liveNow: EpochSeconds, offsetSeconds: Int)
    -> EpochSeconds??
  {
    let t = String(text.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    if t == "now" || t == "live" { return .some(nil) }
    if t.hasPrefix("-"), let ago = DurationText.seconds(from: String(t.dropFirst())) {
      return .some(liveNow - ago)
    }
    if let clock = clockTime(t) {
      // Today's `clock` in the screen's zone; yesterday's when that is still to come.
      let local = liveNow + Double(offsetSeconds)
      let midnight = (local / 86_400).rounded(.down) * 86_400
      var candidate = midnight + clock - Double(offsetSeconds)
      if candidate > liveNow { candidate -= 86_400 }
      return .some(candidate)
    }
    return absolute(t).map { .some($0) }
  }

  /// `14:05` or `14:05:30` as seconds after midnight.
  static func clockTime(_ text: String) -> Double? {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 2 || parts.count == 3,
      parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) }),
      let h = Int(parts[0]), let m = Int(parts[1]), (0..<24).contains(h), (0..<60).contains(m)
    else { return nil }
    let s = parts.count == 3 ? Int(parts[2]) : 0
    guard let s, (0..<60).contains(s) else { return nil }
    return Double(h * 3600 + m * 60 + s)
  }

  /// Epoch seconds up to the end of year 9999, the last an ISO 8601 time can name: `1e20` or
  /// `inf` would only reach the model as a moment no clock or calendar can show.
  public static let epochRange: ClosedRange<Double> = 1...253_402_300_799

  /// Epoch seconds in `epochRange`, or ISO 8601 with a zone (as `--at` takes).
  public static func absolute(_ text: String) -> EpochSeconds? {
    if let v = Double(text) { return epochRange.contains(v) ? v : nil }
    if let d = try? Date.ISO8601FormatStyle().parse(text) { return d.timeIntervalSince1970 }
    return (try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text))?
      .timeIntervalSince1970
  }
}
