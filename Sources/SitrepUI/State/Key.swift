/// A key press, decoded from whatever the terminal sent.
public enum Key: Sendable, Equatable {
  case char(Character)
  case up, down, left, right, pageUp, pageDown, home, end
  case enter, escape, backspace, tab, backTab
  /// Ctrl-L and friends, as the letter.
  case control(Character)
}
