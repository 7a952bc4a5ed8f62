/// Names the service of a source config does not name. An access log in `logs/` was called
/// `logs` (or after a temp folder) while the app log, the deploy log and the build-info metric
/// next to it all said `api`. Order:
/// 1. the one name the file's own lines state (`service` in JSON records, `*_build_info{service=}`);
/// 2. a file name that names a service (`api.access.log`, `checkout_access.log`);
/// 3. the one name the other files in its folder state (an `access.log` next to an app log and a
///    deploy log that say `api`);
/// 4. a folder that is not generic (`/var/log/nginx/access.log` → `nginx`), else `web`.
/// A file name beats its neighbours: `api.access.log` and `admin.access.log` in one folder are two
/// services, whatever a shared deploy log says.
final class ServiceNamer {
  /// Paths of every file being read, to find a file's neighbours.
  private let paths: () -> [String]
  private var said: [String: Set<String>] = [:]

  init(paths: @escaping () -> [String]) {
    self.paths = paths
  }

  func name(forPath path: String) -> String {
    let own = names(in: path)
    if own.count == 1, let name = own.first { return name }
    if let fromFile = ServiceNaming.nameFromFileName(path) { return fromFile }
    let directory = FileSystem.splitPath(path).directory
    var neighbours: Set<String> = []
    for other in paths() where other != path && FileSystem.splitPath(other).directory == directory {
      neighbours.formUnion(names(in: other))
    }
    if neighbours.count == 1, let name = neighbours.first { return name }
    return ServiceNaming.name(forPath: path)
  }

  /// The file is gone for good (a retired glob match): what its lines said is not kept for it.
  func forget(path: String) { said[path] = nil }

  private func names(in path: String) -> Set<String> {
    if let known = said[path] { return known }
    let found = RotatedName.isRotated(path) ? [] : ServiceNamesInLogs.names(inFile: path)
    said[path] = found
    return found
  }
}
