/// What happened to a job run.
public enum JobPhase: String, Sendable, Equatable, Codable {
  /// Queued or picked up (Celery "received", RQ job line, cron CMD, systemd "Starting").
  case started
  case succeeded
  case failed
  case retried
}

/// One step in a background job's life: Celery task, RQ job, cron command, systemd unit, JSON job event.
public struct JobEvent: Sendable, Equatable {
  public var time: EpochSeconds
  /// Task or unit name: `tasks.sync_sku`, `backup.service`, the cron command.
  public var name: String
  /// Task id, job id or pid that ties start and end together, where the log has one.
  public var runID: String?
  public var phase: JobPhase
  public var durationSeconds: Double?
  public var exception: ExceptionInfo?
  /// Free text worth showing (retry reason, exit status).
  public var detail: String?

  public init(
    time: EpochSeconds, name: String, runID: String? = nil, phase: JobPhase,
    durationSeconds: Double? = nil, exception: ExceptionInfo? = nil, detail: String? = nil
  ) {
    self.time = time
    self.name = name
    self.runID = runID
    self.phase = phase
    self.durationSeconds = durationSeconds
    self.exception = exception
    self.detail = detail
  }
}
