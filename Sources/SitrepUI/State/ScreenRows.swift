import SitrepCore

/// How many selectable rows each screen has, and what they are, so `update` and views agree.
public enum ScreenRows {
  public static func count(_ state: AppState) -> Int {
    switch state.screen {
    case .main:
      switch state.focus {
      case .services: return state.snapshot.services.count
      case .jobs: return state.snapshot.jobs.count
      case .errors: return state.snapshot.errors.count
      case .deploy: return 0
      case .timeline: return TimelinePanel.service(state)?.timeline.count ?? 0
      }
    case .service(let name):
      return service(state, name).map {
        routes($0, sortColumn: state.frame.sortColumn, filter: state.frame.filter).count
      } ?? 0
    case .route(let name, let route):
      return routeRequests(state, name, route, filter: state.frame.filter).count
    case .request, .record: return 0
    case .job(let name):
      return job(state, name).map { runs($0, filter: state.frame.filter).count } ?? 0
    case .run: return 0
    case .deploy: return state.snapshot.deploys.count
    case .errors: return errors(state, filter: state.frame.filter).count
    case .error: return 0
    case .log: return state.log.visibleIndices.count
    case .sources: return sources(state, filter: state.frame.filter).count
    }
  }

  /// Services as the Services panel lists them: the worst first (DOWN, DEGRADED, SLOW, UNKNOWN,
  /// UP), by name within a verdict, so a failing service is at the top however it is named.
  public static func services(_ state: AppState) -> [ServiceSnapshot] {
    state.snapshot.services.sorted {
      let (a, b) = ($0.verdict.verdict.severity, $1.verdict.verdict.severity)
      return a != b ? a > b : $0.name < $1.name
    }
  }

  public static func service(_ state: AppState, _ name: String) -> ServiceSnapshot? {
    state.snapshot.services.first { $0.name == name }
  }

  /// A route's failed (5xx) and slowest requests in the window, newest first, each once.
  public static func routeRequests(
    _ state: AppState, _ name: String, _ route: String, filter: String = ""
  ) -> [Request] {
    guard let s = service(state, name) else { return [] }
    var seen = Set<String>()
    return listFilter(
      (s.recentErrors + s.slowest).filter {
        routeName($0) == route && seen.insert(requestKey($0)).inserted
      }.sorted { $0.time > $1.time }, filter
    ) { "\($0.status) \($0.method) \($0.path) \($0.client)" }
  }

  /// `/` on a list screen: the rows whose text matches, as k9s filters its lists.
  static func listFilter<T>(_ rows: [T], _ filter: String, text: (T) -> String) -> [T] {
    guard !filter.isEmpty else { return rows }
    let pattern = LinePattern(filter)
    return rows.filter { pattern.matches(text($0)) }
  }

  /// The error signatures the errors screen lists.
  public static func errors(_ state: AppState, filter: String = "") -> [ErrorSignature] {
    listFilter(state.snapshot.errors, filter) {
      "\($0.display) \($0.origin.service ?? "") \($0.origin.job ?? "")"
    }
  }

  /// The sources the sources screen lists.
  public static func sources(_ state: AppState, filter: String = "") -> [SourceHealth] {
    listFilter(state.snapshot.sources, filter) {
      "\($0.path) \($0.service ?? "") \($0.detection?.label ?? "") \($0.state.label)"
    }
  }

  /// A request's row in the routes table: its method and route template (`GET /api/orders/:id`).
  static func routeName(_ r: Request) -> String { "\(r.method) \(r.route)" }

  /// A request's identity in lists: its time, line and status.
  static func requestKey(_ r: Request) -> String { "\(r.time)|\(r.method)|\(r.path)|\(r.status)" }

  public static func job(_ state: AppState, _ name: String) -> JobSummary? {
    state.snapshot.jobs.first { $0.name == name }
  }

  /// A job's runs newest first, as the runs table lists them.
  public static func runs(_ job: JobSummary, filter: String = "") -> [JobRun] {
    listFilter(job.recentRuns.reversed(), filter) {
      "\($0.outcome.rawValue) \($0.runID ?? "") \($0.exception?.summary ?? "") \($0.detail ?? "")"
    }
  }

  /// Deploys newest first, as the deploy screen lists them.
  public static func deploys(_ state: AppState) -> [DeployEvent] {
    state.snapshot.deploys.reversed()
  }

  /// Routes in the order of the frame's sort column: requests, error rate, p95, name.
  public static func routes(
    _ service: ServiceSnapshot, sortColumn: Int, filter: String = ""
  ) -> [RouteSnapshot] {
    let sorted: [RouteSnapshot]
    switch sortColumn % 4 {
    case 1: sorted = service.routes.sorted { ($0.stats.errorRate ?? 0) > ($1.stats.errorRate ?? 0) }
    case 2: sorted = service.routes.sorted { ($0.stats.p95Ms ?? 0) > ($1.stats.p95Ms ?? 0) }
    case 3: sorted = service.routes.sorted { $0.route < $1.route }
    default: sorted = service.routes.sorted { $0.stats.requests > $1.stats.requests }
    }
    return listFilter(sorted, filter) { $0.route }
  }

  /// Screens whose list `/` filters.
  public static func filtersList(_ screen: Screen) -> Bool {
    switch screen {
    case .errors, .sources, .service, .job, .route: true
    default: false
    }
  }

  public static let routeSortNames = ["requests", "error rate", "p95", "route"]

  public static func signature(_ state: AppState, _ key: String) -> ErrorSignature? {
    state.snapshot.errors.first { $0.key == key }
  }
}
