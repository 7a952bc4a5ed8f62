/// A colour as a theme writes it, and how to bring it down to what a terminal has.
public enum ColorSpec: Sendable, Equatable {
  case terminalDefault
  /// 0...255 in the xterm palette (0...7 basic, 8...15 bright).
  case indexed(Int)
  case rgb(UInt8, UInt8, UInt8)

  static let names = [
    "black": 0, "red": 1, "green": 2, "yellow": 3, "blue": 4, "magenta": 5, "cyan": 6, "white": 7,
  ]

  /// Parses `default`, a colour name, `bright-NAME`, or `#rrggbb`; `nil` when it is none of them.
  public init?(name: String) {
    let n = name.lowercased()
    if n == "default" || n == "none" {
      self = .terminalDefault
    } else if let i = Self.names[n] {
      self = .indexed(i)
    } else if n.hasPrefix("bright-"), let i = Self.names[String(n.dropFirst(7))] {
      self = .indexed(i + 8)
    } else if n.hasPrefix("#"), n.count == 7, n.dropFirst().allSatisfy(\.isHexDigit),
      let v = UInt32(n.dropFirst(), radix: 16)
    {
      self = .rgb(UInt8(v >> 16), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF))
    } else {
      return nil
    }
  }

  /// The palette index to use on a terminal with `colors` colours; -1 for the terminal default.
  public func index(forColors colors: Int) -> Int {
    switch self {
    case .terminalDefault: return -1
    case .indexed(let i):
      if i < colors { return i }
      return Self.nearestBasic(Self.rgbOf(index: i), limit: colors >= 16 ? 16 : 8)
    case .rgb(let r, let g, let b):
      if colors >= 256 { return Self.nearest256(r, g, b) }
      return Self.nearestBasic((Int(r), Int(g), Int(b)), limit: colors >= 16 ? 16 : 8)
    }
  }

  /// The index of this colour as text drawn on `background`, never the background's own: with 8
  /// colours a grey border (240) became black on the black background and vanished. A grey, or
  /// any colour that lands on the background's index, falls back to the terminal's default text
  /// colour, which is readable on its default background by definition.
  public func foregroundIndex(forColors colors: Int, on background: ColorSpec) -> Int {
    let fg = index(forColors: colors)
    let bg = background.index(forColors: colors)
    guard fg >= 0, colors < 16 else { return fg }
    if fg == bg { return -1 }
    if bg < 0, isMidGrey { return -1 }
    return fg
  }

  /// A grey between near-black and near-white, which 8 colours cannot show as a grey.
  var isMidGrey: Bool {
    let (r, g, b): (Int, Int, Int)
    switch self {
    case .terminalDefault: return false
    case .indexed(let i):
      guard i >= 16 || i == 8 else { return false }
      (r, g, b) = Self.rgbOf(index: i)
    case .rgb(let rr, let gg, let bb): (r, g, b) = (Int(rr), Int(gg), Int(bb))
    }
    return Swift.max(r, g, b) - Swift.min(r, g, b) < 24 && (24...231).contains(r)
  }

  static let basicRGB: [(Int, Int, Int)] = [
    (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
    (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255),
    (255, 0, 255), (0, 255, 255), (255, 255, 255),
  ]

  static func rgbOf(index i: Int) -> (Int, Int, Int) {
    if i < 16 { return basicRGB[Swift.max(0, i)] }
    if i >= 232 {
      let v = 8 + (i - 232) * 10
      return (v, v, v)
    }
    let c = i - 16
    let steps = [0, 95, 135, 175, 215, 255]
    return (steps[c / 36], steps[(c / 6) % 6], steps[c % 6])
  }

  static func nearestBasic(_ c: (Int, Int, Int), limit: Int) -> Int {
    var best = 0
    var bestDistance = Int.max
    for (i, p) in basicRGB.prefix(limit).enumerated() {
      let d = (p.0 - c.0) * (p.0 - c.0) + (p.1 - c.1) * (p.1 - c.1) + (p.2 - c.2) * (p.2 - c.2)
      if d < bestDistance {
        bestDistance = d
        best = i
      }
    }
    return best
  }

  /// Nearest entry of the 6x6x6 cube or the grey ramp.
  static func nearest256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int {
    func step(_ v: UInt8) -> Int { v < 48 ? 0 : v < 115 ? 1 : (Int(v) - 35) / 40 }
    let cube = 16 + 36 * step(r) + 6 * step(g) + step(b)
    let grey = Swift.min(23, Swift.max(0, (Int(r) + Int(g) + Int(b)) / 3 - 3) / 10)
    let c = rgbOf(index: cube)
    let gv = 8 + grey * 10
    let dc =
      (c.0 - Int(r)) * (c.0 - Int(r)) + (c.1 - Int(g)) * (c.1 - Int(g)) + (c.2 - Int(b))
      * (c.2 - Int(b))
    let dg =
      (gv - Int(r)) * (gv - Int(r)) + (gv - Int(g)) * (gv - Int(g)) + (gv - Int(b)) * (gv - Int(b))
    return dg < dc ? 232 + grey : cube
  }
}
