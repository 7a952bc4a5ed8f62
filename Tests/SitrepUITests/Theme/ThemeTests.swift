import Foundation
import SitrepUI
import Testing

@Suite struct ThemeTests {
  /// The repository root, from this file's place in `Tests/SitrepUITests/Theme/`.
  static let repoRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static func themeFile(_ name: String) throws -> String {
    try String(
      contentsOf: repoRoot.appendingPathComponent("themes/\(name).toml"), encoding: .utf8)
  }

  static func parseError(_ text: String) -> ThemeError? {
    do {
      _ = try Theme.parse(text, file: "broken.toml")
      return nil
    } catch {
      return error
    }
  }

  // MARK: built-in themes

  @Test(arguments: ["dark", "light", "monochrome", "high-contrast"])
  func eachBuiltinThemeParsesWithEveryRole(_ name: String) throws {
    let theme = try #require(Theme.builtin(name))
    #expect(theme.name == name)
    let missing = Role.allCases.filter { theme.styles[$0] == nil }
    #expect(missing.isEmpty, "roles without a style: \(missing)")
  }

  @Test func theBuiltinNamesAreTheShippedFiles() throws {
    let files = try FileManager.default.contentsOfDirectory(
      atPath: Self.repoRoot.appendingPathComponent("themes").path
    ).filter { $0.hasSuffix(".toml") }.map { String($0.dropLast(5)) }
    #expect(Set(files) == Set(Theme.builtinNames))
    #expect(Theme.builtinNames.first == "dark", "the default comes first")
  }

  @Test(arguments: ["dark", "light", "monochrome", "high-contrast"])
  func builtinTextEqualsTheFileInThemes(_ name: String) throws {
    let builtin = try #require(BuiltinThemes.sources.first { $0.name == name })
    let file = try Self.themeFile(name)
    // The embedded raw string has no final newline; the file may.
    #expect(builtin.toml == file || builtin.toml + "\n" == file, "run scripts/embed-themes")
  }

  @Test func monochromeUsesNoColour() throws {
    let theme = try #require(Theme.builtin("monochrome"))
    for role in Role.allCases {
      #expect(theme.style(role).fg == .terminalDefault && theme.style(role).bg == .terminalDefault)
    }
    #expect(theme.style(.selection).reverse)
  }

  @Test func aMissingRoleFallsBackToNormal() throws {
    let theme = try Theme.parse(
      "[roles]\nnormal = { fg = \"green\" }\n", file: "t.toml")
    #expect(theme.style(.crit).fg == .indexed(2))
    #expect(theme.name == "t", "a theme without a name is named after its file")
  }

  // MARK: loading

  @Test func noColorAlwaysGivesMonochrome() throws {
    #expect(try ThemeLoader.load("dark", noColor: true).name == "monochrome")
    #expect(try ThemeLoader.load(nil, noColor: true).name == "monochrome")
    #expect(try ThemeLoader.load("/no/such/file.toml", noColor: true).name == "monochrome")
  }

  @Test func theDefaultIsDarkAndNamesAndPathsLoad() throws {
    #expect(try ThemeLoader.load(nil, noColor: false).name == "dark")
    #expect(try ThemeLoader.load("light", noColor: false).name == "light")
    let path = Self.repoRoot.appendingPathComponent("themes/high-contrast.toml").path
    #expect(try ThemeLoader.load(path, noColor: false) == Theme.builtin("high-contrast"))
  }

