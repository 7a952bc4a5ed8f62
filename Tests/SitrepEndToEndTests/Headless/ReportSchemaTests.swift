import Foundation
import Testing

/// The contract of docs/report-schema.md, copied
/// field by field: dropping or retyping any of these must fail here.
@Suite struct ReportSchemaTests {
  indirect enum Kind: Sendable {
    case string, number, bool
    case oneOf([String])
    case object([String: Kind])
    case array(Kind)
    case nullable(Kind)
  }

  static let route: [String: Kind] = [
    "route": .string, "requests": .number, "error_rate": .nullable(.number),
    "p50_ms": .nullable(.number), "p95_ms": .nullable(.number), "p99_ms": .nullable(.number),
  ]

  static let service: [String: Kind] = [
    "name": .string, "verdict": .oneOf(["UP", "DEGRADED", "SLOW", "DOWN", "UNKNOWN"]),
    "reason": .string, "requests": .number, "rps": .nullable(.number),
    "status": .object(["2xx": .number, "3xx": .number, "4xx": .number, "5xx": .number]),
    "error_rate": .nullable(.number), "p50_ms": .nullable(.number), "p95_ms": .nullable(.number),
    "p99_ms": .nullable(.number), "routes": .array(.object(route)),
    "app_layer": .nullable(.object(appLayer)),
    "hosts": .array(.object(host)), "worst_host": .nullable(.string),
  ]

  static let host: [String: Kind] = [
    "name": .string, "state": .oneOf(["up", "unreachable", "no source"]),
    "state_reason": .nullable(.string), "worst": .bool, "requests": .number,
    "rps": .nullable(.number), "error_rate": .nullable(.number), "p50_ms": .nullable(.number),
    "p95_ms": .nullable(.number), "p99_ms": .nullable(.number),
    "last_request_at": .nullable(.string),
  ]

  static let appLayer: [String: Kind] = [
    "name": .string, "requests": .number, "error_rate": .nullable(.number),
    "p50_ms": .nullable(.number), "p95_ms": .nullable(.number), "p99_ms": .nullable(.number),
  ]

  static let job: [String: Kind] = [
    "name": .string, "runs": .number, "failures": .number,
    "last_outcome": .nullable(.oneOf(["failure", "success", "running", "retry"])),
    "last_run_at": .nullable(.string), "last_success_at": .nullable(.string),
    "consecutive_failures": .number, "last_exception": .nullable(.string),
    "failure_rate": .nullable(.number), "runs_since_deploy": .nullable(.number),
    "failures_since_deploy": .nullable(.number),
  ]

  static let errorSignature: [String: Kind] = [
    "signature": .string, "type": .string, "kind": .oneOf(["exception", "log", "request"]),
    "count": .number, "first_seen": .string,
    "last_seen": .string, "sample": .string, "hosts": .array(.string),
  ]

  static let deploySide: [String: Kind] = [
    "from": .string, "to": .string, "requests": .number, "error_rate": .nullable(.number),
    "p50_ms": .nullable(.number), "p95_ms": .nullable(.number), "p99_ms": .nullable(.number),
    "job_runs": .number, "job_failures": .number,
  ]

  static let change: [String: Kind] = [
    "metric": .oneOf(["p95_ms", "p50_ms", "p99_ms", "error_rate", "rps", "job_failure_rate"]),
    "before": .nullable(.number), "after": .nullable(.number),
    "direction": .oneOf(["up", "down", "same"]), "significant": .bool, "method": .string,
  ]

  static let routeSide: [String: Kind] = [
    "requests": .number, "rps": .nullable(.number), "from": .string, "to": .string,
    "error_rate": .nullable(.number), "p50_ms": .nullable(.number),
    "p95_ms": .nullable(.number),
  ]

  static let deployRoute: [String: Kind] = [
    "service": .string, "route": .string, "before": .object(routeSide),
    "after": .object(routeSide), "p95_ratio": .nullable(.number), "impact": .number,
    "changes": .array(.object(change)), "regression": .bool,
  ]

  static let deploy: [String: Kind] = [
    "version": .nullable(.string), "service": .nullable(.string), "at": .string,
    "by": .nullable(.string), "rollback": .nullable(.string),
    "before": .object(deploySide), "after": .object(deploySide),
    "changes": .array(.object(change)), "new_errors": .array(.string),
    "gone_errors": .array(.string), "first_seen_errors": .array(.string), "latest": .bool,
    "routes": .array(.object(deployRoute)),
  ]

