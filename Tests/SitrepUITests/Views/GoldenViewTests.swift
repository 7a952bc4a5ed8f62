import SitrepCore
import SitrepUI
import Testing

/// Every screen rendered from the demo snapshot and compared with `Golden/*.txt`.
@Suite struct GoldenViewTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var name: String
    var width: Int
    var height: Int
    var glyphs: Glyphs = .unicode
    var make: @Sendable (Int, Int) -> AppState

    var testDescription: String { "\(name)-\(width)x\(height)" }
    var file: String { "\(name)-\(width)x\(height)" }
  }

  static let drillDowns: [(String, @Sendable (Int, Int) -> AppState)] = [
    ("service", Screens.service), ("job", Screens.job), ("run", Screens.run),
    ("deploy", Screens.deploy), ("errors", Screens.errors), ("signature", Screens.errorSignature),
    ("log", Screens.log), ("sources", Screens.sources), ("help", Screens.help),
  ]

  static let cases: [Case] =
    [
      Case(name: "main", width: 80, height: 24, make: Screens.main),
      Case(name: "main", width: 120, height: 40, make: Screens.main),
      Case(name: "main", width: 160, height: 50, make: Screens.main),
      Case(name: "main", width: 100, height: 30, make: Screens.main),
      Case(name: "main", width: 200, height: 60, make: Screens.main),
      Case(name: "timeline", width: 120, height: 40, make: Screens.timeline),
      Case(name: "timeline-ascii", width: 120, height: 40, glyphs: .ascii, make: Screens.timeline),
      Case(name: "route", width: 200, height: 60, make: Screens.route),
      Case(name: "request", width: 200, height: 60, make: Screens.request),
      Case(name: "main-ascii", width: 80, height: 24, glyphs: .ascii, make: Screens.main),
      Case(name: "run-ascii", width: 80, height: 24, glyphs: .ascii, make: Screens.run),
      Case(name: "log-sideways", width: 80, height: 24, make: Screens.logSideways),
      Case(name: "log-search", width: 80, height: 24, make: Screens.logSearch),
      Case(name: "route", width: 80, height: 24, make: Screens.route),
      Case(name: "route", width: 120, height: 40, make: Screens.route),
      Case(name: "request", width: 80, height: 24, make: Screens.request),
      Case(name: "request", width: 120, height: 40, make: Screens.request),
      Case(
        name: "help-log", width: 80, height: 24,
        make: { w, h in
          var s = Screens.log(w, h)
          press(&s, .char("H"))
          return s
        }),
      Case(name: "too-small", width: 50, height: 10, make: Screens.main),
    ]
    + drillDowns.flatMap { name, make in
      [
        Case(name: name, width: 80, height: 24, make: make),
        Case(name: name, width: 120, height: 40, make: make),
        Case(name: name, width: 160, height: 50, make: make),
        Case(name: name, width: 200, height: 60, make: make),
      ]
    }

  @Test(arguments: cases)
  func screenMatchesItsGolden(_ c: Case) {
    let state = c.make(c.width, c.height)
    let canvas = RootView.render(state, ctx: ViewContext(glyphs: c.glyphs))
    #expect(canvas.width == c.width && canvas.height == c.height)
    Golden.check(canvas, c.file)
  }

  @Test func theRunGoldenShowsATraceback() {
    let state = Screens.run(160, 50)
    let text = RootView.render(state, ctx: ViewContext(glyphs: .unicode)).text
    #expect(text.contains("Traceback (most recent call last)"))
    #expect(text.contains("raised at"))
  }

  @Test
  func asciiGlyphsLeaveNoNonASCIIOnScreen() {
    for (name, make) in Self.drillDowns + [("main", Screens.main)] {
      let canvas = RootView.render(make(80, 24), ctx: ViewContext(glyphs: .ascii))
      let wide = canvas.cells.compactMap(\.scalar).filter { !$0.isASCII }
      #expect(wide.isEmpty, "\(name): \(String(String.UnicodeScalarView(wide)))")
    }
  }
}
