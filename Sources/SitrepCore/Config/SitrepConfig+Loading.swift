import FoundationEssentials
import TOMLKit

extension SitrepConfig {
  /// Reads and checks a `sitrep.toml`. With `knownFormats` (the format catalog's ids), a `format`
  /// naming none of them is an error with a did-you-mean; without it any id is accepted.
  public static func load(path: String, knownFormats: Set<String>? = nil) throws(ConfigError)
    -> SitrepConfig
  {
    let text: String
    do {
      text = try String(contentsOfFile: path, encoding: .utf8)
    } catch {
      throw ConfigError(
        file: path, line: nil, problem: "cannot read the config file",
        fix: "check the path and permissions, or write one with `sitrep init LOGFILE...`")
    }
    return try parse(text: text, path: path, knownFormats: knownFormats)
  }

  /// Parses config text; `path` only names the file in errors. Of several problems, the one on
  /// the earliest line is reported, so fixing top to bottom works.
  public static func parse(
    text: String, path: String = "sitrep.toml", knownFormats: Set<String>? = nil
  ) throws(ConfigError) -> SitrepConfig {
    let table: TOMLTable
    do {
      table = try TOMLText.table(text)
    } catch {
      throw ConfigError(
        file: path, line: error.line, problem: "not valid TOML (\(error.message))",
        fix: error.line == nil
          ? nil
          : "check quotes and brackets on this line; text values need double quotes, e.g. "
            + #"window = "5m""#)
    }
    var reader = ConfigReader(
      path: path, locator: ConfigKeyLocator(text: text), knownFormats: knownFormats)
    let config = reader.readConfig(table)
    if let first = reader.errors.min(by: { ($0.line ?? 0) < ($1.line ?? 0) }) { throw first }
    return config
  }
}
