/// What config says about a job: how often it should run and how long it may take.
public struct JobExpectation: Sendable, Equatable {
  /// Exact job name or a glob with `*`.
  public var pattern: String
  public var everySeconds: Double?
  public var maxDurationSeconds: Double?

  public init(pattern: String, everySeconds: Double? = nil, maxDurationSeconds: Double? = nil) {
    self.pattern = pattern
    self.everySeconds = everySeconds
    self.maxDurationSeconds = maxDurationSeconds
  }

  public func matches(_ name: String) -> Bool { GlobMatch.matches(pattern: pattern, name) }
}

/// `*` and `?` globbing over names, without touching the file system.
public enum GlobMatch {
  public static func matches(pattern: String, _ text: String) -> Bool {
    let p = Array(pattern.unicodeScalars)
    let t = Array(text.unicodeScalars)
    var pi = 0
    var ti = 0
    var star = -1
    var mark = 0
    while ti < t.count {
      if pi < p.count && (p[pi] == "?" || p[pi] == t[ti]) {
        pi += 1
        ti += 1
      } else if pi < p.count && p[pi] == "*" {
        star = pi
        mark = ti
        pi += 1
      } else if star >= 0 {
        pi = star + 1
        mark += 1
        ti = mark
      } else {
        return false
      }
    }
    while pi < p.count && p[pi] == "*" { pi += 1 }
    return pi == p.count
  }
}
