/// Every key the JSON app-log reader looks for, resolved once against one scanner's table so
/// each line is one scan and a few slot reads. A class: the hot path reads it several times a
/// line, and a struct of arrays cost a retain per array per read.
final class JSONLogKeys: Sendable {
  let time: [JSONKeyPath]
  let level: [JSONKeyPath]
  let message: [JSONKeyPath]
  let logger: [JSONKeyPath]
  let exception: [JSONKeyPath]
  let request: JSONRequestRecord.Paths
  /// A scanner over all of them, copied by each decoder (its buffers are per line).
  let scanner: JSONKeyScanner

  static let shared = JSONLogKeys()

  private init() {
    let lists = [
      JSONLogRules.timeKeys, JSONLogRules.levelKeys, JSONLogRules.messageKeys,
      JSONLogRules.loggerKeys, JSONLogRules.exceptionKeys, JSONRequestRecord.allKeys,
    ]
    let scanner = JSONKeyScanner(keys: lists.flatMap { $0 })
    time = scanner.paths(JSONLogRules.timeKeys)
    level = scanner.paths(JSONLogRules.levelKeys)
    message = scanner.paths(JSONLogRules.messageKeys)
    logger = scanner.paths(JSONLogRules.loggerKeys)
    exception = scanner.paths(JSONLogRules.exceptionKeys)
    request = JSONRequestRecord.Paths(scanner)
    self.scanner = scanner
  }
}
