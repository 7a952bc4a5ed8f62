import Testing

@testable import SitrepCore

/// The outline of a traceback FastAPI really wrote (recorded from Hypercorn by
/// scripts/record-formats): 23 framework frames around 2 of the app's, chained to a cause.
@Suite struct TracebackOutlineTests {
  /// The chained traceback at the top of the recording, as the log holds it.
  static func fastAPITraceback() throws -> [String] {
    let lines = try fixtureText("formats/hypercorn/error.log")
    let start = try #require(lines.firstIndex { $0.hasPrefix("Traceback") })
    let end = try #require(lines.firstIndex { $0.hasPrefix("events.UpstreamError") })
    return Array(lines[start...end])
  }

  @Test func framesAreTheAppsOrALibrarysByPath() throws {
    let outline = TracebackOutline(try Self.fastAPITraceback())
    let frames = outline.parts.compactMap(\.frame)
    #expect(frames.count == 25)
    #expect(
      frames.filter(\.isApp).map(\.path).map { $0.split(separator: "/").last! } == [
        "events.py", "asgi_app.py", "events.py",
      ])
    let libraries = Set(frames.compactMap(\.library))
    #expect(libraries == ["hypercorn", "fastapi", "starlette"])
  }

  @Test func theChainAndBothExceptionsAreKept() throws {
    let parts = TracebackOutline(try Self.fastAPITraceback()).parts
    let chains = parts.filter { if case .chain = $0 { true } else { false } }
    #expect(
      chains == [.chain("The above exception was the direct cause of the following exception:")])
    let exceptions = parts.compactMap { part -> String? in
      if case .exception(let e) = part { return e }
      return nil
    }
    #expect(
      exceptions == [
        "ConnectionRefusedError: [Errno 111] Connection refused",
        "events.UpstreamError: inventory service unavailable: GET http://inventory.internal/sku/42 failed",
      ])
  }

  @Test func codeAndCaretLinesStayWithTheirFrame() throws {
    let frames = TracebackOutline(try Self.fastAPITraceback()).parts.compactMap(\.frame)
    let endpoint = try #require(frames.first { $0.location.contains("line 161, in app") })
    #expect(endpoint.code.count == 2)
    #expect(endpoint.code[1].drop { $0 == " " }.allSatisfy { $0 == "^" })
  }

  @Test func theViewOpensOnTheInnermostAppFrameOfTheLastException() throws {
    let outline = TracebackOutline(try Self.fastAPITraceback())
    let focus = try #require(outline.innermostAppFrame)
    #expect(outline.parts[focus].frame?.location.contains("events.py\", line 41") == true)
  }

  @Test func aTracebackOfLibraryFramesOnlyOpensOnItsInnermostFrame() {
    let outline = TracebackOutline([
      "Traceback (most recent call last):",
      "  File \"/usr/lib/python3.12/asyncio/base_events.py\", line 691, in run_until_complete",
      "    return future.result()",
      "  File \"/venv/lib/python3.12/site-packages/httpx/_client.py\", line 10, in send",
      "    raise ReadTimeout(message)",
      "httpx.ReadTimeout: timed out",
    ])
    let frames = outline.parts.compactMap(\.frame)
    #expect(frames.map(\.library) == ["asyncio", "httpx"])
    #expect(outline.parts[outline.innermostAppFrame!].frame?.library == "httpx")
  }

  @Test(
    arguments: [
      ("/srv/app/orders.py", nil),
      ("/venv/lib/python3.11/site-packages/starlette/routing.py", "starlette"),
      ("/usr/lib/python3/dist-packages/redis/client.py", "redis"),
      ("/usr/lib/python3.12/asyncio/tasks.py", "asyncio"),
      ("/usr/lib/python3.12/json/__init__.py", "json"),
      ("/usr/local/lib/python3.12/functools.py", "functools"),
      ("<frozen importlib._bootstrap>", "<frozen importlib._bootstrap>"),
      ("/home/dev/python-app/lib/orders.py", nil),
    ] as [(String, String?)])
  func libraryOfAPath(_ path: String, _ expected: String?) {
    #expect(TracebackOutline.library(of: path) == expected)
  }

  @Test func aMessageOverSeveralLinesStaysOneException() {
    let parts = TracebackOutline([
      "Traceback (most recent call last):",
      "  File \"/srv/app/validate.py\", line 3, in check",
      "    raise ValueError(text)",
      "ValueError: 2 errors:",
      "  price: must be positive",
      "  sku: missing",
    ]).parts
    #expect(
      parts.last == .exception("ValueError: 2 errors:\n  price: must be positive\n  sku: missing"))
  }
}
