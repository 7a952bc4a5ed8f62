import FoundationEssentials
import SitrepCore
import TOMLKit

/// How one role looks.
public struct RoleStyle: Sendable, Equatable {
  public var fg: ColorSpec = .terminalDefault
  public var bg: ColorSpec = .terminalDefault
  public var bold = false
  public var dim = false
  public var underline = false
  public var reverse = false

  public init() {}
}

/// A theme file that could not be used, with where and what to write instead.
public struct ThemeError: Error, CustomStringConvertible, Equatable {
  public var file: String
  public var line: Int
  public var message: String
  public var description: String { "\(file):\(line): \(message)" }
}

/// Roles to styles, read from a `themes/*.toml` file.
public struct Theme: Sendable, Equatable {
  public var name: String
  public var styles: [Role: RoleStyle]

  public func style(_ role: Role) -> RoleStyle { styles[role] ?? styles[.normal] ?? RoleStyle() }

  public static func builtin(_ name: String) -> Theme? {
    guard let source = BuiltinThemes.sources.first(where: { $0.name == name }) else { return nil }
    return try? parse(source.toml, file: "themes/\(name).toml")
  }

  /// The file name without directory and extension, for a theme file that names no `name`.
  static func baseName(_ path: String) -> String {
    let last = path.split(separator: "/").last.map(String.init) ?? path
    return last.hasSuffix(".toml") ? String(last.dropLast(5)) : last
  }

  public static var builtinNames: [String] { BuiltinThemes.sources.map(\.name) }

  public static func parse(_ text: String, file: String) throws(ThemeError) -> Theme {
    let table: TOMLTable
    do {
      table = try TOMLText.table(text)
    } catch {
      throw ThemeError(
        file: file, line: error.line ?? 1, message: "not valid TOML: \(error.message)")
    }
    /// Spaces and tabs off both ends (TOML's whitespace), without Foundation's CharacterSet.
    func blanksTrimmed(_ text: Substring) -> Substring {
      let isBlank = { (c: Character) in c == " " || c == "\t" }
      guard let first = text.firstIndex(where: { !isBlank($0) }),
        let last = text.lastIndex(where: { !isBlank($0) })
      else { return "" }
      return text[first...last]
    }
    /// The line of `key = ...` (the key exactly, not one it prefixes), or of a `[roles.key]` table.
    func line(of key: String) -> Int {
      for (i, l) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        let t = blanksTrimmed(l)
        if t == "[roles.\(key)]" { return i + 1 }
        guard t.hasPrefix(key) else { continue }
        if blanksTrimmed(t.dropFirst(key.count)).hasPrefix("=") {
          return i + 1
        }
      }
      return 1
    }
    var theme = Theme(name: table["name"]?.string ?? Self.baseName(file), styles: [:])
    for key in table.keys where key != "name" && key != "roles" {
      throw ThemeError(
        file: file, line: line(of: key),
        message: "unknown key '\(key)': a theme has `name` and a [roles] table")
    }
    guard let roles = table["roles"]?.table else {
      throw ThemeError(
        file: file, line: 1,
        message: "no [roles] table: add one, e.g. [roles] then ok = { fg = \"green\" }")
    }
    for key in roles.keys {
      guard let role = Role(rawValue: key) else {
        let known = Role.allCases.map(\.rawValue).joined(separator: ", ")
        throw ThemeError(
          file: file, line: line(of: key), message: "unknown role '\(key)'; roles are: \(known)")
      }
      guard let entry = roles[key]?.table else {
        throw ThemeError(
          file: file, line: line(of: key),
          message: "role '\(key)' needs a table, e.g. \(key) = { fg = \"green\", bold = true }")
      }
      var style = RoleStyle()
      for attr in entry.keys {
        let value = entry[attr]!
        switch attr {
        case "fg", "bg":
          let spec: ColorSpec?
          if let i = value.int {
            spec = (0...255).contains(i) ? .indexed(i) : nil
          } else if let s = value.string {
            spec = ColorSpec(name: s)
          } else {
            spec = nil
          }
          guard let spec else {
            throw ThemeError(
              file: file, line: line(of: key),
              message:
                "role '\(key)': \(attr) must be a colour name, 0-255 or \"#rrggbb\", e.g. \(attr) = \"cyan\""
            )
          }
          if attr == "fg" { style.fg = spec } else { style.bg = spec }
        case "bold", "dim", "underline", "reverse":
          guard let b = value.bool else {
            throw ThemeError(
              file: file, line: line(of: key),
              message: "role '\(key)': \(attr) must be true or false")
          }
          switch attr {
          case "bold": style.bold = b
          case "dim": style.dim = b
          case "underline": style.underline = b
          default: style.reverse = b
          }
        default:
          throw ThemeError(
            file: file, line: line(of: key),
            message:
              "role '\(key)': unknown attribute '\(attr)'; use fg, bg, bold, dim, underline, reverse"
          )
        }
      }
      theme.styles[role] = style
    }
    return theme
  }
}
