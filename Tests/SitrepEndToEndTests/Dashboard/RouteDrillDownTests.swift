import Foundation
import Testing

/// Issue 15's walk "service → route → a 500 → its exception" on the demo's files: the API's
/// failing route, one of its 5xx requests, and the exception the app logged for it, found by
/// the request's path near its time.
@Suite struct RouteDrillDownTests {
  @Test func fromAServiceToTheExceptionBehindOneOfItsFailedRequests() throws {
    let dashboard = try DashboardUnderTmux()
    defer { dashboard.close() }
    let tmux = dashboard.tmux
    try dashboard.waitForPanels()
    // Paused: the lists keep their rows while we step through them.
    try tmux.send("f")
    // Services are listed worst first; open rows until the API's screen shows.
    for attempt in 0..<3 {
      // From the top each time: the selection follows its service as the order changes.
      try tmux.send("g")
      for _ in 0..<attempt { try tmux.send("j") }
      try tmux.send("Enter")
      let screen = try tmux.waitFor("a service screen") { $0.contains("· service ") }
      if screen.contains("service api") { break }
      try tmux.send("Escape")
      _ = try tmux.waitFor("the main screen again") { !$0.contains("· service ") }
    }
    try tmux.send("o")  // routes by error rate: a failing one on top
    try tmux.waitFor(text: "sorted by error rate")
    try tmux.send("Enter")
    try tmux.waitFor(text: "› route")
    // The route lists its 5xx and slowest requests, newest first: open rows until a 5xx.
    var found = false
    for _ in 0..<8 {
      try tmux.send("Enter")
      let screen = try tmux.waitFor(text: "› request")
      if screen.contains("request 50") {
        let cause = try tmux.waitFor(text: "The exception: matched by its path")
        #expect(cause.contains("TimeoutError: database pool exhausted"), "\(cause)")
        #expect(cause.contains("unhandled error on"), "\(cause)")
        found = true
        break
      }
      try tmux.send("Escape")
      _ = try tmux.waitFor("the route screen again") { !$0.contains("› request") }
      try tmux.send("j")
    }
    #expect(found, "no 5xx request among the route's first rows")
    try tmux.send("Q")
    #expect(try dashboard.waitForExit() == 0)
  }
}
