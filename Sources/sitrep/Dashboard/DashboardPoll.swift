import CNcurses
import FoundationEssentials
import Glibc
import SitrepCore
import SitrepUI

/// Poll: where the UI thread sleeps. Blocks in poll(2) on the terminal, the signal pipe and the
/// model thread's pipe, with a timeout computed from the next deadline (never a busy loop), then
/// says what happened. Reading the keys is part of it; what they mean is the dispatch's business.
struct DashboardPoll {
  /// What woke the UI thread.
  enum Wakeup {
    /// SIGINT, SIGTERM or SIGHUP: the dashboard ends without reading keys or drawing again.
    case signal
    /// The keys and mouse events waiting (maybe none: a timeout, the model's output) and the
    /// terminal's new size after a SIGWINCH.
    case input([TerminalInput], resizedTo: (width: Int, height: Int)?)
  }

  let terminal: CursesTerminal
  /// The read end of the pipe the signal handlers write a byte to.
  let signalPipe: Int32
  /// Readable when the model thread has posted output.
  let modelWake: Int32

  /// Opens the signal pipe and installs the handlers, before curses starts (curses then leaves
  /// them). The pipe is never closed: a handler may still write to it after the dashboard ends,
  /// and a closed descriptor's number could by then belong to another file.
  static func installSignalPipe() throws -> Int32 {
    var fds: [Int32] = [0, 0]
    guard pipe(&fds) == 0 else {
      throw TerminalError(description: "cannot create a pipe for signals")
    }
    _ = fcntl(fds[0], F_SETFL, O_NONBLOCK)
    _ = fcntl(fds[1], F_SETFL, O_NONBLOCK)
    sitrep_install_signal_handlers(fds[1])
    return fds[0]
  }

  var signalled: Bool { sitrep_signal_received() != 0 }

  /// Blocks until a key, a signal, the model's output, or `deadline` (wall seconds; the wait is
  /// capped at a second, so a wall clock set back cannot stall the header's clock).
  func wait(until deadline: Double) -> Wakeup {
    let timeout = Int32(
      saturating: max(0, min(1000, ((deadline - Date().timeIntervalSince1970) * 1000).rounded(.up)))
    )
    var polls = [
      pollfd(fd: 0, events: Int16(POLLIN), revents: 0),
      pollfd(fd: signalPipe, events: Int16(POLLIN), revents: 0),
      pollfd(fd: modelWake, events: Int16(POLLIN), revents: 0),
    ]
    _ = poll(&polls, nfds_t(polls.count), timeout)
    if signalled { return .signal }
    ModelThread.drain(signalPipe)
    let (input, resized) = terminal.readInput()
    return .input(input, resizedTo: resized ? (terminal.width, terminal.height) : nil)
  }

  /// Blocks until the model thread posts something or `deadline` (wall seconds) passes; `false`
  /// once it has passed, without waiting.
  func waitForModel(until deadline: Double) -> Bool {
    let left = Int32(saturating: ((deadline - Date().timeIntervalSince1970) * 1000).rounded(.up))
    if left <= 0 { return false }
    var wake = [pollfd(fd: modelWake, events: Int16(POLLIN), revents: 0)]
    _ = poll(&wake, 1, left)
    return true
  }
}
