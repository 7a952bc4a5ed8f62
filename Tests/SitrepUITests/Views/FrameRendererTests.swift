import SitrepCore
import SitrepUI
import Testing

/// The run loop's renderer gives exactly `RootView.render`'s frame, re-rendering only the header
/// when the clock is all that moved.
@Suite struct FrameRendererTests {
  @Test(arguments: [Glyphs.unicode, Glyphs.ascii])
  func aClockTickRendersTheSameFrameFromTheHeaderAlone(glyphs: Glyphs) {
    let ctx = ViewContext(glyphs: glyphs)
    var renderer = FrameRenderer()
    var state = DemoFixture.state(width: 100, height: 30)
    _ = Update.apply(&state, .tick(DemoFixture.now))
    #expect(renderer.render(state, ctx: ctx) == RootView.render(state, ctx: ctx))
    for tick in 1...3 {
      _ = Update.apply(&state, .tick(DemoFixture.now + Double(tick)))
      let frame = renderer.render(state, ctx: ctx)
      #expect(frame == RootView.render(state, ctx: ctx))
      #expect(frame.lines[0].contains(Formatting.clock(state.clock!, offsetSeconds: 0)))
    }
    #expect(renderer.headerOnlyFrames == 3)
  }

  @Test func anyOtherChangeRendersEverything() {
    let ctx = ViewContext(glyphs: .unicode)
    var renderer = FrameRenderer()
    var state = DemoFixture.state()
    _ = renderer.render(state, ctx: ctx)
    press(&state, .char("?"))
    #expect(renderer.render(state, ctx: ctx) == RootView.render(state, ctx: ctx))
    press(&state, .char("x"))
    _ = Update.apply(&state, .tick(DemoFixture.now + 1))
    press(&state, .down)
    #expect(renderer.render(state, ctx: ctx) == RootView.render(state, ctx: ctx))
    _ = Update.apply(&state, .resized(width: 90, height: 26))
    #expect(renderer.render(state, ctx: ctx) == RootView.render(state, ctx: ctx))
    #expect(renderer.headerOnlyFrames == 0)
  }

  @Test func theHelpOverlayStaysUnderAClockTick() {
    let ctx = ViewContext(glyphs: .unicode)
    var renderer = FrameRenderer()
    var state = DemoFixture.state()
    press(&state, .char("?"))
    _ = renderer.render(state, ctx: ctx)
    _ = Update.apply(&state, .tick(DemoFixture.now + 5))
    let frame = renderer.render(state, ctx: ctx)
    #expect(frame == RootView.render(state, ctx: ctx))
    #expect(frame.text.contains("Keys:"))
    #expect(renderer.headerOnlyFrames == 1)
  }
}
