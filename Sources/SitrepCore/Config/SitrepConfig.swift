/// The `window` setting: the same windows the dashboard offers.
public typealias WindowLength = TimeWindow

/// Everything `sitrep.toml` says. Every field has a default, so an empty file is a valid config.
public struct SitrepConfig: Sendable, Equatable {
  public var window: WindowLength
  /// A theme name (`dark`, `light`, `mono`) or a path to a theme file.
  public var theme: String
  /// The dashboard answers clicks and the wheel; `false` leaves the mouse to the terminal (its
  /// own text selection).
  public var mouse = true
  /// How much of the end of each file to read at start.
  public var backfillBytes: Int
  /// When set, backfill by time instead: read back until lines are older than this many seconds.
  public var backfillSeconds: Double?
  public var services: [ServiceConfig]
  public var jobs: [JobExpectation]
  public var sources: [SourceConfig]
  /// `[[host]]`: named hosts and groups of them (`HostConfig`).
  public var hosts: [HostConfig] = []
  /// `[prometheus]`: the server to ask for services' numbers, `nil` when none is configured.
  public var prometheus: PrometheusSettings?

  public static let defaultBackfillBytes = 8 << 20

  public init(
    window: WindowLength = .fiveMinutes, theme: String = "dark",
    backfillBytes: Int = SitrepConfig.defaultBackfillBytes, backfillSeconds: Double? = nil,
    services: [ServiceConfig] = [], jobs: [JobExpectation] = [], sources: [SourceConfig] = []
  ) {
    self.window = window
    self.theme = theme
    self.backfillBytes = backfillBytes
    self.backfillSeconds = backfillSeconds
    self.services = services
    self.jobs = jobs
    self.sources = sources
  }

  /// The expectation for a job name: an exact name wins over a glob, then the first glob.
  public func expectation(forJob name: String) -> JobExpectation? {
    jobs.first { $0.name == name } ?? jobs.first { $0.matches(name) }
  }
}

/// One `[[service]]`: where its logs and metrics are and what counts as slow or broken.
public struct ServiceConfig: Sendable, Equatable {
  public var name: String
  /// Paths or globs.
  public var access: [String]
  public var app: [String]
  public var metrics: [String]
  /// Forces the access-log format instead of detecting it.
  public var format: String?
  /// SLOW when p95 is above this.
  public var p95Ms: Double
  /// DEGRADED when the 5xx share is above this ratio.
  public var errorRate: Double
  /// DOWN after this long without requests, for a service that usually has traffic.
  public var silenceSeconds: Double
  public var healthPath: String?
  /// `[service.metric_names]` overrides, tried before the defaults.
  public var requestsMetric: String?
  public var durationMetric: String?
  /// The zone of its access and app logs' stamps written without one (`tz = "UTC"`).
  public var tz: NaiveZone?
  /// `datefmt`: the strftime pattern of `asctime` when `format` is a Python logging format.
  public var dateFormat: String?
  /// `hosts = ["web*"]`: the hosts that serve it, as host names, group names or globs over them.
  /// Each is expected: one whose sources all fail, or that has none, makes the service miss it.
  public var hosts: [String] = []
  /// `prometheus = 'job="api"'` or `[service.prometheus]`; `nil` without `[prometheus]` or with
  /// `source = "logs"`. Filled with `job="NAME"` when `[prometheus]` is set and the service names
  /// no selector.
  public var prometheus: PrometheusServiceQueries?
  /// `source`: which numbers win when both the logs and Prometheus have them.
  public var numbersSource: NumbersSource = .auto

  public static let defaultP95Ms = 500.0
  public static let defaultErrorRate = 0.02
  public static let defaultSilenceSeconds = 120.0

  public init(
    name: String, access: [String] = [], app: [String] = [], metrics: [String] = [],
    format: String? = nil, p95Ms: Double = ServiceConfig.defaultP95Ms,
    errorRate: Double = ServiceConfig.defaultErrorRate,
    silenceSeconds: Double = ServiceConfig.defaultSilenceSeconds, healthPath: String? = nil,
    requestsMetric: String? = nil, durationMetric: String? = nil
  ) {
    self.name = name
    self.access = access
    self.app = app
    self.metrics = metrics
    self.format = format
    self.p95Ms = p95Ms
    self.errorRate = errorRate
    self.silenceSeconds = silenceSeconds
    self.healthPath = healthPath
    self.requestsMetric = requestsMetric
    self.durationMetric = durationMetric
  }

  /// The metric names to read this service's numbers from, overrides first.
  public var metricNames: MetricNames {
    MetricNames.overriding(requests: requestsMetric, duration: durationMetric)
  }
}

/// One `[[job]]`: how often a job should run and how long it may take.
public struct JobExpectation: Sendable, Equatable {
  /// An exact job name or a glob (`tasks.*`, `backup-?`).
  public var name: String
  /// Expected interval between runs; OVERDUE after it passes without one.
  public var everySeconds: Double?
  /// A run going longer than this is flagged.
  public var maxDurationSeconds: Double?

  public init(name: String, everySeconds: Double? = nil, maxDurationSeconds: Double? = nil) {
    self.name = name
    self.everySeconds = everySeconds
    self.maxDurationSeconds = maxDurationSeconds
  }

  public func matches(_ jobName: String) -> Bool {
    JobNamePattern.matches(pattern: name, jobName)
  }
}

/// One `[[source]]`: any other file, with its role and format when detection should not decide.
public struct SourceConfig: Sendable, Equatable {
  public var path: String
  public var role: SourceRole?
  public var format: String?
  public var service: String?
  /// The zone of the file's zoneless stamps (`tz = "UTC"`, `"+02:00"`, `"Europe/Berlin"`).
  public var tz: NaiveZone?
  /// `datefmt`: the strftime pattern of `asctime` when `format` is a Python logging format.
  public var dateFormat: String?
  /// `host = "web1"`: the machine its lines come from; every event of it carries the name.
  public var host: String?
  /// `command = ["prog", "arg"]`: the program whose standard output is this source, run without
  /// a shell. `path` is then the name it is shown under (the command itself when not given).
  public var command: [String]?

  public init(
    path: String, role: SourceRole? = nil, format: String? = nil, service: String? = nil,
    tz: NaiveZone? = nil
  ) {
    self.path = path
    self.role = role
    self.format = format
    self.service = service
    self.tz = tz
  }
}
