import SitrepCore

/// `:` commands, as k9s and vim users type them: `:window 15m`, `:at 14:05`, `:theme light`, `:service api`,
/// `:job tasks.sync_sku`, `:errors`, `:deploy`, `:sources`, `:follow`, `:pause`, `:q`. Tab
/// completes a command's name and then its argument from what the screen knows.
public enum CommandLine {
  public static let commands = [
    "window", "theme", "at", "service", "job", "errors", "deploy", "sources", "follow", "pause",
    "help", "quit", "q",
  ]

  /// What Tab makes of `text`: the one completion, or the longest prefix all candidates share.
  public static func complete(_ text: String, state: AppState) -> String {
    let parts = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
    if parts.count <= 1 {
      let options = commands.filter { $0.hasPrefix(text) }
      return extend(text, options: options, then: " ")
    }
    let argument = parts.dropFirst().joined(separator: " ")
    let options = arguments(for: parts[0], state: state).filter { $0.hasPrefix(argument) }
    return parts[0] + " " + extend(argument, options: options, then: "")
  }

  /// What a command's argument can be, from the screen's data.
  static func arguments(for command: String, state: AppState) -> [String] {
    switch command {
    case "window": TimeWindow.allCases.map(\.label)
    case "at":
      ["now", "-15m", "-1h"]
        + state.snapshot.deploys.suffix(5).reversed().map {
          Formatting.clock($0.time, offsetSeconds: state.snapshot.offsetSeconds)
        }
    case "theme": Theme.builtinNames
    case "service": ScreenRows.services(state).map(\.name)
    case "job": state.snapshot.jobs.map(\.name)
    default: []
    }
  }

  private static func extend(_ text: String, options: [String], then suffix: String) -> String {
    guard let first = options.first else { return text }
    if options.count == 1 { return first + suffix }
    var common = first
    for o in options.dropFirst() {
      while !o.hasPrefix(common) { common.removeLast() }
    }
    return common.count > text.count ? common : text
  }

  /// Runs a command; a mistake is said in the footer, naming what would have worked.
  static func run(_ text: String, _ state: inout AppState) -> [Effect] {
    let words = text.split(separator: " ").map(String.init)
    guard let name = words.first else { return [] }
    let argument = words.dropFirst().joined(separator: " ")
    func needs(_ what: String) -> [Effect] {
      state.message =
        ":\(name) needs \(what): \(arguments(for: name, state: state).joined(separator: ", "))"
      return []
    }
    switch name {
    case "q", "quit":
      state.quit = true
      return [.quit]
    case "window":
      guard let w = TimeWindow(label: argument) else { return needs("a window") }
      state.window = w
      state.message = "window \(w.label)"
      state.awaitingRecompute = true
      return [.recompute]
    case "at":
      guard
        let moment = TimeTravel.moment(
          argument, liveNow: TimeTravel.liveNow(state), offsetSeconds: state.snapshot.offsetSeconds)
      else {
        state.message =
          ":at takes now, 14:05, 14:05:30, -15m, an ISO 8601 time such as 2026-11-24T14:05:00Z "
          + "or epoch seconds"
        return []
      }
      return TimeTravel.travel(&state, to: moment)
    case "theme":
      guard Theme.builtinNames.contains(argument) else { return needs("a theme") }
      return [.setTheme(argument)]
    case "service":
      guard ScreenRows.service(state, argument) != nil else { return needs("a service") }
      state.stack = [ScreenFrame(.main), ScreenFrame(.service(argument))]
    case "job":
      guard ScreenRows.job(state, argument) != nil else { return needs("a job") }
      state.stack = [ScreenFrame(.main), ScreenFrame(.job(argument))]
    case "errors": state.stack = [ScreenFrame(.main), ScreenFrame(.errors)]
    case "deploy": state.stack = [ScreenFrame(.main), ScreenFrame(.deploy)]
    case "sources": state.stack = [ScreenFrame(.main), ScreenFrame(.sources)]
    case "follow", "pause":
      state.following = name == "follow"
      state.message = state.following ? "following" : "paused"
      return state.following ? [.recompute] : []
    case "help": state.showHelp = true
    default:
      state.message =
        "unknown command :\(name); try "
        + commands.dropLast().map { ":" + $0 }.joined(separator: " ")
    }
    return []
  }
}
