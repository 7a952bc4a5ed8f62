import Testing

@testable import SitrepCore

@Suite struct TracebackAssemblerTests {
  func assemble(_ lines: [String]) -> (taken: Int, info: ExceptionInfo?) {
    var a = TracebackAssembler()
    var taken = 0
    for line in lines where a.accept(line) { taken += 1 }
    return (taken, a.finish())
  }

  @Test func chainedTracebackKeepsLastExceptionAndCauses() {
    let lines = [
      "Traceback (most recent call last):",
      "  File \"/srv/app/payments.py\", line 88, in charge",
      "    resp = client.post(url)",
      "httpx.ReadTimeout: timed out",
      "",
      "The above exception was the direct cause of the following exception:",
      "",
      "Traceback (most recent call last):",
      "  File \"/srv/app/payments.py\", line 95, in charge",
      "    raise PaymentError(\"x\") from exc",
      "app.payments.PaymentError: charge 9912 failed",
    ]
    let (taken, info) = assemble(lines)
    #expect(taken == lines.count)
    #expect(info?.type == "app.payments.PaymentError" && info?.message == "charge 9912 failed")
    #expect(info?.causes == ["httpx.ReadTimeout: timed out"])
    #expect(
      info?.topFrame == StackFrame(file: "/srv/app/payments.py", line: 95, function: "charge"))
    #expect(info?.traceback == lines)
  }

  @Test func duringHandlingChainAndCaretLines() {
    let lines = [
      "Traceback (most recent call last):",
      "  File \"a.py\", line 1, in f",
      "    x = d[\"k\"]",
      "        ~^^^^^",
      "KeyError: 'k'",
      "",
      "During handling of the above exception, another exception occurred:",
      "",
      "Traceback (most recent call last):",
      "  File \"a.py\", line 3, in f",
      "    raise ValueError",
      "ValueError",
    ]
    let (taken, info) = assemble(lines)
    #expect(taken == lines.count)
    #expect(info?.type == "ValueError" && info?.message == "")
    #expect(info?.causes == ["KeyError: 'k'"])
    #expect(info?.topFrame?.line == 3)
  }

  @Test func exceptionGroup() {
    let lines = [
      "  + Exception Group Traceback (most recent call last):",
      "  |   File \"/srv/app/jobs.py\", line 12, in run",
      "  |     raise ExceptionGroup(\"many\", errs)",
      "  | ExceptionGroup: many (2 sub-exceptions)",
      "  +-+---------------- 1 ----------------",
      "    | Traceback (most recent call last):",
      "    |   File \"/srv/app/jobs.py\", line 5, in one",
      "    | ValueError: bad",
      "    +---------------- 2 ----------------",
      "    | TypeError: worse",
      "    +------------------------------------",
    ]
    let (taken, info) = assemble(lines)
    #expect(taken == lines.count)
    #expect(info?.type == "ExceptionGroup" && info?.message == "many (2 sub-exceptions)")
    #expect(info?.topFrame == StackFrame(file: "/srv/app/jobs.py", line: 12, function: "run"))
  }

  @Test func unrelatedLinesAreRefused() {
    var a = TracebackAssembler()
    let taken = ["just a line", "", "  indented but no traceback yet"].map { a.accept($0) }
    #expect(taken == [false, false, false])
    let info = a.finish()
    #expect(info == nil)
  }

  @Test func truncatedTracebackStillReportsFrame() {
    let (_, info) = assemble([
      "Traceback (most recent call last):", "  File \"x.py\", line 9, in g",
    ])
    #expect(info?.type == "Traceback" && info?.topFrame?.line == 9)
  }

  @Test func hugeLineNumberDoesNotTrap() {
    let (_, info) = assemble([
      "Traceback (most recent call last):",
      "  File \"x.py\", line 99999999999999999999999, in g", "E: m",
    ])
    #expect(info?.type == "E" && info?.topFrame == nil)
  }

  @Test func reprAndSummaries() {
    #expect(
      TracebackAssembler.parseRepr("KeyError('sku')")
        == ExceptionInfo(type: "KeyError", message: "'sku'"))
    #expect(
      TracebackAssembler.parseRepr("ConnectionError('smtp unreachable')")
        == ExceptionInfo(type: "ConnectionError", message: "smtp unreachable"))
    #expect(
      TracebackAssembler.summaryException("KeyError: 77")
        == ExceptionInfo(type: "KeyError", message: "77"))
    #expect(TracebackAssembler.summaryException("connection refused")?.type == "Error")
  }
}
