import Glibc

/// One configured source: a file path or a glob, and what the user said about it.
public struct SourceSpec: Sendable, Equatable {
  /// A path (`/var/log/nginx/access.log`) or a glob(3) pattern (`/var/log/app/*.log`).
  public var pattern: String
  /// The role when config forces one; `.metrics` makes the source a whole-file snapshot source.
  public var role: SourceRole?
  /// A format id, or a definition (`FormatCatalog.resolve`), when config forces one; detection
  /// happens elsewhere.
  public var format: String?
  /// `datefmt` for a Python logging format definition in `format`.
  public var dateFormat: String?
  public var service: String?
  /// Also read rotated siblings (`x.log.1`, `x.log.2.gz`, `x.log-20261124`), oldest first, before
  /// the live file. Without it they are never opened, even when the glob matches them.
  public var includeRotated: Bool
  /// The zone of zoneless stamps when config (`tz`) or `--tz` says; otherwise it is inferred.
  public var zone: ZoneAssumption?
  /// A command whose standard output is followed like a file (`[[source]] command = [...]`, or
  /// what a shorthand such as `web1:/var/log/app.log` stands for: `RemoteShorthand`). Run without a
  /// shell; `pattern` is then only the name the source is shown under.
  public var command: CommandTarget? = nil
  /// The wrapper the lines arrive in when the source's kind says so (`docker logs --timestamps`),
  /// not left to detection.
  public var wrapper: LineWrapper? = nil
  /// The machine the source's lines come from (`host = "web1"`, or a `HOST:` shorthand); `nil`:
  /// this machine. Every event the source gives carries it (see `HostBreakdown`).
  public var host: String?

  public init(
    pattern: String, role: SourceRole? = nil, format: String? = nil, service: String? = nil,
    includeRotated: Bool = false, zone: ZoneAssumption? = nil, dateFormat: String? = nil,
    host: String? = nil
  ) {
    self.host = host
    self.dateFormat = dateFormat
    self.pattern = pattern
    self.role = role
    self.format = format
    self.service = service
    self.includeRotated = includeRotated
    self.zone = zone
  }

  /// Metrics files are rewritten whole (usually replaced by rename), so each change is a snapshot.
  var isSnapshot: Bool { role == .metrics }

  /// A `*` or `?` in a file pattern: a glob whatever is on disk (see `isGlob`).
  var hasWildcard: Bool {
    command == nil && pattern.contains(where: { $0 == "*" || $0 == "?" })
  }

  /// True when the pattern needs glob expansion rather than naming one file. A `[` alone is a
  /// glob only when no file has that very name: `app[1].log` on disk is that file, never
  /// `app1.log` (issue 19: a bracket was always globbed and could read another file).
  var isGlob: Bool {
    if command != nil { return false }
    if hasWildcard { return true }
    guard pattern.contains("[") else { return false }
    if case .found = FileSystem.info(path: pattern) { return false }
    return true
  }
}

/// Where following starts and how hostile input is bounded.
public struct FollowOptions: Sendable, Equatable {
  public static let maxLineBytesLimit = 64 << 20

