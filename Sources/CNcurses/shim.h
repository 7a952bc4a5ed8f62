// What Swift cannot import from <curses.h> directly: macros, and globals that Swift 6 rejects as
// shared mutable state. Each is wrapped in a static inline function.
#ifndef SITREP_NCURSES_SHIM_H
#define SITREP_NCURSES_SHIM_H
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <wchar.h>
#include <curses.h>
#include <sys/ioctl.h>
#include <signal.h>

static inline WINDOW *sitrep_stdscr(void) { return stdscr; }
/// newterm on the process's own stdin/stdout (Swift 6 rejects touching the stdio globals).
static inline SCREEN *sitrep_newterm(void) { return newterm(NULL, stdout, stdin); }
static inline int sitrep_lines(void) { return LINES; }
static inline int sitrep_cols(void) { return COLS; }
static inline int sitrep_colors(void) { return COLORS; }
static inline int sitrep_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t sitrep_a_bold(void) { return A_BOLD; }
static inline attr_t sitrep_a_dim(void) { return A_DIM; }
static inline attr_t sitrep_a_reverse(void) { return A_REVERSE; }
static inline attr_t sitrep_a_underline(void) { return A_UNDERLINE; }
static inline attr_t sitrep_a_normal(void) { return A_NORMAL; }
static inline attr_t sitrep_color_pair(short n) { return COLOR_PAIR(n); }
static inline int sitrep_key_resize(void) { return KEY_RESIZE; }
/// Whether the terminal (after newterm) can put the cursor anywhere: TERM=dumb cannot, and a
/// dashboard drawn on it is a blank screen.
static inline int sitrep_can_address_cursor(void) {
  char *cup = tigetstr("cup");
  return cup != NULL && cup != (char *)-1;
}

/// Terminal size from the kernel, for SIGWINCH handling outside ncurses' own handler.
static inline int sitrep_winsize(int fd, int *rows, int *cols) {
  struct winsize ws;
  if (ioctl(fd, TIOCGWINSZ, &ws) != 0) return -1;
  *rows = ws.ws_row;
  *cols = ws.ws_col;
  return 0;
}

/// Draw one wide character with attributes and a colour pair at (y, x).
static inline int sitrep_put_wch(int y, int x, wchar_t ch, attr_t attrs, short pair) {
  cchar_t cc;
  wchar_t text[2] = {ch, 0};
  setcchar(&cc, text, attrs, pair, NULL);
  return mvadd_wch(y, x, &cc);
}

// The mouse: the left button going down and the wheel (buttons 4 and 5), reported at once.
// mouseinterval(0) turns off ncurses' own click resolution, which would hold every press back
// (166 ms by default) to see whether a release or a second click follows; sitrep tells a double
// click itself. ncurses turns the terminal's mouse reporting off in endwin (exit, Ctrl-Z) and
// back on when the screen is next refreshed (fg).
static inline int sitrep_enable_mouse(void) {
  mouseinterval(0);
  return mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL) != 0;
}
static inline void sitrep_disable_mouse(void) { mousemask(0, NULL); }
static inline int sitrep_key_mouse(void) { return KEY_MOUSE; }

/// One mouse event waiting after KEY_MOUSE: 1 left press, 2 wheel up, 3 wheel down, 0 anything
/// else (another button, a release), -1 none left. Events that came in one read (a fast double
/// click over SSH: press, release, press, release) are all queued behind a single KEY_MOUSE, and
/// getmouse hands them out newest first.
static inline int sitrep_read_mouse(int *x, int *y) {
  MEVENT ev;
  if (getmouse(&ev) != OK) return -1;
  *x = ev.x;
  *y = ev.y;
  if (ev.bstate & BUTTON1_PRESSED) return 1;
  if (ev.bstate & BUTTON4_PRESSED) return 2;
  if (ev.bstate & BUTTON5_PRESSED) return 3;
  return 0;
}

#include <unistd.h>
#include <langinfo.h>
#include <string.h>

// Signal plumbing. Handlers only set a flag and write a byte to a self-pipe so the run loop's
// poll(2) wakes; all terminal work happens on the main thread.
static volatile sig_atomic_t sitrep_signal_flag = 0;
static int sitrep_signal_pipe_fd = -1;

static void sitrep_on_signal(int sig) {
  sitrep_signal_flag = sig;
  if (sitrep_signal_pipe_fd >= 0) {
    char b = 1;
    ssize_t ignored = write(sitrep_signal_pipe_fd, &b, 1);
    (void)ignored;
  }
}

/// Installs handlers for SIGINT, SIGTERM and SIGHUP before curses starts (curses then leaves them).
static inline void sitrep_install_signal_handlers(int pipe_write_fd) {
  sitrep_signal_pipe_fd = pipe_write_fd;
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = sitrep_on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
  sigaction(SIGHUP, &sa, NULL);
  signal(SIGPIPE, SIG_IGN);
}

static inline int sitrep_signal_received(void) { return (int)sitrep_signal_flag; }

// On a crash, put the terminal back before the default action (core dump) runs.
static void sitrep_on_crash(int sig) {
  endwin();
  signal(sig, SIG_DFL);
  raise(sig);
}

static inline void sitrep_install_crash_handlers(void) {
  int sigs[] = {SIGSEGV, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE};
  for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = sitrep_on_crash;
    sigemptyset(&sa.sa_mask);
    sigaction(sigs[i], &sa, NULL);
  }
}

/// True when the current locale's character set is UTF-8.
static inline int sitrep_locale_is_utf8(void) {
  const char *cs = nl_langinfo(CODESET);
  return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}
#endif
