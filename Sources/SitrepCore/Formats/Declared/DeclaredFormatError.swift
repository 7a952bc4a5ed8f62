/// Why a format definition from config or `--format` could not be compiled: what is wrong, quoting
/// the bad piece, and what to write instead. Config loading turns it into a `ConfigError` on the
/// `format` line.
public struct DeclaredFormatError: Error, Equatable, Sendable, CustomStringConvertible {
  /// `unknown nginx variable $reqeust_time`, `an access format needs $status`, ...
  public var problem: String
  /// `did you mean $request_time?`, `add $status to the log_format`, ...
  public var fix: String

  public init(_ problem: String, fix: String) {
    self.problem = problem
    self.fix = fix
  }

  public var description: String { "\(problem): \(fix)" }
}
