import Foundation
import Testing

/// A detached tmux server of its own (unique `-L` socket) running one command in one pane, for
/// driving the real dashboard as a user would. Call `kill()` in a `defer`: the server and the
/// dashboard under it go away even when the test fails.
final class TmuxSession {
  let socket: String
  /// How long `waitFor` polls before giving up.
  static let deadline: TimeInterval = 20

  /// Starts `command` (run by the pane's shell) in a `width`x`height` window. `environment` is
  /// exported in the pane's shell before the command, so the tmux server itself keeps a sane env.
  init(command: String, width: Int = 120, height: Int = 40, environment: [String: String] = [:])
    throws
  {
    socket = "sitrep-e2e-\(UUID().uuidString)"
    let exports = environment.sorted { $0.key < $1.key }
      .map { "export \($0.key)=\(Self.shellQuote($0.value));" }
      .joined(separator: " ")
    // `remain-on-exit` is not needed: the shell stays after the command so its state can be read.
    let script = "\(exports) \(command)"
    try tmux(
      startingServer: true,
      [
        "-f", "/dev/null", "new-session", "-d", "-x", String(width), "-y", String(height),
        "/bin/sh -c \(Self.shellQuote(script + "; exec /bin/sh"))",
      ])
    // Fixed window size regardless of attached clients (there are none).
    _ = try? tmux(["set-option", "-g", "window-size", "manual"])
  }

  static func shellQuote(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }

  /// Runs tmux against this session's server; throws with stderr when tmux fails.
  ///
  /// `startingServer`: the tmux server daemonizes from this command and keeps what it inherits:
  /// every descriptor, including the socket Foundation's `Process` watches to learn that its
  /// child exited (`waitUntilExit` would never return), and the test thread's signal mask, in
  /// which SIGTERM is blocked (`kill-server` signals the server with SIGTERM, so it would never
  /// exit). So that command goes through perl (perl-base is essential on Debian), which
  /// unblocks every signal and closes every descriptor above stderr before exec'ing tmux.
  @discardableResult
  func tmux(startingServer: Bool = false, _ arguments: [String]) throws -> String {
    var env = CommandRunner.baseEnvironment()
    env["TERM"] = "xterm-256color"
    env.removeValue(forKey: "TMUX")
    let launcher =
      "use POSIX; sigprocmask(SIG_SETMASK, POSIX::SigSet->new);"
      + " POSIX::close($_) for 3..1023; exec @ARGV or die \"exec tmux: $!\\n\";"
    let result =
      startingServer
      ? try CommandRunner.run(
        "/usr/bin/env", ["perl", "-e", launcher, "tmux", "-L", socket] + arguments,
        environment: env)
      : try CommandRunner.run("/usr/bin/env", ["tmux", "-L", socket] + arguments, environment: env)
    guard result.status == 0 else {
      throw E2EFailure("tmux \(arguments.joined(separator: " ")): \(result.stderr)")
    }
    return result.stdout
  }

  /// The pane's visible text, one string per row.
  func capture() throws -> String {
    try tmux(["capture-pane", "-p", "-t", "0"])
  }

  /// Sends keys by tmux name (`q`, `Enter`, `Tab`, `Escape`, `C-c`).
  func send(_ keys: String...) throws {
    try tmux(["send-keys", "-t", "0"] + keys)
  }

  /// Sends literal text (no key-name lookup).
  func type(_ text: String) throws {
    try tmux(["send-keys", "-t", "0", "-l", text])
  }

  /// A tmux format value for the pane (`#{alternate_on}`, `#{cursor_flag}`, `#{pane_pid}`).
  func display(_ format: String) throws -> String {
    try tmux(["display-message", "-p", "-t", "0", format])
      .trimmingCharacters(in: .whitespacesAndNewlines)
  }

  func resize(width: Int, height: Int) throws {
    try tmux(["resize-window", "-t", "0", "-x", String(width), "-y", String(height)])
  }

  /// Polls the screen until `condition` holds on it, for at most `deadline` seconds. Returns the
  /// screen that satisfied it; throws with the last screen otherwise, so the failure shows why.
  @discardableResult
  func waitFor(
    _ what: String, timeout: TimeInterval = TmuxSession.deadline,
    _ condition: (String) -> Bool
  ) throws -> String {
    let end = Date().addingTimeInterval(timeout)
    var screen = ""
    repeat {
      screen = (try? capture()) ?? ""
      if condition(screen) { return screen }
      // A short pause between polls keeps tmux from spinning a core; it is not synchronisation.
      Thread.sleep(forTimeInterval: 0.05)
    } while Date() < end
    throw E2EFailure(
      "timed out after \(Int(timeout)) s waiting for \(what); screen was:\n\(screen)")
  }

  /// Polls until the screen contains `text`.
  @discardableResult
  func waitFor(text: String, timeout: TimeInterval = TmuxSession.deadline) throws -> String {
    try waitFor("\"\(text)\"", timeout: timeout) { $0.contains(text) }
  }

  /// Polls a tmux format until it has the wanted value.
  func waitFor(format: String, toBe value: String) throws {
    let end = Date().addingTimeInterval(Self.deadline)
    var last = ""
    repeat {
      last = (try? display(format)) ?? ""
      if last == value { return }
      Thread.sleep(forTimeInterval: 0.05)
    } while Date() < end
    throw E2EFailure("timed out waiting for \(format) = \(value); last was \(last)")
  }

  /// Stops the server and everything in it, and checks it really went away: a server left
  /// behind by every test would pile up on the machine.
  func kill() {
    _ = try? tmux(["kill-server"])
    let end = Date().addingTimeInterval(5)
    while Date() < end {
      if (try? tmux(["has-session"])) == nil { return }
      Thread.sleep(forTimeInterval: 0.05)
    }
    Issue.record("tmux server \(socket) still running after kill-server")
  }
}
