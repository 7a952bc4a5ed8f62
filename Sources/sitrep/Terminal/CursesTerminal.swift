import CNcurses
import Glibc
import SitrepUI

/// Why the terminal could not be opened, in words for the user.
struct TerminalError: Error, CustomStringConvertible {
  var description: String
}

/// What the terminal read: a key or a mouse event, in the order they came.
enum TerminalInput {
  case key(Key)
  case mouse(MouseEvent)
}

/// The ncursesw front end: opens the terminal, blits canvases, reads keys, and always puts the
/// terminal back. Only ever used from the main thread.
final class CursesTerminal {
  private(set) var width = 0
  private(set) var height = 0
  let isUTF8: Bool
  private var screen: OpaquePointer?
  private var previous: Canvas?
  private var pairs: [Role: (attrs: attr_t, pair: Int16)] = [:]
  private var open = false
  let colorCount: Int

  /// `mouse`: report clicks and the wheel (off: the terminal keeps its own selection).
  init(theme: Theme, mouse: Bool = true) throws {
    guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
      throw TerminalError(
        description:
          "sitrep's dashboard needs a terminal; for scripts use `sitrep report` or `sitrep check`")
    }
    // Only the character set comes from the environment: wide-character drawing needs it, while
    // numbers must keep the C locale's decimal point (String(cFormat:) prints through printf).
    setlocale(LC_CTYPE, "")
    isUTF8 = sitrep_locale_is_utf8() != 0
    // newterm, unlike initscr, returns NULL on an unknown TERM instead of exiting.
    screen = sitrep_newterm()
    guard screen != nil else {
      let term = getenv("TERM").map { String(cString: $0) } ?? "(unset)"
      throw TerminalError(
        description: "unknown terminal type TERM=\(term); try TERM=xterm-256color or TERM=xterm")
    }
    guard sitrep_can_address_cursor() != 0 else {
      endwin()
      delscreen(screen)
      screen = nil
      let term = getenv("TERM").map { String(cString: $0) } ?? "(unset)"
      throw TerminalError(
        description:
          "terminal type TERM=\(term) cannot move the cursor, so the dashboard cannot be drawn; "
          + "try TERM=xterm-256color, or `sitrep report` for plain text")
    }
    open = true
    sitrep_install_crash_handlers()
    cbreak()
    noecho()
    nonl()
    keypad(sitrep_stdscr(), true)
    nodelay(sitrep_stdscr(), true)
    set_escdelay(25)
    curs_set(0)
    if mouse { _ = sitrep_enable_mouse() }
    var colors = 0
    if has_colors() {
      start_color()
      use_default_colors()
      colors = Int(sitrep_colors())
    }
    colorCount = colors
    width = Int(sitrep_cols())
    height = Int(sitrep_lines())
    apply(theme)
  }

  /// Maps every role to a colour pair and attributes for this terminal's colour count.
  func apply(_ theme: Theme) {
    pairs = [:]
    for (i, role) in Role.allCases.enumerated() {
      let style = theme.style(role)
      var attrs = sitrep_a_normal()
      if style.bold { attrs |= sitrep_a_bold() }
      if style.dim { attrs |= sitrep_a_dim() }
      if style.underline { attrs |= sitrep_a_underline() }
      if style.reverse { attrs |= sitrep_a_reverse() }
      var pair: Int16 = 0
      if colorCount >= 8 && Int(sitrep_color_pairs()) > i + 1 {
        let fg = Int16(style.fg.foregroundIndex(forColors: colorCount, on: style.bg))
        let bg = Int16(style.bg.index(forColors: colorCount))
        if fg >= 0 || bg >= 0 {
          pair = Int16(i + 1)
          init_pair(pair, fg, bg)
        }
      } else if colorCount < 8 && (role == .selection || role == .header || role == .footer) {
        attrs |= sitrep_a_reverse()
      }
      pairs[role] = (attrs, pair)
    }
    previous = nil
  }

  /// Copies the canvas to the screen, touching only cells that changed since the last frame;
  /// ncurses then sends only what differs from what the terminal shows.
  func draw(_ canvas: Canvas) {
    let full =
      previous == nil || previous!.width != canvas.width || previous!.height != canvas.height
    if full { erase() }
    for y in 0..<canvas.height {
      for x in 0..<canvas.width {
        let cell = canvas[x, y]
        if !full, previous![x, y] == cell { continue }
        guard let scalar = cell.scalar else { continue }
        let style = pairs[cell.role] ?? (sitrep_a_normal(), 0)
        var attrs = style.attrs
        if cell.bold { attrs |= sitrep_a_bold() }
        sitrep_put_wch(Int32(y), Int32(x), wchar_t(scalar.value), attrs, style.pair)
      }
    }
    previous = canvas
    refresh()
  }

  /// No frame on record (just opened, resized, a theme applied): the next draw paints every cell,
  /// so it is due even if the state did not change.
  var needsFullDraw: Bool { previous == nil }

  /// Drops the last frame so the next draw repaints everything (Ctrl-L, theme change).
  func invalidate() {
    previous = nil
    clearok(sitrep_stdscr(), true)
  }

  /// Reads every key and mouse event waiting; `.resize` is reported separately with the new size.
  func readInput() -> (input: [TerminalInput], resized: Bool) {
    var keys: [TerminalInput] = []
    var resized = false
    var ch: wint_t = 0
    while true {
      let r = get_wch(&ch)
      if r == ERR { break }
      if r == KEY_CODE_YES {
        let code = Int32(ch)
        if code == sitrep_key_resize() {
          resized = true
          width = Int(sitrep_cols())
          height = Int(sitrep_lines())
          previous = nil
          continue
        }
        if code == sitrep_key_mouse() {
          keys += Self.mouseEvents().map { .mouse($0) }
          continue
        }
        if let k = Self.keyFromCode(code) { keys.append(.key(k)) }
      } else if let k = Self.keyFromChar(UInt32(ch)) {
        keys.append(.key(k))
      }
    }
    let known = UnknownEscapeSequences.removed(from: keys) {
      if case .key(let k) = $0 { return k }
      return nil
    }
    return (known, resized)
  }

  /// Every mouse event ncurses holds after a KEY_MOUSE, oldest first, stamped with the monotonic
  /// clock. Taking only the newest lost the first press of a double click that came in one read.
  static func mouseEvents() -> [MouseEvent] {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    let millis = Int(now.tv_sec) * 1000 + Int(now.tv_nsec) / 1_000_000
    var events: [MouseEvent] = []
    var x: Int32 = 0
    var y: Int32 = 0
    // Bounded: ncurses' queue holds a handful of events.
    for _ in 0..<64 {
      let kind: MouseEvent.Kind
      switch sitrep_read_mouse(&x, &y) {
      case -1: return events.reversed()
      case 1: kind = .press
      case 2: kind = .wheelUp
      case 3: kind = .wheelDown
      default: continue
      }
      events.append(MouseEvent(kind, x: Int(x), y: Int(y), millis: millis))
    }
    return events.reversed()
  }

  static func keyFromCode(_ code: Int32) -> Key? {
    switch code {
    case KEY_UP: .up
    case KEY_DOWN: .down
    case KEY_LEFT: .left
    case KEY_RIGHT: .right
    case KEY_PPAGE: .pageUp
    case KEY_NPAGE: .pageDown
    case KEY_HOME: .home
    case KEY_END: .end
    case KEY_ENTER: .enter
    case KEY_BACKSPACE: .backspace
    case KEY_BTAB: .backTab
    default: nil
    }
  }

  static func keyFromChar(_ c: UInt32) -> Key? {
    switch c {
    case 9: return .tab
    case 10, 13: return .enter
    case 27: return .escape
    case 8, 127: return .backspace
    case 1...26: return .control(Character(Unicode.Scalar(c + 96)!))
    default:
      guard let s = Unicode.Scalar(c), c >= 32 else { return nil }
      return .char(Character(s))
    }
  }

  /// Leaves curses: cursor shown, modes reset, the screen as the shell had it.
  func close() {
    guard open else { return }
    open = false
    curs_set(1)
    // endwin also turns the terminal's mouse reporting off; saying so first costs nothing and
    // does not depend on it.
    sitrep_disable_mouse()
    endwin()
    if let screen { delscreen(screen) }
    screen = nil
  }

  deinit { close() }
}
