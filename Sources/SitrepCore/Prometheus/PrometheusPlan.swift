/// What to ask Prometheus and of whom: the server's settings and each service's queries, from
/// config. One round (`read`) serves the dashboard's poller and `report`/`check` alike.
public struct PrometheusPlan: Sendable {
  public var settings: PrometheusSettings
  public var services: [(name: String, queries: PrometheusServiceQueries)]

  public init(
    settings: PrometheusSettings, services: [(name: String, queries: PrometheusServiceQueries)]
  ) {
    self.settings = settings
    self.services = services
  }

  /// From config: `nil` without `[prometheus]` or without a service to ask about.
  public init?(config: SitrepConfig) {
    guard let settings = config.prometheus else { return nil }
    let services = config.services.compactMap { s in s.prometheus.map { (s.name, $0) } }
    guard !services.isEmpty else { return nil }
    self.init(settings: settings, services: services)
  }

  /// `deployAt`: the latest deploy, read around for the deploy comparison.
  public func read(now: EpochSeconds, windowSeconds: Double, deployAt: EpochSeconds? = nil)
    -> [PrometheusReading]
  {
    PrometheusRound.read(
      client: settings.client, services: services, now: now, windowSeconds: windowSeconds,
      deploy: deployAt.map { ($0, DeployAnalyzer().wantedSpan) })
  }

  /// Installs a round's readings in the model.
  public static func install(_ readings: [PrometheusReading], into monitor: Monitor) {
    monitor.prometheus = Dictionary(readings.map { ($0.service, $0) }) { a, _ in a }
  }
}
