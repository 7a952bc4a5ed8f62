import Testing

@testable import SitrepCore

/// The recorded job runners (`Fixtures/formats/<runner>/`), read and compared with what their
/// story says happened.
@Suite struct JobRunnerStoryTests {
  @Test func rqThreeNamesEachJobByItsStartLine() throws {
    let story = try FixtureStory("rq")
    let d = try expectJobsMatchStory(story, file: "worker.log", format: "rq")
    // "Job OK" and the failure line carry only the id; the name is the start line's.
    let failed = d.jobs.filter { $0.phase == .failed }
    #expect(
      failed.map(\.runID) == [
        "d70b041b-def5-4686-a4b8-fb712e550608", "b88d1909-39c9-4e0a-9601-aa46134b00de",
      ])
    #expect(failed.allSatisfy { $0.name == "jobs.sync_sku" })
    // The duration "Successfully completed" printed, not the whole-second stamps' difference.
    let ok = d.jobs.filter { $0.phase == .succeeded }
    #expect(ok.count == 3)
    #expect(approx(ok.first?.durationSeconds, 0.032989))
    // The traceback and the blank line after it belong to the failure.
    #expect(failed.first?.exception?.topFrame?.function == "sync_sku")
    // Worker chatter: started, subscribing, listening, cleaning (2), result kept (3), done, unsubscribing.
    #expect(d.counts.ignored == 10)
  }

  @Test func dramatiqFailureIsNotAlsoASuccess() throws {
    let story = try FixtureStory("dramatiq")
    let d = try expectJobsMatchStory(story, file: "worker.log", format: "dramatiq")
    // "Completed after 0.16ms." came before the failure: it gives the failed run's duration.
    let failed = try #require(d.jobs.first { $0.phase == .failed })
    #expect(failed.name == "sync_sku" && failed.runID == "590cbd91-4553-4716-a34a-0789780298ab")
    #expect(approx(failed.durationSeconds, 0.00016))
    #expect(!d.jobs.contains { $0.phase == .succeeded && $0.name == "sync_sku" })
    let ok = d.jobs.filter { $0.phase == .succeeded }
    #expect(ok.map(\.durationSeconds) == [0.03188, 0.03412])
    // The worker's own lines are records, its warning among them.
    #expect(d.records.contains { $0.level == .warning && $0.message.hasPrefix("Retries exceeded") })
  }

  @Test func dramatiqWithoutVerboseStillFails() throws {
    // Without --verbose only the ERROR line and its traceback are written.
    let lines = [
      "[2026-11-26 16:16:15,025] [PID 22772] [Thread-4] [dramatiq.worker.WorkerThread] [ERROR] Failed to process message sync_sku('C-3') with unhandled exception.",
      "Traceback (most recent call last):",
      "  File \"/srv/jobs.py\", line 23, in sync_sku",
      "jobs.PaymentDeclinedError: card declined for sku C-3",
    ]
    let d = try decode("dramatiq", text: lines)
    #expect(d.jobs.count == 1 && d.jobs.first?.phase == .failed && d.jobs.first?.name == "sync_sku")
    #expect(d.jobs.first?.exception?.type == "jobs.PaymentDeclinedError")
    #expect(d.counts.parsed == 4)
  }

  @Test func dramatiqCompletionAtTheEndOfInputIsASuccess() throws {
    let lines = [
      "[2026-11-26 16:16:14,992] [PID 1] [Thread-4] [dramatiq.worker.WorkerThread] [DEBUG] Received message charge(201) with id 'a'.",
      "[2026-11-26 16:16:15,024] [PID 1] [Thread-4] [tasks.charge] [DEBUG] Completed after 31.88ms.",
    ]
    let d = try decode("dramatiq", text: lines)
    #expect(d.jobs.map(\.phase) == [.started, .succeeded])
  }

  @Test func hueyBannerLinesAreIgnored() throws {
    let story = try FixtureStory("huey")
    let d = try expectJobsMatchStory(story, file: "consumer.log", format: "huey")
    // "+ huey_tasks.charge" and "+ huey_tasks.sync_sku": the only lines with nothing to read.
    #expect(d.counts.ignored == 2)
    #expect(approx(d.jobs.first { $0.phase == .succeeded }?.durationSeconds, 0.031))
    #expect(d.records.contains { $0.logger == "huey.consumer.Scheduler" && $0.level == .debug })
  }

  @Test func apschedulerRunsByName() throws {
    let story = try FixtureStory("apscheduler")
    let d = try expectJobsMatchStory(story, file: "scheduler.log", format: "apscheduler")
    let charge = d.jobs.filter { $0.name == "charge" && $0.phase == .succeeded }
    #expect(
      charge.count == 2
        && charge.allSatisfy { approx($0.durationSeconds, 0.030, tolerance: 0.0015) })
    // The scheduler's own lines are records, with the logger out of the message.
    #expect(d.records.first?.logger == "apscheduler.scheduler")
    #expect(d.records.first?.message.hasPrefix("Adding job tentatively") == true)
  }

  /// APScheduler 4 names a run by its job's UUID only: every run counts under one job, each with
  /// its UUID as the run id, and the failures keep their tracebacks' exceptions.
  @Test func apscheduler4RunsCountUnderOneJob() throws {
    let story = try FixtureStory("apscheduler4")
    let lines = try story.lines("scheduler.log")
    #expect(FormatDetector.detect(lines: lines)?.format == "apscheduler")
    let d = try decode("apscheduler", lines: lines, readAt: story.readAt)
    #expect(total(d.counts) == lines.count)
    #expect(d.counts.malformed == 0, "\(d.counts.recentMalformed)")
    let board = jobBoard(d.jobs)
    #expect(Array(board.keys) == ["apscheduler jobs"])
    let tracker = try #require(board["apscheduler jobs"])
    let failed = story.runs.filter { !$0.succeeded }
    #expect(tracker.runs.count == story.runs.count && story.runs.count == 6)
    #expect(tracker.runs.filter { $0.outcome == .failure }.count == failed.count)
    #expect(tracker.runs.filter { $0.outcome == .success }.count == story.runs.count - failed.count)
    let failures = d.jobs.filter { $0.phase == .failed }
    #expect(failures.map { $0.exception?.type } == failed.map(\.exceptionType))
    #expect(failures.map { $0.exception?.message } == failed.map(\.exceptionMessage))
    let ids = d.jobs.compactMap(\.runID)
    #expect(ids.count == 6 && Set(ids).count == 6 && ids.allSatisfy { $0.count == 36 })
    // The scheduler's own lines are records; the task is named only where it was added.
    #expect(d.records.first?.logger == "apscheduler._schedulers.async_")
    #expect(d.records.first?.message.hasPrefix("Added new schedule (task='jobs:charge'") == true)
  }

  @Test func apscheduler4CancelledAndAbortedRunsFail() throws {
    let d = try decode(
      "apscheduler",
      text: [
        "2026-11-26 22:13:43,696 INFO [apscheduler._schedulers.async_] Job a9dd2663-16c6-46cf-993a-5aa6bacbc407 was cancelled",
        "2026-11-26 22:13:44,696 ERROR [apscheduler._schedulers.async_] Job b9dd2663-16c6-46cf-993a-5aa6bacbc407 was aborted due to KeyboardInterrupt",
        "2026-11-26 22:13:45,696 INFO [apscheduler._schedulers.async_] Job not-a-uuid completed successfully",
      ], readAt: 1_795_731_300)
    #expect(d.jobs.map(\.phase) == [.failed, .failed])
    #expect(d.jobs.map(\.detail) == ["cancelled", "was aborted due to KeyboardInterrupt"])
    #expect(d.records.map(\.message) == ["Job not-a-uuid completed successfully"])
  }

  @Test func arqFailureTakesTheTracebacksQualifiedType() throws {
    let story = try FixtureStory("arq")
    let d = try expectJobsMatchStory(story, file: "worker.log", format: "arq")
    let failed = try #require(d.jobs.first { $0.phase == .failed })
    #expect(failed.runID == "63baf7782708434ca9818e6331e2470c")
    #expect(failed.exception?.traceback.isEmpty == false)
    #expect(approx(d.jobs.first { $0.phase == .succeeded }?.durationSeconds, 0.03))
    // "Starting worker for 2 functions" and the redis line.
    #expect(d.counts.ignored == 2)
  }

  @Test func arqFailureWithoutTracebackKeepsItsOwnLine() throws {
    let d = try decode(
      "arq", text: ["16:16:25:   0.00s ! abc:sync_sku failed, PaymentDeclinedError: declined"],
      readAt: 1_795_710_000)
    #expect(
      d.jobs.first?.exception == ExceptionInfo(type: "PaymentDeclinedError", message: "declined"))
  }
}
