import ArgumentParser
import FoundationEssentials
import Glibc
import SitrepCore

/// A message for the user, printed without a stack trace, with an exit code. Messages name files
/// and quote config text, so they are sanitised here, once for all of them.
struct UserFacingError: Error, CustomStringConvertible {
  var description: String
  var exitCode: Int32

  init(description: String, exitCode: Int32 = 2) {
    self.description = TextSanitizer.displayLines(description)
    self.exitCode = exitCode
  }
}

/// Everything a run needs, put together from the command line and the config file.
struct Session {
  var specs: [SourceSpec]
  var follow: FollowOptions
  var window: TimeWindow
  var theme: String?
  /// The config's `mouse` (true unless it says `mouse = false`).
  var mouse = true
  var monitor: Monitor
  /// A new, empty monitor set up as `monitor` was (thresholds, jobs, metric names, services):
  /// for reading the same files again as of another moment.
  var makeMonitor: () -> Monitor = { Monitor() }
  var offsetSeconds: Int
  /// The command line or config said how much of each file to read (`--from-start`,
  /// `--backfill`, `--backfill-time`, `backfill`, `backfill_time`).
  var readAmountChosen = false
  /// `[prometheus]` and the services it is asked about; `nil` when none.
  var prometheus: PrometheusPlan?

  /// The host zone's offset from UTC now (DST included), from the C library's zone database:
  /// FoundationEssentials' `TimeZone.current` knows only GMT without the ICU-backed module.
  static var localOffsetSeconds: Int { NaiveZone.hostOffset(atUTC: Int(time(nil))) }

  static func make(_ selection: SourceSelection) throws -> Session {
    var config: SitrepConfig?
    if let path = selection.config {
      do {
        config = try SitrepConfig.load(path: path, knownFormats: Set(FormatCatalog.all.map(\.id)))
      } catch {
        throw UserFacingError(description: error.description)
      }
    }
    let flagZone = selection.tz.flatMap { ZoneText.parse($0) }.map {
      ZoneAssumption(zone: $0, origin: .flag)
    }
    var specs: [SourceSpec] = []
    var thresholds: [String: ServiceThresholds] = [:]
    var names: [String: MetricNames] = [:]
    for service in config?.services ?? [] {
      var t = ServiceThresholds()
      t.p95Ms = service.p95Ms
      t.errorRate = service.errorRate
      t.silenceSeconds = service.silenceSeconds
      t.healthPath = service.healthPath
      thresholds[service.name] = t
      names[service.name] = service.metricNames
      let zone = service.tz.map { ZoneAssumption(zone: $0, origin: .config) }
      specs += service.access.map {
        SourceSpec(
          pattern: $0, role: .access, format: service.format, service: service.name, zone: zone,
          dateFormat: service.dateFormat)
      }
      specs += service.app.map {
        SourceSpec(pattern: $0, role: .app, service: service.name, zone: zone)
      }
      specs += service.metrics.map {
        SourceSpec(pattern: $0, role: .metrics, format: "prometheus", service: service.name)
      }
    }
    for source in config?.sources ?? [] {
      var spec = SourceSpec(
        pattern: source.path, role: source.role, format: source.format, service: source.service,
        zone: source.tz.map { ZoneAssumption(zone: $0, origin: .config) },
        dateFormat: source.dateFormat, host: source.host)
      if let argv = source.command { spec.command = .argv(argv) }
      specs.append(spec)
    }
    for path in selection.paths {
      // A `.prom` file is a metrics snapshot, read whole on each change rather than tailed.
      let isMetrics = path.hasSuffix(".prom") || selection.format == "prometheus"
      specs.append(
        SourceSpec(
          pattern: path, role: isMetrics ? .metrics : nil, format: selection.format,
          dateFormat: selection.datefmt))
    }
    for i in specs.indices {
      // `web1:/var/log/app.log`, `journal:nginx`, `docker:api`: a command stands for the path.
      if specs[i].command == nil, let target = RemoteShorthand.parse(specs[i].pattern) {
        specs[i].command = target
        specs[i].host = target.host
        specs[i].wrapper = target.wrapper
      }
      specs[i].includeRotated = selection.includeRotated
      // A source's own `tz` in config is more specific than one flag for every file.
      if specs[i].zone == nil { specs[i].zone = flagZone }
    }

    var follow = FollowOptions()
    follow.ssh = CommandArgv.ssh(environment: getenv("SITREP_SSH").map { String(cString: $0) })
    follow.fromStart = selection.fromStart
    if let b = selection.backfill.flatMap(ByteSizeText.bytes(from:)) ?? config?.backfillBytes {
      follow.backfillBytes = b
    }
    follow.backfillSeconds =
      selection.backfillTime.flatMap(DurationText.seconds(from:)) ?? config?.backfillSeconds

    let window =
      selection.window.flatMap(TimeWindow.init(rawValue:))
      ?? config?.window ?? .fiveMinutes
    let declared = config?.services ?? []
    let jobs = config?.jobs ?? []
    let makeMonitor = { [thresholds, names, config] () -> Monitor in
      let monitor = Monitor(
        thresholds: thresholds, jobExpectations: jobs, offsetSeconds: localOffsetSeconds)
      monitor.metricNames = names
      for service in declared {
        monitor.declareService(service.name)
        monitor.numbersSources[service.name] = service.numbersSource
        if let config, !service.hosts.isEmpty {
          monitor.expectedHosts[service.name] = config.expectedHosts(forService: service)
        }
      }
      return monitor
    }
    var session = Session(
      specs: specs, follow: follow, window: window, theme: config?.theme, monitor: makeMonitor(),
      offsetSeconds: localOffsetSeconds)
    session.makeMonitor = makeMonitor
    session.mouse = config?.mouse ?? true
    session.prometheus = config.flatMap(PrometheusPlan.init(config:))
    session.readAmountChosen =
      selection.fromStart || selection.backfill != nil || selection.backfillTime != nil
      || config?.backfillSeconds != nil
      // The config cannot tell an explicit `backfill = "8MiB"` (the starter config's) from none.
      || (config.map { $0.backfillBytes != SitrepConfig.defaultBackfillBytes } ?? false)
    return session
  }

