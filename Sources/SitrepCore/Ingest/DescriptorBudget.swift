import Glibc

/// How many files a headless read may hold open at once. A report over a glob of 1,200 files kept
/// every one open until the end and, at `ulimit -n 1024`, called 182 of them unreadable ("too
/// many open files"; issue 19). The soft limit is raised to the hard one once (what `ulimit -n`
/// would allow anyway), and the read keeps open at most half of what that gives, leaving the rest
/// to the terminal, inotify, the parallel readers and the config.
enum DescriptorBudget {
  /// Raises the soft limit on open files to the hard limit, once per process.
  static let raised: Void = {
    var limit = rlimit()
    guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < limit.rlim_max
    else { return }
    limit.rlim_cur = limit.rlim_max
    _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
  }()

  /// Files a one-shot read may hold open while it plans its parallel reads.
  static var heldFiles: Int {
    _ = raised
    var limit = rlimit()
    guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 256 }
    let soft = Int(clamping: min(limit.rlim_cur, 1 << 20))
    return max(8, min(1 << 16, soft / 2 - 32))
  }
}
