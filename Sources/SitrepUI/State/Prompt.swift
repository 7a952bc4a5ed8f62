/// A line being typed at the bottom of the screen: a search (`/` forward, `?` backward) or a
/// filter (`&`), with the keys people bring from readline: Ctrl-U clears, Ctrl-W deletes a word,
/// ↑ and ↓ walk the history. It starts empty, as less's prompt does.
public struct Prompt: Sendable, Equatable {
  public enum Kind: Sendable, Equatable {
    case searchForward, searchBackward, filter, command
    /// `/` on a list screen: filters its rows.
    case list

    /// The character shown before the text, the key that opened it.
    public var sigil: String {
      switch self {
      case .searchForward: "/"
      case .searchBackward: "?"
      case .filter: "&"
      case .command: ":"
      case .list: "/"
      }
    }
  }

  public var kind: Kind
  public var text = ""
  /// Position in the history while ↑/↓ walk it (`nil`: the line being typed, kept in `draft`).
  var historyIndex: Int?
  var draft = ""

  public init(_ kind: Kind) { self.kind = kind }

  /// Ctrl-W: the word before the end and the spaces after it.
  mutating func deleteWord() {
    while text.last == " " { text.removeLast() }
    while let c = text.last, c != " " { text.removeLast() }
  }

  /// ↑ (`older`) or ↓ through `history`, oldest first.
  mutating func walk(_ history: [String], older: Bool) {
    guard !history.isEmpty else { return }
    if older {
      let next = (historyIndex ?? history.count) - 1
      guard next >= 0 else { return }
      if historyIndex == nil { draft = text }
      historyIndex = next
      text = history[next]
    } else {
      guard let i = historyIndex else { return }
      if i + 1 < history.count {
        historyIndex = i + 1
        text = history[i + 1]
      } else {
        historyIndex = nil
        text = draft
      }
    }
  }
}
