import ArgumentParser

@main
struct Sitrep: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sitrep",
    abstract:
      "One screen that tells an on-call engineer what is wrong: services, jobs, the last deploy.",
    discussion: """
      sitrep tails the log and metric files already on the box (nginx/gunicorn/uvicorn access logs,
      Python app logs, Celery/RQ/cron job logs, Prometheus text files, a deploy log), detects their
      formats, and shows whether each service is up, whether it is slow, which jobs fail, and what the
      last deploy changed. Try `sitrep demo`.
      """,
    version: "\(BuildInfo.version) (commit \(BuildInfo.commit))",
    subcommands: [
      MonitorCommand.self, DemoCommand.self, ReportCommand.self, CheckCommand.self,
      InitCommand.self, FormatsCommand.self,
      BenchCommand.self,
    ],
    defaultSubcommand: MonitorCommand.self
  )
}
