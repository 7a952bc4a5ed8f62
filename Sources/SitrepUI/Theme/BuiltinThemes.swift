// Generated from themes/*.toml by scripts/embed-themes; a test checks they stay identical.

/// The themes shipped in `themes/`, compiled in so the binary works from any directory.
public enum BuiltinThemes {
  public static let sources: [(name: String, toml: String)] = [
    (
      "dark",
      #"""
      # sitrep dark theme (the default). Roles map to a colour and attributes.
      # Colours: a name (default, black, red, green, yellow, blue, magenta, cyan, white, or bright-NAME),
      # a number 0-255, or "#rrggbb". Terminals with fewer colours get the nearest one they have.
      # Attributes: bold, dim, underline, reverse (true/false).
      name = "dark"

      [roles]
      normal = { fg = "default" }
      muted = { fg = 245 }
      accent = { fg = "cyan", bold = true }
      border = { fg = 240 }
      title = { fg = "white", bold = true }
      header = { fg = "black", bg = "cyan" }
      footer = { fg = 250, bg = 236 }
      key = { fg = "yellow", bold = true }
      ok = { fg = "green" }
      warn = { fg = "yellow", bold = true }
      crit = { fg = "#ff5f5f", bold = true }
      unknown = { fg = 245 }
      selection = { fg = "black", bg = "white" }
      spark = { fg = "cyan" }
      breadcrumb = { fg = "cyan" }
      match = { fg = "black", bg = "yellow" }
      """#
    ),
    (
      "light",
      #"""
      # sitrep light theme, for terminals with a light background.
      name = "light"

      [roles]
      normal = { fg = "default" }
      muted = { fg = 244 }
      accent = { fg = "blue", bold = true }
      border = { fg = 249 }
      title = { fg = "black", bold = true }
      header = { fg = "white", bg = "blue" }
      footer = { fg = 236, bg = 253 }
      key = { fg = "magenta", bold = true }
      ok = { fg = 28 }
      warn = { fg = 130, bold = true }
      crit = { fg = 160, bold = true }
      unknown = { fg = 244 }
      selection = { fg = "white", bg = 24 }
      spark = { fg = "blue" }
      breadcrumb = { fg = "blue" }
      match = { fg = "black", bg = 229 }
      """#
    ),
    (
      "monochrome",
      #"""
      # sitrep monochrome theme: attributes only, no colour. Used when NO_COLOR is set.
      name = "monochrome"

      [roles]
      normal = {}
      muted = { dim = true }
      accent = { bold = true }
      border = { dim = true }
      title = { bold = true }
      header = { reverse = true }
      footer = { reverse = true }
      key = { bold = true }
      ok = {}
      warn = { bold = true }
      crit = { bold = true, underline = true }
      unknown = { dim = true }
      selection = { reverse = true }
      spark = {}
      breadcrumb = { bold = true }
      match = { reverse = true }
      """#
    ),
    (
      "high-contrast",
      #"""
      # sitrep high-contrast theme: bright colours on black, bold everywhere it helps.
      name = "high-contrast"

      [roles]
      normal = { fg = "bright-white", bg = "black" }
      muted = { fg = "white", bg = "black" }
      accent = { fg = "bright-cyan", bg = "black", bold = true }
      border = { fg = "bright-white", bg = "black" }
      title = { fg = "bright-white", bg = "black", bold = true }
      header = { fg = "black", bg = "bright-yellow", bold = true }
      footer = { fg = "black", bg = "bright-white" }
      key = { fg = "bright-yellow", bg = "black", bold = true }
      ok = { fg = "bright-green", bg = "black", bold = true }
      warn = { fg = "bright-yellow", bg = "black", bold = true }
      crit = { fg = "bright-white", bg = "red", bold = true }
      unknown = { fg = "white", bg = "black" }
      selection = { fg = "black", bg = "bright-cyan", bold = true }
      spark = { fg = "bright-cyan", bg = "black" }
      breadcrumb = { fg = "bright-yellow", bg = "black" }
      match = { fg = "black", bg = "bright-yellow" }
      """#
    ),
  ]
}
