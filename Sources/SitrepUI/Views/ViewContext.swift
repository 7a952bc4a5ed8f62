import SitrepCore

/// What every view needs besides the state: which glyphs the terminal can show.
public struct ViewContext: Sendable {
  public var glyphs: Glyphs

  public init(glyphs: Glyphs) { self.glyphs = glyphs }

  public func marker(_ v: Verdict) -> (String, Role) {
    switch v {
    case .up: (glyphs.bullet, .ok)
    case .slow: (glyphs.warn, .warn)
    case .degraded: (glyphs.warn, .warn)
    case .down: (glyphs.crit, .crit)
    case .unknown: (glyphs.unknown, .unknown)
    }
  }

  public func role(_ v: Verdict) -> Role {
    marker(v).1
  }

  public func marker(_ s: JobStatus) -> (String, Role) {
    switch s {
    case .failing: (glyphs.crit, .crit)
    case .overdue: (glyphs.warn, .warn)
    case .runningLong: (glyphs.running, .warn)
    case .running: (glyphs.running, .accent)
    case .retrying: (glyphs.warn, .warn)
    case .ok: (glyphs.ok, .ok)
    }
  }
}
