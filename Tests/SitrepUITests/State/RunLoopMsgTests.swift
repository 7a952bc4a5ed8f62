import SitrepCore
import SitrepUI
import Testing

/// The messages the run loop sends besides keys (the clock, the first read, a theme switched, a
/// signal): it changes the state only through them, so each is checked through `Update.apply`.
@Suite struct RunLoopMsgTests {
  var state = DemoFixture.state()

  @Test func aTickMovesTheHeadersClockAndNothingElse() {
    var s = state
    #expect(s.clock == nil)
    #expect(Update.apply(&s, .tick(DemoFixture.now + 7)).isEmpty)
    #expect(s.clock == DemoFixture.now + 7)
    let header = RootView.render(s, ctx: ViewContext(glyphs: .unicode)).lines[0]
    #expect(header.contains(Formatting.clock(DemoFixture.now + 7, offsetSeconds: 0)))
    // The snapshot keeps its own time: a tick is not a recompute.
    #expect(s.snapshot == state.snapshot)
    _ = Update.apply(&s, .tick(DemoFixture.now + 8))
    #expect(s.clock == DemoFixture.now + 8)
  }

  @Test func theFirstReadShowsInTheHeaderUntilItIsOver() {
    var s = DemoFixture.state(width: 160, height: 50)
    _ = Update.apply(&s, .loading("reading"))
    #expect(RootView.render(s, ctx: ViewContext(glyphs: .unicode)).lines[0].contains("reading"))
    _ = Update.apply(&s, .loading(nil))
    #expect(s.loading == nil)
    #expect(!RootView.render(s, ctx: ViewContext(glyphs: .unicode)).lines[0].contains("reading"))
  }

  @Test func aSwitchedThemeIsNamedInTheStateAndTheFooterUntilTheNextKey() {
    var s = state
    #expect(press(&s, .char("t")) == [.cycleTheme])
    #expect(s.themeName == "dark")  // the run loop picks the theme, then says which
    #expect(Update.apply(&s, .themeChanged("light")).isEmpty)
    #expect(s.themeName == "light")
    #expect(s.message == "theme light")
    let footer = RootView.render(s, ctx: ViewContext(glyphs: .unicode)).lines.last ?? ""
    #expect(footer.contains("theme light"))
    press(&s, .down)
    #expect(s.message == nil)
    #expect(s.themeName == "light")
  }

  @Test func aSignalQuitsFromAnyScreenEvenUnderTheHelp() {
    var s = state
    press(&s, .tab, .enter, .char("?"))
    let before = s.stack
    #expect(Update.apply(&s, .quit) == [.quit])
    #expect(s.quit)
    // Unlike `q`, which would only close the help, and go back a level after that.
    #expect(s.stack == before)
    #expect(s.showHelp)
  }
}
