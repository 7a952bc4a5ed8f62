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
  var monitor: Monitor
  var offsetSeconds: Int
  /// The command line or config said how much of each file to read (`--from-start`,
  /// `--backfill`, `--backfill-time`, `backfill`, `backfill_time`).
  var readAmountChosen = false

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
      specs.append(
        SourceSpec(
          pattern: source.path, role: source.role, format: source.format, service: source.service,
          zone: source.tz.map { ZoneAssumption(zone: $0, origin: .config) },
          dateFormat: source.dateFormat, host: source.host))
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
      specs[i].includeRotated = selection.includeRotated
      // A source's own `tz` in config is more specific than one flag for every file.
      if specs[i].zone == nil { specs[i].zone = flagZone }
    }

    var follow = FollowOptions()
    follow.fromStart = selection.fromStart
    if let b = selection.backfill.flatMap(ByteSizeText.bytes(from:)) ?? config?.backfillBytes {
      follow.backfillBytes = b
    }
    follow.backfillSeconds =
      selection.backfillTime.flatMap(DurationText.seconds(from:)) ?? config?.backfillSeconds

    let window =
      selection.window.flatMap(TimeWindow.init(rawValue:))
      ?? config?.window ?? .fiveMinutes
    let monitor = Monitor(
      thresholds: thresholds, jobExpectations: config?.jobs ?? [], offsetSeconds: localOffsetSeconds
    )
    monitor.metricNames = names
    for service in config?.services ?? [] {
      monitor.declareService(service.name)
      if let config, !service.hosts.isEmpty {
        monitor.expectedHosts[service.name] = config.expectedHosts(forService: service)
      }
    }
    var session = Session(
      specs: specs, follow: follow, window: window, theme: config?.theme, monitor: monitor,
      offsetSeconds: localOffsetSeconds)
    session.readAmountChosen =
      selection.fromStart || selection.backfill != nil || selection.backfillTime != nil
      || config?.backfillSeconds != nil
      // The config cannot tell an explicit `backfill = "8MiB"` (the starter config's) from none.
      || (config.map { $0.backfillBytes != SitrepConfig.defaultBackfillBytes } ?? false)
    return session
  }

  func pipeline(archive: LineArchive?) -> IngestPipeline {
    IngestPipeline(
      specs: specs, options: follow, monitor: monitor, archive: archive,
      decoderOptions: DecoderOptions(naiveZone: .host))
  }
}
