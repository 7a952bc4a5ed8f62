/// A problem with `sitrep.toml`, said the way a compiler would: where, what, and what to write.
public struct ConfigError: Error, CustomStringConvertible, Equatable, Sendable {
  public var file: String
  /// 1-based; nil when the problem has no single line (a file that cannot be read).
  public var line: Int?
  public var problem: String
  /// What to write instead, e.g. `expected a number of milliseconds, e.g. p95_ms = 500`.
  public var fix: String?

  public init(file: String, line: Int?, problem: String, fix: String? = nil) {
    self.file = file
    self.line = line
    self.problem = problem
    self.fix = fix
  }

  /// `sitrep.toml:12: p95_ms = "fast" is not a number: expected a number of milliseconds, ...`
  public var description: String {
    let place = line.map { "\(file):\($0)" } ?? file
    guard let fix else { return "\(place): \(problem)" }
    return "\(place): \(problem): \(fix)"
  }
}
