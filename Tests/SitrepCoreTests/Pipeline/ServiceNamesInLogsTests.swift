import Testing

@testable import SitrepCore

/// The names a file's own lines state, read before its lines are decoded.
@Suite struct ServiceNamesInLogsTests {
  @Test(arguments: [
    (#"{"ts": "2026-11-24T13:20:00Z", "service": "api", "version": "v1.4.1"}"#, "api"),
    (
      #"{"asctime": "2026-11-24 14:02:31,118", "service_name": "checkout", "message": "x"}"#,
      "checkout"
    ),
    ("2026-11-24T13:50:00Z v1.4.2 service=api by=alice", "api"),
    (#"api_build_info{service="api",version="v1.4.2"} 1"#, "api"),
    (#"process_start_time_seconds{job="billing",instance="x"} 1.7e9"#, "billing"),
  ])
  func namesInLines(line: String, name: String) {
    #expect(ServiceNamesInLogs.name(inLine: line) == name)
  }

  @Test(arguments: [
    #"{"asctime": "2026-11-24 14:02:31,118", "message": "order created"}"#,
    #"{"service": ""}"#,
    "# HELP api_build_info build",
    #"http_requests_total{service_job="x"} 3"#,
    "203.0.113.7 - - [24/Nov/2026:14:02:31 +0000] \"GET / HTTP/1.1\" 200 512 \"-\" \"-\" 0.038",
  ])
  func noNameInLines(line: String) {
    #expect(ServiceNamesInLogs.name(inLine: line) == nil)
  }
}