  /// A pipeline over the same files with a monitor of its own that reads them as `report --at`
  /// does: back by time to `moment` less the window and the deploy margin, lines after `moment`
  /// left out. The dashboard's time travel (`[`, `]`, `:at`, `--at`) shows what it reads.
  func pipeline(
    asOf moment: EpochSeconds, window: TimeWindow, now: EpochSeconds, archive: LineArchive
  ) -> IngestPipeline {
    var past = self
    past.monitor = makeMonitor()
    if !readAmountChosen {
      past.follow.backfillSeconds =
        Swift.max(0, now - moment) + window.seconds + HeadlessRun.deployMarginSeconds
    }
    past.monitor.ignoreAfter = moment
    return past.pipeline(archive: archive)
  }

  /// One round of Prometheus queries for `report` and `check`, installed in the model; the
  /// sources' rows for the snapshot (empty without `[prometheus]`).
  /// `deployAt`: the deploy to read around (default: the latest).
  func readPrometheusOnce(now: EpochSeconds, deployAt: EpochSeconds? = nil) -> [SourceHealth] {
    guard let plan = prometheus else { return [] }
    let readings = plan.read(
      now: now, windowSeconds: window.seconds,
      deployAt: deployAt ?? monitor.latestDeploy(before: now)?.time)
    PrometheusPlan.install(readings, into: monitor)
    return monitor.prometheusSources(url: plan.settings.url.description, headless: true)
  }

  func pipeline(archive: LineArchive?) -> IngestPipeline {
    IngestPipeline(
      specs: specs, options: follow, monitor: monitor, archive: archive,
      decoderOptions: DecoderOptions(naiveZone: .host))
  }
}
