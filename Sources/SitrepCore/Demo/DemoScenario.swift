/// The story the demo tells: two services behind nginx, a Celery worker, an app log, and a deploy a
/// minute in that makes one route slower and one task start failing.
public struct DemoScenario: Sendable {
  public struct Route: Sendable {
    public var method: String
    public var template: String
    public var weight: Double
    /// Median latency in ms; the spread is log-normal.
    public var medianMs: Double
    public var errorRate: Double
    public var makePath: @Sendable (inout SplitMix64) -> String
  }

  public struct Service: Sendable {
    public var name: String
    public var rps: Double
    public var routes: [Route]
  }

  public struct Task: Sendable {
    public var name: String
    public var every: Double
    public var medianSeconds: Double
    public var failureRate: Double
  }

  public var services: [Service]
  public var tasks: [Task]
  /// Seconds after the demo's start at which the new version goes out.
  public var deployAfter: Double = 60
  /// How much history is written at start, so the screen has numbers at once.
  public var history: Double = 15 * 60
  /// The route made slower by the deploy, and by how much.
  public var slowedRoute = "/api/orders/:id"
  public var slowdown = 3.0
  /// The task that starts failing after the deploy.
  public var brokenTask = "tasks.sync_sku"

  public static let standard = DemoScenario(
    services: [
      Service(
        name: "api", rps: 25,
        routes: [
          Route(
            method: "GET", template: "/api/orders/:id", weight: 40, medianMs: 35, errorRate: 0.004
          ) {
            "/api/orders/\(1000 + Int($0.next() % 9000))"
          },
          Route(method: "POST", template: "/api/orders", weight: 10, medianMs: 90, errorRate: 0.01)
          { _ in
            "/api/orders"
          },
          Route(method: "GET", template: "/api/search", weight: 20, medianMs: 120, errorRate: 0.005)
          {
            "/api/search?q=\($0.pick(["red+shoes", "tent", "lamp", "kettle"]))"
          },
          Route(
            method: "GET", template: "/api/customers/:id/cart", weight: 15, medianMs: 25,
            errorRate: 0.002
          ) {
            "/api/customers/\(Int($0.next() % 500))/cart"
          },
          Route(method: "GET", template: "/health", weight: 5, medianMs: 1, errorRate: 0) { _ in
            "/health"
          },
        ]),
      Service(
        name: "admin", rps: 2,
        routes: [
          Route(
            method: "GET", template: "/admin/reports", weight: 1, medianMs: 300, errorRate: 0.01
          ) {
            "/admin/reports?month=2026-\(twoDigits(Int($0.next() % 12) + 1))"
          },
          Route(
            method: "GET", template: "/admin/users/:id", weight: 9, medianMs: 60, errorRate: 0.0
          ) {
            "/admin/users/\(Int($0.next() % 2000))"
          },
        ]),
    ],
    tasks: [
      Task(name: "tasks.sync_sku", every: 15, medianSeconds: 0.4, failureRate: 0.0),
      Task(name: "tasks.send_receipt", every: 6, medianSeconds: 0.05, failureRate: 0.01),
      Task(name: "tasks.cleanup_sessions", every: 60, medianSeconds: 0.3, failureRate: 0),
      Task(name: "reports.hourly", every: 300, medianSeconds: 20, failureRate: 0.2),
    ])
}

/// Two-digit zero padding without Foundation.
private func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
