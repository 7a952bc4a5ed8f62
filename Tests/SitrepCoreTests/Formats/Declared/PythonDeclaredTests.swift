import Testing

@testable import SitrepCore

@Suite struct PythonDeclaredTests {
  /// Formats of the record-formats stdlib-logging recording (Python 3.11), with their logs.
  static let named = "%(asctime)s [%(name)s] %(levelname)s %(message)s"
  static let basic = "%(levelname)s:%(name)s:%(message)s"
  static let module = "[%(asctime)s] {%(module)s:%(lineno)d} %(levelname)s - %(message)s"
  static let moduleDatefmt = "%d/%b/%Y %H:%M:%S"

  @Test func recordedNamedLog() throws {
    let descriptor = try FormatCatalog.resolve(Self.named)
    #expect(descriptor.id == "python-declared" && descriptor.role == .app)
    let d = try decodeDeclared(Self.named, fixture: "declared/python-named.log")
    // A message with a newline goes on, indented, on a line of its own: it joins its record's
    // message (RecordHold), in the declared decoder as in the built-in one.
    #expect(d.counts.malformed == 0)
    #expect(d.records.contains { $0.message.hasSuffix("second line of the same record") })
    let builtIn = try decode("python-logging", fixture: "declared/python-named.log")
    #expect(d.counts.malformed == builtIn.counts.malformed)
    let r = d.records
    #expect(r[0].logger == "shop.orders" && r[0].level == .info)
    #expect(r[0].message == "order 1001 created (3 items, total 42.50 EUR)")
    #expect(approx(r[0].time, recorded1559 + 22.567))
    #expect(r[1].level == .debug && r[2].level == .warning && r[2].logger == "shop.payments")
    // The traceback after the ERROR record joins it.
    #expect(r[4].level == .error && r[4].exception?.type == "ValueError")
    #expect(r[5].exception?.type != nil && r[5].exception?.causes.isEmpty == false)
  }

  @Test func recordedBasicConfigDefault() throws {
    let d = try decodeDeclared(
      Self.basic, text: try fixtureText("declared/python-basic.log"), readAt: 5000)
    #expect(d.counts.malformed == 0 && d.counts.parsed == 40)
    let r = d.records
    #expect(r[0].level == .info && r[0].logger == "shop.orders" && r[0].time == 5000)
    #expect(r.contains { $0.exception?.type == "ValueError" })
  }

  @Test func recordedModuleLogWithDatefmt() throws {
    let d = try decodeDeclared(
      Self.module, dateFormat: Self.moduleDatefmt, fixture: "declared/python-module.log")
    #expect(d.counts.malformed == 0 && d.counts.parsed == 40)
    let r = d.records
    #expect(r[0].time == recorded1559 + 22 && r[0].level == .info && r[0].logger == nil)
    #expect(r[0].message == "order 1001 created (3 items, total 42.50 EUR)")
    #expect(r.contains { $0.exception?.type == "ValueError" })
  }

  @Test func appFixtureWithTheCommonFormat() throws {
    let d = try decodeDeclared(
      "%(asctime)s %(levelname)s %(name)s: %(message)s", fixture: "app-python.log")
    #expect(d.counts.malformed == 0)
    #expect(d.records[1].exception?.type == "KeyError" && d.records[1].logger == "app.orders")
  }

  @Test func paddedLevelAndEveryAttribute() throws {
    let format =
      "%(asctime)s %(levelname)-8s %(levelno)s %(name)s %(module)s %(funcName)s %(lineno)d "
      + "%(process)d %(processName)s %(thread)d %(threadName)s %(pathname)s %(filename)s "
      + "%(created)f %(msecs)03d %(relativeCreated)d %(message)s"
    let line =
      "2026-11-26 15:59:50,125 INFO     20 shop.orders orders create 42 4021 MainProcess "
      + "140245 MainThread /srv/shop/orders.py orders.py 1795708790.125000 125 1834 order created"
    let d = try decodeDeclared(format, text: [line])
    let r = try #require(d.records.first)
    #expect(r.level == .info && r.logger == "shop.orders" && r.message == "order created")
    // `%(created)f` comes after asctime and wins; both say the same instant.
    #expect(approx(r.time, recorded1559 + 0.125))
  }

  @Test func rightAlignedLevel() throws {
    let d = try decodeDeclared("%(levelname)8s|%(message)s", text: ["    INFO|hi", "CRITICAL|x"])
    #expect(d.records.map(\.level) == [.info, .critical] && d.records[0].message == "hi")
    let named = try decodeDeclared(
      "%(levelname)s %(name)12s|%(message)s", text: ["INFO   app.orders|x"])
    #expect(named.records.first?.logger == "app.orders")
  }

  @Test func levelnoDecidesTheLevel() throws {
    let d = try decodeDeclared("%(levelno)s %(message)s", text: ["40 boom", "10 fine", "55 x"])
    #expect(d.records.map(\.level) == [.error, .debug, .critical])
  }

