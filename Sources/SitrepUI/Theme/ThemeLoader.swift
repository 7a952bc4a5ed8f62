import FoundationEssentials

/// Finds a theme by name (built in) or path, honouring NO_COLOR.
public enum ThemeLoader {
  /// `nameOrPath`: a built-in name, or a path to a `.toml` file. With `noColor`, monochrome always.
  public static func load(_ nameOrPath: String?, noColor: Bool) throws(ThemeError) -> Theme {
    if noColor { return Theme.builtin("monochrome")! }
    let requested = nameOrPath ?? "dark"
    if let t = Theme.builtin(requested) { return t }
    guard requested.contains("/") || requested.hasSuffix(".toml") else {
      throw ThemeError(
        file: requested, line: 0,
        message:
          "no such theme; built in: \(Theme.builtinNames.joined(separator: ", ")), or give a path to a .toml file"
      )
    }
    guard let text = try? String(contentsOfFile: requested, encoding: .utf8) else {
      throw ThemeError(file: requested, line: 0, message: "cannot read the theme file")
    }
    return try Theme.parse(text, file: requested)
  }

  /// The theme after `current` for `t`: the built-ins in order.
  public static func next(after current: String) -> Theme {
    let names = Theme.builtinNames
    let i = names.firstIndex(of: current).map { ($0 + 1) % names.count } ?? 0
    return Theme.builtin(names[i])!
  }
}