  static let source: [String: Kind] = [
    "path": .string, "role": .oneOf(["access", "app", "jobs", "deploys", "metrics"]),
    "format": .nullable(.string), "confidence": .nullable(.number),
    "state": .oneOf(["following", "waiting", "unreadable", "done", "failing", "vanished"]),
    "vanished_files": .number,
    "lines": .number, "malformed": .number, "truncated": .number, "rotations": .number,
    "window_covered": .nullable(.bool), "covers_from": .nullable(.string),
    "time_zone": .nullable(.string),
    "time_zone_from": .nullable(
      .oneOf(["config", "flag", "inferred from file time", "host zone", "in the lines"])),
    "named_by": .array(.string), "invalid_utf8": .number, "nul": .number,
    "truncations": .number, "recovered_bytes": .number,
    "wrapper": .nullable(
      .oneOf(["docker-json", "cri", "journal-json", "journal-short-iso", "docker-timestamps"])),
    "command": .nullable(.array(.string)), "host": .nullable(.string),
    "last_exit": .nullable(.string), "stderr": .array(.string), "restarts": .number,
    "stderr_format": .nullable(.string),
  ]

  static let coverage: [String: Kind] = [
    "window_covered": .nullable(.bool), "covers_from": .nullable(.string),
  ]

  static let document: [String: Kind] = [
    "schema": .number, "generated_at": .string, "window": .string,
    "services": .array(.object(service)), "jobs": .array(.object(job)),
    "errors": .array(.object(errorSignature)), "deploy": .nullable(.object(deploy)),
    "sources": .array(.object(source)), "coverage": .object(coverage),
  ]

  /// JSONSerialization hands back NSNumber for both numbers and booleans; the ObjC type code
  /// tells them apart ("c" is a boolean).
  static func isBool(_ value: Any) -> Bool {
    if value is Bool && !(value is NSNumber) { return true }
    guard let n = value as? NSNumber else { return false }
    return String(cString: n.objCType) == "c"
  }

  static func isNumber(_ value: Any) -> Bool {
    (value is NSNumber || value is Int || value is Double) && !isBool(value)
  }

  /// Every mismatch between `value` and `kind`, as "path: problem".
  static func problems(_ value: Any?, _ kind: Kind, at path: String) -> [String] {
    guard let value else { return ["\(path): missing"] }
    switch kind {
    case .nullable(let inner):
      return value is NSNull ? [] : problems(value, inner, at: path)
    case .string:
      return value is String ? [] : ["\(path): not a string (\(value))"]
    case .number:
      return isNumber(value) ? [] : ["\(path): not a number (\(value))"]
    case .bool:
      return isBool(value) ? [] : ["\(path): not a boolean (\(value))"]
    case .oneOf(let allowed):
      guard let s = value as? String else { return ["\(path): not a string (\(value))"] }
      return allowed.contains(s) ? [] : ["\(path): \(s) is not one of \(allowed)"]
    case .array(let element):
      guard let array = value as? [Any] else { return ["\(path): not an array"] }
      return array.enumerated().flatMap {
        problems($0.element, element, at: "\(path)[\($0.offset)]")
      }
    case .object(let fields):
      guard let object = value as? [String: Any] else { return ["\(path): not an object"] }
      return fields.keys.sorted().flatMap { problems(object[$0], fields[$0]!, at: "\(path).\($0)") }
    }
  }

  @Test func reportJSONKeepsTheContract() throws {
    let files = try DemoFiles.make()
    defer { files.remove() }
    let result = try CommandRunner.sitrep(
      ["report", "--json", "--at", ReportGoldenTests.at] + files.paths)
    #expect(result.status == 0, "stderr: \(result.stderr)")
    let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    let found = Self.problems(json, .object(Self.document), at: "$")
    #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
    // Non-empty arrays, so the element fields above were really checked.
    let root = try #require(json as? [String: Any])
    for key in ["services", "jobs", "errors", "sources"] {
      #expect(((root[key] as? [Any]) ?? []).isEmpty == false, "\(key) is empty")
    }
    let deploy = try #require(root["deploy"] as? [String: Any])
    #expect(((deploy["changes"] as? [Any]) ?? []).isEmpty == false)
    #expect(((deploy["new_errors"] as? [Any]) ?? []).isEmpty == false)
  }

  /// The checker itself: a document with a dropped field must be reported.
  @Test func droppedFieldIsCaught() {
    var object: [String: Any] = [
      "route": "GET /x", "requests": 3, "error_rate": NSNull(), "p50_ms": 1.0, "p95_ms": 2.0,
      "p99_ms": 3.0,
    ]
    #expect(Self.problems(object, .object(Self.route), at: "$").isEmpty)
    object.removeValue(forKey: "p95_ms")
    #expect(Self.problems(object, .object(Self.route), at: "$") == ["$.p95_ms: missing"])
    object["p95_ms"] = true
    #expect(
      Self.problems(object, .object(Self.route), at: "$") == ["$.p95_ms: not a number (true)"])
  }
}