  /// Without a time window, start this many bytes before the end of each live file (at a line start).
  public var backfillBytes: Int
  /// Start at the first line whose time (as the caller's probe reads it) is at or after
  /// `now - backfillSeconds`. Needs a time probe; falls back to `backfillBytes` without one.
  public var backfillSeconds: Double?
  /// A read by time never starts more than this many bytes before a file's end: a week of a busy
  /// log must not be read to answer for an hour. 512 MiB is about 5M access lines, a few seconds
  /// of reading; what is left unread is reported as the source's coverage (`covers_from`).
  public var backfillTimeMaxBytes: Int = 512 << 20
  /// Read every live file from its first byte.
  public var fromStart: Bool
  /// Longer lines are cut to this many bytes and counted as truncated.
  public var maxLineBytes: Int
  /// After this long without new data the file reports `.quiet`, so callers can flush records
  /// they hold back waiting for continuation lines (tracebacks).
  public var quietSeconds: Double
  /// A last line without its newline waits this long without new data before it is given up on
  /// and emitted flagged `partial`. Python's block-buffered stdout writes a line in two parts
  /// seconds apart on a quiet service; emitting the first part early would split it into two
  /// malformed lines. Rotation, truncation and the end of a one-shot read emit it at once.
  public var partialLineHoldSeconds: Double
  /// How often files are stat'ed when inotify cannot tell us (no inotify, missing directory,
  /// unreadable file).
  public var statPollSeconds: Double
  /// How often globs are expanded again to pick up files that start matching later.
  public var globRescanSeconds: Double
  /// After a rotation by rename, how long the old file is still read for late writes (a server that
  /// has not reopened its log yet) after its last new data.
  public var rotatedDrainSeconds: Double
  /// A file a glob matched that has been gone this long is retired: its row and decoder go, its
  /// counts join the glob's `vanished` total (`SourceSet.takeRetired`). Without it a box that
  /// churns files (a log per job run, per worker pid) grows a source for every one, for ever.
  public var vanishedRetireSeconds: Double = 60
  /// Turn off to force stat polling (tests of the fallback, file systems where inotify lies: NFS).
  public var useInotify: Bool
  /// How ssh is started for remote sources (`SITREP_SSH`); sitrep adds its options after these.
  public var ssh: [String] = ["ssh"]
  /// A headless read (`report`, `check`) of a command that does not end by itself is stopped
  /// after this long. Shorthands' headless commands end at the end of what they read.
  public var commandReadSeconds: Double = 10
  /// When a command that ended is started again (tests make it fast).
  public var commandBackoff = CommandBackoff()
  /// Headless reads of big files go in chunks of this many bytes, spread over the cores (see
  /// `ChunkedLineReader`); tests make it small to put chunk edges everywhere.
  var bulkChunkBytes = 2 << 20
  /// A rotated gzip is read to at most `gzipMaxRatio` times its compressed size (but always to
  /// `gzipFloorBytes`) and never past `gzipMaxBytes` decompressed: real logs compress 5 to 20
  /// times, and a 4.6 MB gzip of 1 GiB of newlines took 105 s. Past the bound the read stops and
  /// the source says so (`SourceHealth.stoppedEarly`).
  var gzipMaxRatio = 40
  var gzipFloorBytes = 64 << 20
  var gzipMaxBytes = 1 << 30
  /// The decompressed bytes a gzip of `compressed` bytes may give.
  func gzipLimit(compressed: Int) -> Int {
    min(
      gzipMaxBytes,
      max(gzipFloorBytes, compressed.multipliedReportingOverflow(by: gzipMaxRatio).partialValue))
  }
  /// How many files a one-shot read may hold open; nil: half of what the descriptor limit allows
  /// (`DescriptorBudget`). Tests make it small.
  var maxHeldFiles: Int?
  /// How many threads those chunks are spread over.
  var bulkLanes = max(1, min(8, sysconf(Int32(_SC_NPROCESSORS_ONLN))))
  /// App logs read in chunks are merged every this many bytes (`ParallelRecordDecoding`): their
  /// error records wait for the merge, so memory is bounded by a wave, not by the file.
  var bulkWaveBytes = 64 << 20

  public init(
    backfillBytes: Int = 8 << 20, backfillSeconds: Double? = nil, fromStart: Bool = false,
    maxLineBytes: Int = 65536, quietSeconds: Double = 1, partialLineHoldSeconds: Double = 30,
    statPollSeconds: Double = 1,
    globRescanSeconds: Double = 2, rotatedDrainSeconds: Double = 5, useInotify: Bool = true
  ) {
    self.backfillBytes = max(0, backfillBytes)
    self.backfillSeconds = backfillSeconds
    self.fromStart = fromStart
    // Bounded so the line buffer (cap + read chunk) can always be allocated.
    self.maxLineBytes = min(max(1, maxLineBytes), Self.maxLineBytesLimit)
    self.quietSeconds = quietSeconds
    self.partialLineHoldSeconds = partialLineHoldSeconds
    self.statPollSeconds = statPollSeconds
    self.globRescanSeconds = globRescanSeconds
    self.rotatedDrainSeconds = rotatedDrainSeconds
    self.useInotify = useInotify
  }
}
