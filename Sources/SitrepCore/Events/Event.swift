/// Seconds since the Unix epoch, UTC. Event times come from the log line itself where it has one.
public typealias EpochSeconds = Double

/// What a source contributes to the model besides requests. Decoders append these for the pipeline
/// to hand to `Monitor.ingest`; requests, far more numerous, go to the source's `RequestSink`
/// instead, so no value is built per request line.
public enum Event: Sendable, Equatable {
  case log(LogRecord)
  case job(JobEvent)
  case deploy(DeployEvent)
  case metrics(MetricsSnapshot)

  public var time: EpochSeconds {
    switch self {
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
