/// Renders the whole screen for a state: header, the current screen, footer, help on top.
public enum RootView {
  public static let minimumWidth = 60
  public static let minimumHeight = 16

  /// With ASCII glyphs (a terminal whose locale is not UTF-8) every cell is folded to ASCII,
  /// including text the views and the logs bring.
  public static func render(_ state: AppState, ctx: ViewContext) -> Canvas {
    var canvas = Canvas(width: state.width, height: state.height)
    render(state, into: &canvas, ctx: ctx)
    return ctx.glyphs.isUnicode ? canvas : canvas.asciiFolded()
  }

  public static func render(_ state: AppState, into canvas: inout Canvas, ctx: ViewContext) {
    let area = canvas.bounds
    if area.width < minimumWidth || area.height < minimumHeight {
      canvas.put(
        TextFit.clip(
          "sitrep needs \(minimumWidth)x\(minimumHeight), have \(area.width)x\(area.height)",
          area.width, ellipsis: ctx.glyphs.ellipsis),
        x: 0, y: 0, role: .warn)
      return
    }
    let (header, rest) = area.splitTop(1)
    let (body, footer) = rest.splitTop(rest.height - 1)
    HeaderView.render(state, into: &canvas, area: header, ctx: ctx)
    FooterView.render(state, into: &canvas, area: footer, ctx: ctx)
    if let scope = bodyScope(state.screen) { canvas.mark(body, scope) }
    switch state.screen {
    case .main: MainScreen.render(state, into: &canvas, area: body, ctx: ctx)
    case .service(let name):
      ServiceScreen.render(state, name: name, into: &canvas, area: body, ctx: ctx)
    case .route(let service, let route):
      RouteScreen.render(state, service: service, route: route, into: &canvas, area: body, ctx: ctx)
    case .request(let service, let r):
      RequestScreen.detail(r, service: service, state: state, glyphs: ctx.glyphs).render(
        state, into: &canvas, area: body, ctx: ctx)
    case .job(let name): JobScreen.render(state, name: name, into: &canvas, area: body, ctx: ctx)
    case .run(let job, let run):
      RunScreen.render(state, job: job, run: run, into: &canvas, area: body, ctx: ctx)
    case .deploy: DeployScreen.render(state, into: &canvas, area: body, ctx: ctx)
    case .errors: ErrorsScreen.render(state, into: &canvas, area: body, ctx: ctx)
    case .error(let key): ErrorScreen.render(state, key: key, into: &canvas, area: body, ctx: ctx)
    case .log: LogScreen.render(state, into: &canvas, area: body, ctx: ctx)
    case .record(let lines):
      RecordScreen.detail(lines, state: state, glyphs: ctx.glyphs).render(
        state, into: &canvas, area: body, ctx: ctx)
    case .sources: SourcesScreen.render(state, into: &canvas, area: body, ctx: ctx)
    }
    if state.showHelp { HelpOverlay.render(state, into: &canvas, area: body, ctx: ctx) }
    identifyRows(&canvas.hits, state)
  }

  /// What the wheel scrolls anywhere on a drill-down screen: its one list or body. The main
  /// screen's panels mark themselves.
  static func bodyScope(_ screen: Screen) -> HitScope? {
    switch screen {
    case .main: nil
    case .service, .route, .job, .deploy, .errors, .sources: .list
    case .request, .run, .error, .record: .detail
    case .log: .log
    }
  }

  /// Puts each drawn row's identity in the hit map, so a click selects what was under the
  /// pointer even if the list reorders before the click is read.
  static func identifyRows(_ hits: inout HitMap, _ state: AppState) {
    hits.depth = state.stack.count
    var panelKeys: [Panel: [String]] = [:]
    let listKeys = SelectionKeys.keys(of: state.frame, in: state)
    for i in hits.regions.indices {
      guard let row = hits.regions[i].row else { continue }
      let keys: [String]?
      switch hits.regions[i].scope {
      case .panel(let panel):
        if panelKeys[panel] == nil { panelKeys[panel] = SelectionKeys.keys(of: panel, in: state) }
        keys = panelKeys[panel]
      case .list: keys = listKeys
      // A log line's row is already its index in the view's lines.
      case .log, .detail, .help: keys = nil
      }
      if let keys, keys.indices.contains(row) { hits.regions[i].key = keys[row] }
    }
  }
}
