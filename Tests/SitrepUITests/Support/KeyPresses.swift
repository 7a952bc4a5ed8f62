import SitrepCore
import SitrepUI

/// Feeds keys to `Update.apply` the way the run loop does, collecting every effect asked for.
@discardableResult
func press(_ state: inout AppState, _ keys: Key...) -> [Effect] {
  keys.flatMap { Update.apply(&state, .key($0)) }
}

/// Types a string, one `.char` per character (for the `/` filter).
func type(_ state: inout AppState, _ text: String) {
  for c in text { _ = Update.apply(&state, .key(.char(c))) }
}

/// A log line for log-view tests; `isError` marks what `e`/`E` stop at.
func logLine(_ text: String, time: EpochSeconds = 0, isError: Bool = false) -> ArchivedLine {
  ArchivedLine(
    time: time, path: "/var/log/app.log", role: nil, service: nil, text: text, isError: isError)
}
