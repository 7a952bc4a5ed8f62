/// A change of what is running: a deploy log entry, a rollback, or a server restart seen in an app log.
public struct DeployEvent: Sendable, Equatable {
  public enum Kind: String, Sendable, Equatable, Codable {
    case deploy, rollback, restart
  }

  public var time: EpochSeconds
  public var kind: Kind
  public var version: String?
  /// The service it applies to, `nil` for all.
  public var service: String?
  public var by: String?
  public var commit: String?
  /// How to undo it, as the deploy log says (`./deploy.sh v1.4.1`).
  public var rollback: String?

  public init(
    time: EpochSeconds, kind: Kind = .deploy, version: String? = nil, service: String? = nil,
    by: String? = nil, commit: String? = nil, rollback: String? = nil
  ) {
    self.time = time
    self.kind = kind
    self.version = version
    self.service = service
    self.by = by
    self.commit = commit
    self.rollback = rollback
  }
}
