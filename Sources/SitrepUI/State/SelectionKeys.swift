import SitrepCore

/// What each selected row is, so a selection stays on the same service, job, run, route,
/// signature, deploy or source when a new snapshot adds, drops or reorders rows: a highlight that
/// jumped to another run as runs arrived opened the wrong one.
struct SelectionKeys {
  var panels: [String?]
  var frames: [String?]

  /// The identity of every selectable row of a main-screen panel, in the order drawn.
  static func keys(of panel: Panel, in state: AppState) -> [String] {
    switch panel {
    case .services: ScreenRows.services(state).map(\.name)
    case .jobs: state.snapshot.jobs.map(\.name)
    case .errors: state.snapshot.errors.map(\.key)
    case .deploy: []
    // A step by its start: the cursor stays on the same moment as the window slides.
    case .timeline: TimelinePanel.service(state)?.timeline.map { "\($0.from)" } ?? []
    }
  }

  /// The identity of every selectable row of a drill-down screen, in the order drawn; `nil` for
  /// screens without a list (the log view keeps its own cursor).
  static func keys(of frame: ScreenFrame, in state: AppState) -> [String]? {
    switch frame.screen {
    case .service(let name):
      return ScreenRows.service(state, name).map {
        ScreenRows.routes($0, sortColumn: frame.sortColumn, filter: frame.filter).map(\.route)
      }
    case .job(let name):
      return ScreenRows.job(state, name).map {
        ScreenRows.runs($0, filter: frame.filter).map(runKey)
      }
    case .route(let name, let route):
      return ScreenRows.routeRequests(state, name, route, filter: frame.filter).map(
        ScreenRows.requestKey)
    case .deploy: return ScreenRows.deploys(state).map { "\($0.time)" }
    case .errors: return ScreenRows.errors(state, filter: frame.filter).map(\.key)
    case .sources: return ScreenRows.sources(state, filter: frame.filter).map(\.path)
    case .main, .run, .error, .log, .request, .record: return nil
    }
  }

  static func runKey(_ run: JobRun) -> String {
    let ref = RunRef(run)
    return "\(ref.runID ?? "")|\(ref.startedAt ?? -1)|\(ref.endedAt ?? -1)"
  }

  static func taken(from state: AppState) -> SelectionKeys {
    SelectionKeys(
      panels: Panel.allCases.map {
        key(at: state.panelSelection[$0.rawValue], keys(of: $0, in: state))
      },
      frames: state.stack.map { key(at: $0.selected, keys(of: $0, in: state)) })
  }

  private static func key(at index: Int, _ keys: [String]?) -> String? {
    guard let keys, keys.indices.contains(index) else { return nil }
    return keys[index]
  }

  /// Moves each selection to where its row is now; a row that left keeps the position. A panel
  /// whose selection nobody moved stays on its top row: the worst service, the failing job, the
  /// newest error, as the list sorts them, not the row that happened to be first at start-up.
  func restore(in state: inout AppState) {
    for panel in Panel.allCases where state.pickedPanels.contains(panel) {
      if let key = panels[panel.rawValue],
        let i = Self.keys(of: panel, in: state).firstIndex(of: key)
      {
        state.panelSelection[panel.rawValue] = i
      }
    }
    for (level, key) in frames.enumerated() where level < state.stack.count {
      if let key, let i = Self.keys(of: state.stack[level], in: state)?.firstIndex(of: key) {
        state.stack[level].selected = i
      }
    }
  }
}
