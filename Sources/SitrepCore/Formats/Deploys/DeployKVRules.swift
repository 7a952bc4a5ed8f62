/// A deploy log as `TIMESTAMP VERSION key=value...`:
/// `2026-11-24T13:50:00Z v1.4.2 service=api by=alice rollback="./deploy.sh v1.4.1"`.
public struct DeployKVRules: LineRules {
  let options: DecoderOptions

  public init(options: DecoderOptions) { self.options = options }

  public static let descriptor = FormatDescriptor(
    id: "deploy-kv", role: .deploys,
    summary: "deploy log: TIMESTAMP VERSION key=value (service=, by=, commit=, rollback=)",
    scoreLine: { line in
      guard let d = parse(line, readAt: 0, options: DecoderOptions()) else { return 0 }
      return d.version != nil ? 1.0 : 0.6
    },
    makeDecoder: { options, sink in
      HoldingDecoder(formatID: "deploy-kv", rules: DeployKVRules(options: options), requests: sink)
    })

  public mutating func outcome(for line: String, readAt: EpochSeconds) -> LineOutcome? {
    guard let event = Self.parse(line, readAt: readAt, options: options) else { return nil }
    return LineOutcome(emit: [.deploy(event)])
  }

  static func parse(_ line: String, readAt: EpochSeconds, options: DecoderOptions) -> DeployEvent? {
    line.withLineBytes { bytes -> DeployEvent? in
      var c = ByteCursor(bytes)
      guard let time = TimestampParser.iso8601(&c, naiveZone: options.naiveZone),
        c.skipSpaces() > 0
      else { return nil }
      var version: String?
      let save = c.index
      let token = c.readToken()
      if !token.isEmpty, !bytes[token].contains(UInt8(ascii: "=")) {
        version = c.string(token)
      } else {
        c.index = save
      }
      let restRange = c.rest
      let pairs =
        restRange.isEmpty
        ? [] : Logfmt.parse(LineBytes(rebasing: bytes[restRange])) ?? []
      guard !restRange.isEmpty ? !pairs.isEmpty : version != nil else { return nil }
      var fields: [String: String] = [:]
      for (k, v) in pairs where fields[k] == nil { fields[k] = TextSanitizer.display(v) }
      func value(_ keys: [String]) -> String? { keys.lazy.compactMap { fields[$0] }.first }
      let kind = DeployKind.from(value(DeployJSONLRules.kindKeys))
      version = version ?? value(DeployJSONLRules.versionKeys)
      guard version != nil || kind != .deploy else { return nil }
      return DeployEvent(
        time: time, kind: kind, version: version,
        service: value(DeployJSONLRules.serviceKeys) ?? options.service,
        by: value(DeployJSONLRules.byKeys), commit: value(DeployJSONLRules.commitKeys),
        rollback: value(DeployJSONLRules.rollbackKeys))
    }
  }
}
