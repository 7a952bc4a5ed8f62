/// Capistrano's `revisions.log`:
/// `Branch main (at 3f2a1c9) deployed as release 20261124135000 by alice` and
/// `alice rolled back to release 20261124132000`.
///
/// A deploy's time is its release name (`%Y%m%d%H%M%S`, UTC as Capistrano writes it). A rollback
/// line has no time of its own (the release named is the old one), so it takes the read time.
public struct CapistranoRules: LineRules {
  let options: DecoderOptions

  public init(options: DecoderOptions) { self.options = options }

  public static let descriptor = FormatDescriptor(
    id: "capistrano", role: .deploys,
    summary: "Capistrano revisions.log (deployed as release / rolled back to release)",
    scoreLine: { parse($0, readAt: 0, options: DecoderOptions()) == nil ? 0 : 1 },
    makeDecoder: { options, sink in
      HoldingDecoder(
        formatID: "capistrano", rules: CapistranoRules(options: options), requests: sink)
    })

  public mutating func outcome(for line: String, readAt: EpochSeconds) -> LineOutcome? {
    guard let event = Self.parse(line, readAt: readAt, options: options) else { return nil }
    return LineOutcome(emit: [.deploy(event)])
  }

  static func parse(_ line: String, readAt: EpochSeconds, options: DecoderOptions) -> DeployEvent? {
    let words = line.split(separator: " ")
    if words.count >= 8, words[0] == "Branch", words[2] == "(at", words[3].hasSuffix(")"),
      words[4] == "deployed", words[5] == "as", words[6] == "release"
    {
      let release = String(words[7])
      guard let time = releaseTime(release) else { return nil }
      let by = words.count >= 10 && words[8] == "by" ? String(words[9]) : nil
      return DeployEvent(
        time: time, kind: .deploy, version: release, service: options.service, by: by,
        commit: String(words[3].dropLast()))
    }
    if words.count >= 6, words[1] == "rolled", words[2] == "back", words[3] == "to",
      words[4] == "release", releaseTime(String(words[5])) != nil
    {
      return DeployEvent(
        time: readAt, kind: .rollback, version: String(words[5]), service: options.service,
        by: String(words[0]))
    }
    return nil
  }

  /// `20261124135000` → 2026-11-24 13:50:00 UTC.
  static func releaseTime(_ release: String) -> EpochSeconds? {
    guard release.utf8.count == 14 else { return nil }
    return release.withLineBytes { bytes -> EpochSeconds? in
      var c = ByteCursor(bytes)
      guard let y = c.readFixedInt(4), let mo = c.readFixedInt(2), let d = c.readFixedInt(2),
        let h = c.readFixedInt(2), let mi = c.readFixedInt(2), let s = c.readFixedInt(2)
      else { return nil }
      return CivilDate.epoch(year: y, month: mo, day: d, hour: h, minute: mi, second: s)
    }
  }
}
