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
#endif
