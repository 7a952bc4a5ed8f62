import Testing

@testable import SitrepCore

@Suite struct JobDecoderTests {
  @Test func celeryFixture() throws {
    let d = try decode("celery", fixture: "celery-worker.log")
    #expect(d.counts.malformed == 0 && total(d.counts) == 17)
    #expect(d.counts.ignored == 3)
    let j = d.jobs
    try #require(j.count == 8)
    let cleanup = "0b9e5d2c-3f41-4c1e-9a1a-5c6f2d8e7a10"
    #expect(approx(j[0].time, fixtureHour + 0.131))
    #expect(
      j[0].phase == .started && j[0].name == "tasks.cleanup_sessions" && j[0].runID == cleanup)
    #expect(
      j[1].phase == .succeeded && approx(j[1].durationSeconds, 0.2693)
        && approx(j[1].time, fixtureHour + 0.402))
    #expect(j[2].phase == .started && j[2].name == "tasks.sync_sku")
    let failed = j[3]
    #expect(failed.phase == .failed && failed.runID == "7d1f0a66-8c2b-4a55-b1e3-2f9c0d4e6b21")
    #expect(failed.exception?.type == "KeyError" && failed.exception?.message == "'sku'")
    #expect(
      failed.exception?.topFrame
        == StackFrame(file: "/srv/app/tasks.py", line: 88, function: "sync_sku"))
    #expect(failed.exception?.traceback.count == 6)
    #expect(
      j[5].phase == .retried && j[5].detail == "Retry in 10s: ConnectionError('smtp unreachable')")
    #expect(j[6].phase == .succeeded && approx(j[6].durationSeconds, 0.0412))
    #expect(j[7].phase == .started && j[7].name == "reports.nightly")
  }

  @Test func celeryFailureWithoutTracebackUsesRepr() throws {
    let lines = [
      "[2026-11-24 14:00:05,377: ERROR/ForkPoolWorker-2] Task tasks.x[abc] raised unexpected: ValueError('bad input')",
      "[2026-11-24 14:00:06,000: INFO/ForkPoolWorker-1] tasks.y[def]: Task tasks.y[def] succeeded in 1.2e-05s: None",
      "[2026-11-24 14:00:07,000: WARNING/ForkPoolWorker-1] tasks.y[def]: a task's own log line",
    ]
    let d = try decode("celery", text: lines)
    #expect(d.jobs.first?.exception == ExceptionInfo(type: "ValueError", message: "bad input"))
    #expect(d.jobs.last?.phase == .succeeded && approx(d.jobs.last?.durationSeconds, 1.2e-05))
    #expect(d.counts.parsed == 2 && d.counts.ignored == 1)
  }

  @Test func rqFixture() throws {
    let d = try decode("rq", fixture: "rq-worker.log")
    #expect(d.counts.malformed == 0 && total(d.counts) == 14)
    let j = d.jobs
    try #require(j.count == 4)
    let email = "2f8e3c1a-9b7d-4e2f-a1c3-6d5b4e3f2a10"
    #expect(
      j[0]
        == JobEvent(time: fixtureHour + 3, name: "tasks.send_email", runID: email, phase: .started))
    #expect(
      j[1]
        == JobEvent(
          time: fixtureHour + 3, name: "tasks.send_email", runID: email, phase: .succeeded,
          durationSeconds: 0))
    #expect(
      j[2].phase == .started && j[2].name == "tasks.import_feed" && j[2].time == fixtureHour + 7)
    #expect(j[3].phase == .failed && j[3].name == "tasks.import_feed" && j[3].durationSeconds == 2)
    #expect(j[3].exception?.type == "ValueError" && j[3].exception?.message == "feed is empty")
    #expect(
      j[3].exception?.topFrame
        == StackFrame(file: "/srv/app/tasks.py", line: 31, function: "import_feed"))
  }

  @Test func syslogFixture() throws {
    let d = try decode("syslog-jobs", fixture: "syslog-cron.log")
    #expect(d.counts.malformed == 0 && total(d.counts) == 10)
    let j = d.jobs
    try #require(j.count == 6)
    #expect(
      j[0].name == "backup.sh" && j[0].phase == .started && j[0].runID == "23456"
        && j[0].time == fixtureHour + 1)
    #expect(j[1].name == "app.jobs.import_orders" && j[1].phase == .started)
    #expect(j[2] == JobEvent(time: fixtureHour + 5, name: "backup.service", phase: .started))
    // One failure, not three, with the exit status as detail and the run's duration.
    #expect(
      j[3]
        == JobEvent(
          time: fixtureHour + 9, name: "backup.service", phase: .failed, durationSeconds: 4,
          detail: "code=exited, status=1/FAILURE"))
    #expect(j[4].name == "cleanup.service" && j[4].phase == .started)
    #expect(
      j[5]
        == JobEvent(
          time: fixtureHour + 601, name: "cleanup.service", phase: .succeeded, durationSeconds: 1))
    #expect(d.counts.ignored == 4)
  }

  @Test func syslogRFC3339StampsAndForeignLines() throws {
    let lines = [
      "2026-11-24T14:00:01.123456+00:00 web1 CRON[9]: (root) CMD (/srv/bin/rotate)",
      "2026-11-24T14:00:02+00:00 web1 sshd[77]: Accepted publickey for alice",
      "2026-11-24 14:00:02,000 INFO app: not syslog",
      "Nov 24 14:00:03 web1 systemd[1]: backup.service: Main process exited, code=exited, status=0/SUCCESS",
    ]
    let d = try decode("syslog-jobs", text: lines)
    #expect(d.jobs.count == 1 && d.jobs.first?.name == "rotate" && d.jobs.first?.runID == "9")
    #expect(approx(d.jobs.first?.time, fixtureHour + 1.123456))
    #expect(d.jobs.first?.detail == "(root) /srv/bin/rotate")
    #expect(d.counts.parsed == 1 && d.counts.ignored == 2 && d.counts.malformed == 1)
  }

  @Test func cronCommandShortNames() {
    #expect(
      SyslogJobsRules.shortName(command: "/usr/local/bin/backup.sh >/dev/null 2>&1") == "backup.sh")
    #expect(
      SyslogJobsRules.shortName(
        command: "cd /srv/app && ./venv/bin/python -m app.jobs.import_orders")
        == "app.jobs.import_orders")
    #expect(
      SyslogJobsRules.shortName(command: "FOO=1 /usr/bin/python3 /srv/app/manage.py clearsessions")
        == "manage.py")
    #expect(
      SyslogJobsRules.shortName(command: "flock -n /tmp/x.lock /srv/bin/sync | logger") == "sync")
    #expect(SyslogJobsRules.shortName(command: "") == "")
  }

  @Test func jsonJobs() throws {
    let lines = [
      #"{"ts": "2026-11-24T14:00:00Z", "job": "nightly-report", "status": "started", "run_id": "r1"}"#,
      #"{"ts": "2026-11-24T14:00:30Z", "job": "nightly-report", "status": "failed", "run_id": "r1", "duration_ms": 30000, "error": "TimeoutError: db"}"#,
      #"{"time": 1795528800, "task": "sync", "state": "ok", "duration": 1.5}"#,
      #"{"task": "sync", "state": "retry"}"#,
      #"{"hello": "world"}"#,
      "not json",
    ]
    let d = try decode("json-jobs", text: lines)
    #expect(d.counts.parsed == 4 && d.counts.ignored == 1 && d.counts.malformed == 1)
    let j = d.jobs
    #expect(
      j[0] == JobEvent(time: fixtureHour, name: "nightly-report", runID: "r1", phase: .started))
    #expect(
      j[1].phase == .failed && j[1].durationSeconds == 30
        && j[1].exception == ExceptionInfo(type: "TimeoutError", message: "db"))
    #expect(j[2].phase == .succeeded && j[2].durationSeconds == 1.5 && j[2].time == fixtureHour)
    #expect(j[3].phase == .retried && j[3].time == fixtureReadAt)
  }
}
