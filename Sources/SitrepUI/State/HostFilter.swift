import SitrepCore

/// `m`: restrict the screens to one host, cycling all hosts → each host in name order → all.
enum HostFilter {
  /// Shows `snapshot` through the filter in force.
  static func show(_ snapshot: Snapshot, in state: inout AppState) {
    guard let host = state.hostFilter else {
      state.snapshot = snapshot
      state.unfilteredSnapshot = nil
      return
    }
    state.unfilteredSnapshot = snapshot
    state.snapshot = snapshot.restricted(toHost: host)
  }

  static func next(_ state: inout AppState) {
    let full = state.unfilteredSnapshot ?? state.snapshot
    let hosts = full.hostNames
    guard !hosts.isEmpty else {
      state.hostFilter = nil
      state.message = "no host filter: no source names its host ([[source]] host = ...)"
      return
    }
    let kept = SelectionKeys.taken(from: state)
    if let current = state.hostFilter, let i = hosts.firstIndex(of: current) {
      state.hostFilter = i + 1 < hosts.count ? hosts[i + 1] : nil
    } else {
      state.hostFilter = state.hostFilter == nil ? hosts[0] : nil
    }
    show(full, in: &state)
    kept.restore(in: &state)
    Update.clampSelection(&state)
    state.message = state.hostFilter.map { "host \($0) only (m: next host)" } ?? "all hosts"
  }
}