  @Test func braceStyle() throws {
    let d = try decodeDeclared(
      "{asctime} {levelname:<8} {name}: {message}",
      text: [
        "2026-11-26 15:59:50,000 WARNING  app.pay: slow", "2026-11-26 15:59:50,000 ERROR    app: x",
      ])
    #expect(d.records.map(\.level) == [.warning, .error] && d.records[0].logger == "app.pay")
    #expect(d.records[0].message == "slow" && d.records[0].time == recorded1559)
  }

  @Test func dollarStyle() throws {
    let d = try decodeDeclared(
      "${asctime} ${levelname} $name: ${message}",
      text: [
        "2026-11-26 15:59:50,000 ERROR app: failed"
      ])
    #expect(d.records.first?.level == .error && d.records.first?.message == "failed")
  }

  @Test func datefmtDirectives() throws {
    let cases: [(String, String)] = [
      ("%Y-%m-%dT%H:%M:%S%z", "2026-11-26T16:59:50+0100"),
      ("%y%m%d %I:%M:%S %p %Z", "261126 03:59:50 PM UTC"),
      ("%a, %d %b %Y %H:%M:%S", "Thu, 26 Nov 2026 15:59:50"),
      ("%A %B %d %Y %H:%M:%S", "Thursday November 26 2026 15:59:50"),
      ("%Y %j %H:%M:%S", "2026 330 15:59:50"),
    ]
    for (datefmt, stamp) in cases {
      let d = try decodeDeclared(
        "%(asctime)s %(levelname)s %(message)s", dateFormat: datefmt, text: ["\(stamp) INFO hi"])
      #expect(d.records.first?.time == recorded1559, "\(datefmt)")
    }
  }

  @Test func msecsCompleteADatefmtTime() throws {
    let d = try decodeDeclared(
      "%(asctime)s.%(msecs)03d %(levelname)s %(message)s", dateFormat: "%Y-%m-%d %H:%M:%S",
      text: ["2026-11-26 15:59:50.125 INFO hi"])
    #expect(d.records.first?.time == recorded1559 + 0.125)
  }

  @Test func datefmtWithoutZoneUsesTheNaiveZone() throws {
    let d = try decodeDeclared(
      "%(asctime)s %(message)s", dateFormat: "%H:%M:%S %d.%m.%Y", text: ["16:59:50 26.11.2026 hi"],
      options: DecoderOptions(naiveZone: .fixed(3600)))
    #expect(d.records.first?.time == recorded1559)
  }

  @Test func messageOnlyLeavesTracebacksToTheRecord() throws {
    let d = try decodeDeclared(
      "%(message)s",
      text: [
        "charge failed", "Traceback (most recent call last):", "  File \"x.py\", line 1, in f",
        "KeyError: 'sku'",
      ])
    // `KeyError: 'sku'` has no indent: with nothing to anchor on it reads as a record of its own.
    #expect(d.records.first?.message == "charge failed")
    #expect(d.records.first?.exception != nil)
  }

  // MARK: - Errors

  @Test func misspeltAttribute() {
    let e = compileError("%(asctime)s %(levelnme)s %(message)s")
    #expect(e?.problem == "unknown LogRecord attribute %(levelnme)s")
    #expect(e?.fix == "did you mean levelname?")
  }

  @Test func needsMessageOrLevel() {
    #expect(compileError("%(asctime)s %(name)s")?.problem.contains("needs %(message)s") == true)
  }

  @Test func badDatefmt() {
    let e = compileError("%(asctime)s %(message)s", dateFormat: "%Y-%m-%d %Q")
    #expect(e?.problem == "unknown strftime directive %Q in \"%Y-%m-%d %Q\"")
  }

  @Test func missingConversion() {
    #expect(
      compileError("%(asctime) %(message)s")?.problem.contains("no conversion letter") == true)
  }

  @Test func unbalancedParenthesis() {
    #expect(compileError("%(asctime)s %(message")?.problem == "unbalanced parenthesis in %(message")
  }

  @Test func unbalancedDollarBrace() {
    #expect(compileError("${levelname} ${message")?.problem == "unbalanced brace in ${message")
  }

  @Test func emptyFieldName() {
    #expect(compileError("python:{} {message}")?.problem == "an empty field name in {}")
  }

  @Test func datefmtEndingWithAPercent() {
    #expect(
      compileError("%(asctime)s %(message)s", dateFormat: "%H:%M %")?.problem
        == "datefmt \"%H:%M %\" ends with a lone %")
  }

  @Test func taskNameAndUnknownAttributesAreIgnored() throws {
    let d = try decodeDeclared(
      "%(taskName)s %(request_id)s %(levelname)s %(message)s", text: ["Task-1 5f1c ERROR boom"])
    #expect(d.records.first?.level == .error && d.records.first?.message == "boom")
  }

  @Test func unbalancedBrace() {
    #expect(compileError("{asctime} {message")?.problem.hasPrefix("unbalanced brace") == true)
  }
}
