/// A deploy log in JSON lines: `{"ts": ..., "service": "api", "version": "v1.4.2", "by": "alice",
/// "commit": "3f2a1c9", "rollback": "./deploy.sh v1.4.1"}`. An `action` / `type` / `kind` /
/// `event` of `rollback` (or `restart`) sets the kind; a `rollback` field is the undo command.
public struct DeployJSONLRules: LineRules {
  let options: DecoderOptions

  public init(options: DecoderOptions) { self.options = options }

  static let versionKeys = ["version", "release", "tag", "image_tag"]
  static let serviceKeys = ["service", "app", "application", "component"]
  static let byKeys = ["by", "user", "author", "deployer", "actor"]
  static let commitKeys = ["commit", "sha", "revision", "git_sha", "git_commit"]
  static let rollbackKeys = ["rollback", "rollback_cmd", "rollback_command", "undo"]
  static let kindKeys = ["action", "type", "kind", "event"]

  public static let descriptor = FormatDescriptor(
    id: "deploy-jsonl", role: .deploys,
    summary: "deploy log, JSON lines (ts, service, version, by, commit, rollback)",
    scoreLine: { score($0) },
    makeDecoder: { options, sink in
      HoldingDecoder(
        formatID: "deploy-jsonl", rules: DeployJSONLRules(options: options), requests: sink)
    })

  public mutating func outcome(for line: String, readAt: EpochSeconds) -> LineOutcome? {
    guard let o = JSONObject.parse(line) else { return nil }
    guard let event = Self.deploy(o, readAt: readAt, options: options) else { return .ignoredLine }
    return LineOutcome(emit: [.deploy(event)])
  }

  static func deploy(_ o: JSONObject, readAt: EpochSeconds, options: DecoderOptions) -> DeployEvent?
  {
    func text(_ keys: [String]) -> String? {
      guard let v = o.first(keys)?.value, v.stringValue != nil || v.numberValue != nil else {
        return nil
      }
      let s = TextSanitizer.display(v.text)
      return s.isEmpty ? nil : s
    }
    let kind = DeployKind.from(text(kindKeys))
    let version = text(versionKeys)
    guard version != nil || kind != .deploy else { return nil }
    var time = readAt
    if let t = o.first(JSONJobsRules.timeKeys + ["deployed_at", "date"]),
      let parsed = JSONLogRules.time(t.value, readAt: readAt, options: options)
    {
      time = parsed
    }
    return DeployEvent(
      time: time, kind: kind, version: version, service: text(serviceKeys) ?? options.service,
      by: text(byKeys), commit: text(commitKeys), rollback: text(rollbackKeys))
  }

  static func score(_ line: String) -> Double {
    guard let o = JSONObject.parse(line) else { return 0 }
    let hasVersion = o.first(versionKeys) != nil
    let logLike = o.first(JSONLogRules.levelKeys) != nil || o.first(JSONJobsRules.statusKeys) != nil
    guard hasVersion else {
      return DeployKind.from(o.first(kindKeys)?.value.text) != .deploy ? 0.8 : 0.1
    }
    if logLike { return 0.4 }
    let extras = [serviceKeys, byKeys, commitKeys].filter { o.first($0) != nil }.count
    return extras > 0 ? 1.0 : 0.8
  }
}

enum DeployKind {
  /// `rollback` / `restart` words in an action field; anything else is a deploy.
  static func from(_ text: String?) -> DeployEvent.Kind {
    switch text?.lowercased() {
    case "rollback", "rolled_back", "rolled-back", "revert": .rollback
    case "restart", "restarted", "reload": .restart
    default: .deploy
    }
  }
}
