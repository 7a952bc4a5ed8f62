import SitrepCore

/// Which lines a log view shows: the sources of a service, a job, or everything, optionally
/// pre-filtered to lines containing some text (a run id, an exception type).
public struct LogQuery: Sendable, Equatable {
  public var title: String
  public var service: String?
  public var roles: [String]
  public var mustContain: String?
  public var path: String?
  /// Only lines stamped within this span (a request's neighbourhood).
  public var within: ClosedRange<EpochSeconds>?

  public init(
    title: String, service: String? = nil, roles: [String] = [], mustContain: String? = nil,
    path: String? = nil, within: ClosedRange<EpochSeconds>? = nil
  ) {
    self.title = title
    self.service = service
    self.roles = roles
    self.mustContain = mustContain
    self.path = path
    self.within = within
  }
}

/// Which run a run screen shows, by identity rather than list position: new runs arrive at the
/// top of the list while the screen is open, and it must keep showing the run the user chose.
public struct RunRef: Sendable, Equatable {
  public var runID: String?
  public var startedAt: EpochSeconds?
  /// For a run known only by its end (a cron line saying it failed).
  public var endedAt: EpochSeconds?

  public init(_ run: JobRun) {
    runID = run.runID
    startedAt = run.startedAt
    endedAt = run.startedAt == nil ? run.endedAt : nil
  }

  /// The id when the run has one; else its start, or its end for a run seen only ending.
  public func matches(_ run: JobRun) -> Bool {
    if let runID { return run.runID == runID }
    if let startedAt { return run.runID == nil && run.startedAt == startedAt }
    return run.runID == nil && run.startedAt == nil && run.endedAt == endedAt
  }

  /// The run among `runs`, wherever it has moved to; `nil` once it has left the list.
  public func find(in runs: [JobRun]) -> JobRun? { runs.first(where: matches) }
}

/// Where the user is. The main screen is the root; drill-downs stack on top of it.
public enum Screen: Sendable, Equatable {
  case main
  case service(String)
  /// One route of a service: its numbers and its failed and slowest requests.
  case route(service: String, route: String)
  /// One request and the exception that caused it, found in the lines around its time.
  case request(service: String, Request)
  case job(String)
  case run(job: String, run: RunRef)
  case deploy
  case errors
  case error(String)
  case log(LogQuery)
  /// One record of a log view (a line and the traceback lines under it), laid out for reading.
  case record([ArchivedLine])
  case sources

  /// The breadcrumb label of this level.
  public var crumb: String {
    switch self {
    case .main: "main"
    case .service(let name): "service \(name)"
    case .route(_, let route): "route \(route)"
    case .request(_, let r): "request \(r.status)"
    case .job(let name): "job \(name)"
    case .run: "run"
    case .deploy: "deploy"
    case .errors: "errors"
    case .error: "signature"
    case .log(let q): "log \(q.title)"
    case .record: "record"
    case .sources: "sources"
    }
  }
}

/// One level of the drill-down stack with its own cursor.
public struct ScreenFrame: Sendable, Equatable {
  public var screen: Screen
  public var selected: Int = 0
  /// Table sort column where the screen has one (routes).
  public var sortColumn: Int = 0
  /// First body line shown on a detail screen (error, run); `nil` until the user scrolls, so the
  /// view keeps opening on the innermost app frame as the sample changes.
  public var scroll: Int?
  /// Library frames of a traceback shown instead of folded (`z`).
  public var unfolded = false
  /// `/` on a list screen: only rows matching it are listed.
  public var filter = ""

  public init(_ screen: Screen) { self.screen = screen }
}

extension Screen {
  /// The lines this screen needs from the model: a log view's, or a request's neighbourhood.
  public var linesQuery: LogQuery? {
    switch self {
    case .log(let q): return q
    case .request(let service, let r):
      return LogQuery(
        title: "\(r.method) \(r.path)", service: service, roles: ["access", "app"],
        within: RequestCause.window(for: r))
    default: return nil
    }
  }
}
