/// Seconds since the Unix epoch, UTC. Event times come from the log line itself where it has one.
public typealias EpochSeconds = Double

/// What a source contributes to the model. Parsers turn lines into these; the model only sees events.
public enum Event: Sendable, Equatable {
  case request(RequestEvent)
  case log(LogRecord)
  case job(JobEvent)
  case deploy(DeployEvent)
  case metrics(MetricsSnapshot)

  public var time: EpochSeconds {
    switch self {
    case .request(let e): e.time
    case .log(let e): e.time
    case .job(let e): e.time
    case .deploy(let e): e.time
    case .metrics(let e): e.time
    }
  }
}

/// The job a source does for the dashboard; decides which panel its events feed.
public enum SourceRole: String, Sendable, Codable, CaseIterable {
  case access, app, jobs, deploys, metrics
}
