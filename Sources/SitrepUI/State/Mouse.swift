/// What the mouse did, at which cell. Only what sitrep answers is reported: the left button going
/// down and the wheel; other buttons and releases are left out by the terminal front end.
public struct MouseEvent: Sendable, Equatable {
  public enum Kind: Sendable, Equatable {
    /// The left button went down.
    case press
    case wheelUp
    case wheelDown
  }

  public var kind: Kind
  public var x: Int
  public var y: Int
  /// When it happened, in milliseconds on a monotonic clock: two presses on the same row close
  /// together are a double click. Given by the run loop so `Update` stays pure.
  public var millis: Int

  public init(_ kind: Kind, x: Int, y: Int, millis: Int = 0) {
    self.kind = kind
    self.x = x
    self.y = y
    self.millis = millis
  }
}

/// The last press, to tell a double click from two clicks.
public struct LastClick: Sendable, Equatable {
  public var scope: HitScope
  public var row: Int?
  public var key: String?
  public var millis: Int
}

/// How the wheel moves things: a list's selection one row per notch, as j/k do (k9s, htop, mutt);
/// text (a traceback, the log, the help) three lines per notch, as less and vim scroll.
public enum MouseSteps {
  public static let listRows = 1
  public static let textLines = 3
  /// Two presses on the same row this close together (milliseconds) are a double click: GTK's
  /// and xterm's default are 400 and 250; 400 forgives a slower hand.
  public static let doubleClickMillis = 400
}
