/// Every key the JSON app-log reader looks for, resolved once against one scanner's table so
/// each line is one scan and a few slot reads: each field's spellings are a group the scan
/// resolves as it goes (`JSONKeyScanner.group`). A class: the hot path reads it several times a
/// line, and a struct of arrays cost a retain per array per read.
final class JSONLogKeys: Sendable {
  let time: JSONKeyGroup
  let level: JSONKeyGroup
  let message: JSONKeyGroup
  let logger: JSONKeyGroup
  let exception: JSONKeyGroup
  let request: JSONRequestRecord.Paths
  /// A scanner over all of them, copied by each decoder (its buffers are per line).
  let scanner: JSONKeyScanner

  static let shared = JSONLogKeys()

  private init() {
    let lists = [
      JSONLogRules.timeKeys, JSONLogRules.levelKeys, JSONLogRules.messageKeys,
      JSONLogRules.loggerKeys, JSONLogRules.exceptionKeys, JSONRequestRecord.allKeys,
    ]
    var scanner = JSONKeyScanner(keys: lists.flatMap { $0 })
    time = scanner.group(JSONLogRules.timeKeys)
    level = scanner.group(JSONLogRules.levelKeys)
    message = scanner.group(JSONLogRules.messageKeys)
    logger = scanner.group(JSONLogRules.loggerKeys)
    exception = scanner.group(JSONLogRules.exceptionKeys)
    request = JSONRequestRecord.Paths(&scanner)
    self.scanner = scanner
  }
}
