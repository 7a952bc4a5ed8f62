/// Renders the run loop's frames. When nothing but the clock moved since the last frame (the
/// once-a-second tick of a quiet dashboard), only the header row is rendered again, into the last
/// canvas: the result is the same as `RootView.render`, without rebuilding every view.
public struct FrameRenderer {
  private var last: (state: AppState, canvas: Canvas, unicode: Bool)?
  /// Frames that only re-rendered the header (for tests).
  public private(set) var headerOnlyFrames = 0

  public init() {}

  public mutating func render(_ state: AppState, ctx: ViewContext) -> Canvas {
    if let last, last.unicode == ctx.glyphs.isUnicode, Self.onlyClockDiffers(last.state, state),
      state.width >= RootView.minimumWidth, state.height >= RootView.minimumHeight
    {
      var header = Canvas(width: state.width, height: 1)
      HeaderView.render(state, into: &header, area: header.bounds, ctx: ctx)
      if !ctx.glyphs.isUnicode { header = header.asciiFolded() }
      var canvas = last.canvas
      for x in 0..<state.width { canvas[x, 0] = header[x, 0] }
      self.last = (state, canvas, ctx.glyphs.isUnicode)
      headerOnlyFrames += 1
      return canvas
    }
    let canvas = RootView.render(state, ctx: ctx)
    last = (state, canvas, ctx.glyphs.isUnicode)
    return canvas
  }

  /// Forgets the last frame (the next one is rendered whole).
  public mutating func reset() { last = nil }

  /// `b` is `a` after at most a clock tick. Asked through `Update` (a tick is a `Msg`) rather than
  /// by writing the clock, so `Update` stays the only writer of the state.
  static func onlyClockDiffers(_ a: AppState, _ b: AppState) -> Bool {
    guard let clock = b.clock else { return a == b }
    var ticked = a
    _ = Update.apply(&ticked, .tick(clock))
    return ticked == b
  }
}