  @Test func anUnknownNameOrMissingFileIsAClearError() {
    #expect {
      try ThemeLoader.load("solarized", noColor: false)
    } throws: { error in
      "\(error)".contains("no such theme") && "\(error)".contains("dark, light")
    }
    #expect {
      try ThemeLoader.load("/no/such/theme.toml", noColor: false)
    } throws: { error in
      "\(error)".contains("/no/such/theme.toml") && "\(error)".contains("cannot read")
    }
  }

  @Test func tCyclesThroughTheBuiltinsInOrder() {
    var name = "dark"
    var seen: [String] = []
    for _ in 0..<4 {
      name = ThemeLoader.next(after: name).name
      seen.append(name)
    }
    #expect(seen == ["light", "monochrome", "high-contrast", "dark"])
    #expect(ThemeLoader.next(after: "/some/custom.toml").name == "dark")
  }

  // MARK: broken themes name the line

  static let good = """
    # comment
    name = "mine"

    [roles]
    normal = { fg = "default" }
    muted = { fg = 245 }
    ok = { fg = "green" }
    """

  @Test func anUnknownRoleNamesItsLineAndTheKnownRoles() throws {
    let error = try #require(Self.parseError(Self.good + "\ncritical = { fg = \"red\" }\n"))
    #expect(error.line == 8)
    #expect(error.file == "broken.toml")
    #expect(error.message.contains("unknown role 'critical'"))
    #expect(error.message.contains("crit"))
    #expect(error.description.hasPrefix("broken.toml:8: "))
  }

  @Test func aBadColourNamesItsLine() throws {
    for bad in ["\"purple\"", "300", "-1", "\"#ff5f5\"", "\"#gggggg\"", "true"] {
      let error = try #require(
        Self.parseError(Self.good + "\nwarn = { fg = \(bad), bold = true }\n"))
      #expect(error.line == 8, "\(bad)")
      #expect(error.message.contains("colour name, 0-255"), "\(bad)")
    }
  }

  @Test func aBadAttributeNamesItsLine() throws {
    let notBool = try #require(Self.parseError(Self.good + "\nwarn = { bold = \"yes\" }\n"))
    #expect(notBool.line == 8)
    #expect(notBool.message.contains("true or false"))
    let unknown = try #require(Self.parseError(Self.good + "\nwarn = { blink = true }\n"))
    #expect(unknown.line == 8)
    #expect(unknown.message.contains("unknown attribute 'blink'"))
    let notTable = try #require(Self.parseError(Self.good + "\nwarn = \"yellow\"\n"))
    #expect(notTable.line == 8)
    #expect(notTable.message.contains("needs a table"))
  }

  @Test func badTOMLNamesItsLine() throws {
    let error = try #require(Self.parseError(Self.good + "\ncrit = { fg = \"red\" bold = true }\n"))
    #expect(error.line == 8)
    #expect(error.message.hasPrefix("not valid TOML"))
  }

  /// A header the TOML parser would abort on (scripts/fuzz found it) is an error with its line.
  @Test func aTableHeaderWithoutANameIsAnErrorNotACrash() throws {
    let error = try #require(Self.parseError(Self.good + "\n[%roles]\n"))
    #expect(error.line == 8)
    #expect(error.message.hasPrefix("not valid TOML"))
  }

  @Test func aThemeWithoutRolesOrWithStrayKeysIsRejected() throws {
    let noRoles = try #require(Self.parseError("name = \"x\"\n"))
    #expect(noRoles.message.contains("no [roles] table"))
    let stray = try #require(Self.parseError("name = \"x\"\ncolour = 3\n[roles]\n"))
    #expect(stray.line == 2)
    #expect(stray.message.contains("unknown key 'colour'"))
  }

  @Test
  func anErrorInAKeyThatPrefixesAnotherPointsAtItsOwnLine() throws {
    let error = try #require(Self.parseError(Self.good + "\nmute = { fg = 1 }\n"))
    #expect(error.line == 8)
  }

  @Test
  func anErrorInARoleSubTableNamesItsLine() throws {
    let error = try #require(Self.parseError(Self.good + "\n\n[roles.crit]\nfg = \"purple\"\n"))
    #expect(error.line == 10 || error.line == 9)
  }

  // MARK: colours

  @Test func colourNamesParse() {
    #expect(ColorSpec(name: "default") == .terminalDefault)
    #expect(ColorSpec(name: "red") == .indexed(1))
    #expect(ColorSpec(name: "Cyan") == .indexed(6))
    #expect(ColorSpec(name: "bright-red") == .indexed(9))
    #expect(ColorSpec(name: "#FF5f5F") == .rgb(255, 95, 95))
    #expect(ColorSpec(name: "purple") == nil)
    #expect(ColorSpec(name: "bright-purple") == nil)
    #expect(ColorSpec(name: "#ff5f5") == nil)
    #expect(ColorSpec(name: "#ff5f5ff") == nil)
    #expect(ColorSpec(name: "ff5f5f") == nil)
  }

  @Test
  func aSignedHexColourIsRejected() {
    #expect(ColorSpec(name: "#+12345") == nil)
    #expect(ColorSpec(name: "#-00000") == nil)
  }

  @Test func rgbDegradesTo256Colours() {
    #expect(ColorSpec.rgb(0xff, 0x5f, 0x5f).index(forColors: 256) == 203)
    #expect(ColorSpec.rgb(0, 0xff, 0).index(forColors: 256) == 46)
    #expect(ColorSpec.rgb(0, 0, 0xff).index(forColors: 256) == 21)
    #expect(ColorSpec.rgb(0x87, 0xaf, 0xd7).index(forColors: 256) == 110)
    // Greys go to the grey ramp, not the cube.
    #expect(ColorSpec.rgb(0x80, 0x80, 0x80).index(forColors: 256) == 244)
    #expect(ColorSpec.rgb(0x12, 0x12, 0x12).index(forColors: 256) == 233)
  }

  @Test func rgbDegradesTo8ColoursByHue() {
    #expect(ColorSpec.rgb(0xff, 0x5f, 0x5f).index(forColors: 8) == 1)
    #expect(ColorSpec.rgb(0x20, 0xd0, 0x30).index(forColors: 8) == 2)
    #expect(ColorSpec.rgb(0xf0, 0xe0, 0x40).index(forColors: 8) == 3)
    #expect(ColorSpec.rgb(0x10, 0x10, 0xd0).index(forColors: 8) == 4)
    #expect(ColorSpec.rgb(0x00, 0xc0, 0xd0).index(forColors: 8) == 6)
    #expect(ColorSpec.rgb(0, 0, 0).index(forColors: 8) == 0)
    #expect(ColorSpec.rgb(0xff, 0xff, 0xff).index(forColors: 8) == 7)
  }

  @Test func indexedColoursDegradeToTheBasicOnes() {
    #expect(ColorSpec.indexed(5).index(forColors: 8) == 5)
    #expect(ColorSpec.indexed(9).index(forColors: 8) == 1, "bright red → red")
    #expect(ColorSpec.indexed(203).index(forColors: 8) == 1)
    #expect(ColorSpec.indexed(245).index(forColors: 8) == 7, "a light grey → white")
    #expect(ColorSpec.indexed(236).index(forColors: 8) == 0, "a dark grey → black")
    #expect(ColorSpec.indexed(203).index(forColors: 256) == 203)
    #expect(ColorSpec.indexed(12).index(forColors: 16) == 12)
    #expect(ColorSpec.terminalDefault.index(forColors: 8) == -1)
  }

  @Test func aGreyForegroundOn8ColoursIsTheDefaultTextColourNotBlackOrWhite() {
    // The dark theme's borders (240) and the light theme's (249) on the terminal's background.
    #expect(ColorSpec.indexed(240).foregroundIndex(forColors: 8, on: .terminalDefault) == -1)
    #expect(ColorSpec.indexed(249).foregroundIndex(forColors: 8, on: .terminalDefault) == -1)
    #expect(
      ColorSpec.rgb(0x80, 0x80, 0x80).foregroundIndex(forColors: 8, on: .terminalDefault) == -1)
    // 16 colours and more have a grey of their own.
    #expect(ColorSpec.indexed(240).foregroundIndex(forColors: 16, on: .terminalDefault) == 8)
    #expect(ColorSpec.indexed(240).foregroundIndex(forColors: 256, on: .terminalDefault) == 240)
    // Colours keep their hue; black and white stay themselves.
    #expect(ColorSpec.indexed(203).foregroundIndex(forColors: 8, on: .terminalDefault) == 1)
    #expect(ColorSpec.indexed(0).foregroundIndex(forColors: 8, on: .indexed(7)) == 0)
  }

  @Test func aForegroundThatLandsOnItsBackgroundFallsBackToTheDefault() {
    #expect(ColorSpec.indexed(236).foregroundIndex(forColors: 8, on: .indexed(0)) == -1)
    #expect(ColorSpec.indexed(15).foregroundIndex(forColors: 8, on: .indexed(7)) == -1)
  }

  @Test func everyBuiltinColourHasAnIndexOnEveryTerminal() throws {
    for name in Theme.builtinNames {
      let theme = try #require(Theme.builtin(name))
      for role in Role.allCases {
        for colors in [8, 16, 256] {
          for spec in [theme.style(role).fg, theme.style(role).bg] {
            let i = spec.index(forColors: colors)
            #expect(i == -1 || (0..<colors).contains(i), "\(name) \(role) on \(colors)")
          }
        }
      }
    }
  }
}
