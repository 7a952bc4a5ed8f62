import ArgumentParser
import SitrepCore

/// What to read: paths and globs on the command line and/or a config file, and how much of each.
struct SourceSelection: ParsableArguments {
  @Argument(
    help:
      "Log or metrics files or globs (quote globs: '/var/log/app/*.log'), or HOST:/path and HOST:/glob (over ssh), journal:UNIT, HOST:journal:UNIT, docker:NAME. Formats are detected."
  )
  var paths: [String] = []

  @Option(
    name: .shortAndLong,
    help:
      "A sitrep.toml naming services, sources, thresholds and job schedules (see `sitrep init`).")
  var config: String?

  @Option(name: .shortAndLong, help: "Rolling window for the numbers: 1m, 5m, 15m or 1h.")
  var window: String?

  @Flag(help: "Read every file from its first line instead of a bounded tail.")
  var fromStart = false

  @Option(help: "How much of each file's end to read at start, e.g. 8MiB or 512KiB.")
  var backfill: String?

  @Option(help: "Read from this far back in each file's own timestamps instead, e.g. 1h.")
  var backfillTime: String?

  @Flag(
    help:
      "Also read rotated files (x.log.1, x.log.2.gz, x.log-20261124), oldest first, for backfill.")
  var includeRotated = false

  @Option(
    help:
      "Force a format for the paths on the command line: an id (see the README) or your own definition (nginx log_format, Apache LogFormat, gunicorn access_log_format, Python logging format, regex)."
  )
  var format: String?

  @Option(
    help:
      "The datefmt (strftime) of asctime when --format is a Python logging format, e.g. \"%d/%b/%Y %H:%M:%S\"."
  )
  var datefmt: String?

  @Option(
    help:
      "The zone of timestamps written without one (Celery, Python logging): UTC, +02:00 or a name such as Europe/Berlin. Without it, sitrep infers it from each file or takes the host's, and says which."
  )
  var tz: String?

  func validate() throws {
    if paths.isEmpty && config == nil {
      throw ValidationError(
        "name some log files (e.g. `sitrep /var/log/nginx/access.log`) or a config with --config; or try `sitrep demo`"
      )
    }
    if let w = window, TimeWindow(rawValue: w) == nil {
      throw ValidationError("--window must be one of 1m, 5m, 15m, 1h (got \(w))")
    }
    if let b = backfill, ByteSizeText.bytes(from: b) == nil {
      throw ValidationError("--backfill takes a size such as 8MiB, 512KiB or 1GiB (got \(b))")
    }
    if let t = backfillTime, DurationText.seconds(from: t) == nil {
      throw ValidationError("--backfill-time takes a duration such as 30m or 2h (got \(t))")
    }
    if let zone = tz, ZoneText.parse(zone) == nil {
      throw ValidationError("--tz takes \(ZoneText.examples) (got \(zone))")
    }
    if let f = format {
      do {
        let descriptor = try FormatCatalog.resolve(f, dateFormat: datefmt)
        if datefmt != nil, descriptor.id != "python-declared" {
          throw ValidationError("--datefmt applies to a Python logging format given with --format")
        }
      } catch let error as DeclaredFormatError {
        throw ValidationError("--format: \(error.description)")
      }
    } else if datefmt != nil {
      throw ValidationError("--datefmt applies to a Python logging format given with --format")
    }
  }
}
