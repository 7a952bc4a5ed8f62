import Glibc

@testable import SitrepCore

/// A deploy simulated at simulated time: requests at a steady rate on three routes, some 5xx,
/// log-normal latencies, before and after a deploy that may change the error rate or scale the
/// latencies. The gate reads it through its `Inputs`, as it reads the model's buckets.
struct GateSimulation {
  var rps = 20
  var errorRate = 0.01
  var errorRateAfter = 0.01
  var latencyScaleAfter = 1.0
  /// Mid-slot, as deploys are: the slot holding it is left out of both sides.
  var deploy = 1_800_000_600.0 + 4.5
  var before = 600.0
  var horizon = 600.0

  static let routes: [(route: String, weight: Double, medianMs: Double)] = [
    ("GET /api/items", 0.5, 40), ("POST /api/orders", 0.3, 120), ("GET /api/search", 0.2, 300),
  ]

  /// The gate's verdict after watching the whole horizon, looking every 10 s of data.
  func run(seed: UInt64) -> DeployGateState {
    var rng = SplitMix64(seed: seed)
    var slots: [Double: RequestBucket] = [:]
    var minutes: [String: [Double: RequestBucket]] = [:]
    let start = deploy - before
    let end = deploy + horizon
    let gap = 1 / Double(rps)
    var t = start
    while t < end {
      let afterDeploy = t >= deploy
      let u = rng.unit()
      var acc = 0.0
      var route = Self.routes[Self.routes.count - 1]
      for r in Self.routes {
        acc += r.weight
        if u < acc {
          route = r
          break
        }
      }
      let status = rng.chance(afterDeploy ? errorRateAfter : errorRate) ? 500 : 200
      let ms =
        route.medianMs * exp(0.5 * rng.normal()) * (afterDeploy ? latencyScaleAfter : 1)
      slots[(t / 10).rounded(.down) * 10, default: RequestBucket()].record(
        status: status, durationMs: ms)
      minutes[route.route, default: [:]][(t / 60).rounded(.down) * 60, default: RequestBucket()]
        .record(status: status, durationMs: ms)
      t += gap
    }
    let inputs = DeployGate.Inputs(
      requestBucket: { from, to in
        var total = RequestBucket()
        for (s, b) in slots where s >= from && s + 10 <= to { total.add(b) }
        return total
      },
      routeBuckets: { from, to in
        minutes.keys.sorted().map { route in
          var total = RequestBucket()
          for (s, b) in minutes[route]! where s >= from && s + 60 <= to { total.add(b) }
          return (service: "", route: route, bucket: total)
        }
      }, dataStart: start, dataEnd: end)
    var gate = DeployGate()
    gate.horizon = horizon
    return gate.evaluate(
      deploy: DeployEvent(time: deploy, version: "v2"), previous: nil, next: nil, now: end,
      inputs: inputs)
  }
}
