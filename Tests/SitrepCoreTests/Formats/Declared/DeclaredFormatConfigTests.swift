import Testing

@testable import SitrepCore

/// `format` in config accepting the user's own definitions, and `datefmt` beside it.
@Suite struct DeclaredFormatConfigTests {
  static let known = Set(FormatCatalog.all.map(\.id))

  func error(_ text: String) -> ConfigError? {
    do {
      _ = try SitrepConfig.parse(text: text, path: "/etc/sitrep.toml", knownFormats: Self.known)
      return nil
    } catch {
      return error
    }
  }

  @Test func nginxDirectiveInAService() throws {
    let text = """
      [[service]]
      name = "api"
      access = "/var/log/nginx/api.access.log"
      format = '''log_format timed '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent '
                          '"$http_referer" "$http_user_agent" $request_time';'''
      """
    let config = try SitrepConfig.parse(text: text, knownFormats: Self.known)
    let format = try #require(config.services[0].format)
    #expect(try FormatCatalog.resolve(format).id == "nginx-declared")
  }

  @Test func pythonFormatWithDatefmtInASource() throws {
    let text = """
      [[source]]
      path = "/var/log/shop/module.log"
      role = "app"
      format = "[%(asctime)s] {%(module)s:%(lineno)d} %(levelname)s - %(message)s"
      datefmt = "%d/%b/%Y %H:%M:%S"
      """
    let source = try SitrepConfig.parse(text: text, knownFormats: Self.known).sources[0]
    #expect(source.dateFormat == "%d/%b/%Y %H:%M:%S")
    #expect(try FormatCatalog.resolve(source.format!, dateFormat: source.dateFormat).role == .app)
  }

  @Test func badDefinitionNamesFileLineAndFix() throws {
    let e = try #require(
      error(
        """
        [[service]]
        name = "api"
        format = "$remote_addr [$time_local] \\"$request\\" $status $reqeust_time"
        """))
    #expect(e.file == "/etc/sitrep.toml" && e.line == 3)
    #expect(e.problem == "format: unknown nginx variable $reqeust_time")
    #expect(e.fix == "did you mean $request_time?")
    #expect(
      e.description
        == "/etc/sitrep.toml:3: format: unknown nginx variable $reqeust_time: did you mean $request_time?"
    )
  }

  @Test func definitionErrorsInASource() throws {
    let e = try #require(error("[[source]]\npath = \"/x\"\nformat = 'regex:^(\\S+)$'\n"))
    #expect(e.line == 3 && e.problem == "format: regex: no named group")
  }

  @Test func anAppFormatCannotReadAServicesAccessLogs() throws {
    let e = try #require(
      error("[[service]]\nname = \"api\"\nformat = \"%(levelname)s:%(name)s:%(message)s\"\n"))
    #expect(e.line == 3 && e.problem.contains("app log format"))
  }

  @Test func badDatefmtIsRefusedOnItsLine() throws {
    let e = try #require(
      error(
        "[[source]]\npath = \"/x\"\nformat = \"%(asctime)s %(message)s\"\ndatefmt = \"%Y %Q\"\n"))
    #expect(e.line == 4 && e.problem == "datefmt: unknown strftime directive %Q in \"%Y %Q\"")
  }

  @Test func linesOfAMultiLineFormatAreNotHeadersOrKeys() throws {
    let e = try #require(
      error(
        """
        [[source]]
        path = "/x"
        format = '''
        [%(asctime)s] %(levelname)s
          tz = %(message)s'''
        datefmt = "%Q"
        """))
    #expect(e.line == 6 && e.problem.hasPrefix("datefmt: unknown strftime directive %Q"))
  }

  @Test func datefmtNeedsAPythonFormat() throws {
    let e = try #require(
      error("[[source]]\npath = \"/x\"\nformat = \"celery\"\ndatefmt = \"%Y\"\n"))
    #expect(e.line == 4 && e.problem == "datefmt applies to a Python logging format in format")
    let alone = try #require(error("[[source]]\npath = \"/x\"\ndatefmt = \"%Y\"\n"))
    #expect(alone.line == 3)
  }

  @Test func catalogIdsStillCheckedAsBefore() throws {
    let e = try #require(error("[[service]]\nname = \"api\"\nformat = \"gunicron\"\n"))
    #expect(e.problem == "format = \"gunicron\" is not a format sitrep knows")
    #expect(e.fix == "did you mean \"gunicorn\"?")
  }

  @Test func theSpecCarriesTheDateFormatToTheDecoder() throws {
    let spec = SourceSpec(
      pattern: "/x", role: .app, format: "%(asctime)s %(message)s", dateFormat: "%H:%M:%S")
    let descriptor = try FormatCatalog.resolve(spec.format!, dateFormat: spec.dateFormat)
    let decoder = descriptor.makeDecoder(DecoderOptions(), RequestSink.collecting())
    var events: [Event] = []
    let readAt = recorded1559 + 60
    Array("15:59:50 hello".utf8).withUnsafeBufferPointer {
      decoder.feed($0, readAt: readAt, into: &events)
    }
    decoder.flush(into: &events)
    guard case .log(let record)? = events.first else {
      Issue.record("no record")
      return
    }
    #expect(record.time == recorded1559 && record.message == "hello")
  }

  /// The example in README.md's "Your own format", copied: every definition in it compiles.
  @Test func theReadmeExampleLoads() throws {
    let text = #"""
      [[service]]
      name = "api"
      access = "/var/log/nginx/api.access.log"
      # nginx: the string alone, or the whole directive from nginx.conf (concatenated pieces, escape=json|default|none)
      format = '''log_format timed '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent '
                                 '"$http_referer" "$http_user_agent" $request_time $upstream_response_time';'''

      [[source]]
      path = "/var/log/httpd/access_log"
      format = '%h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-Agent}i\" %D'   # Apache LogFormat

      [[source]]
      path = "/var/log/gunicorn/access.log"
      format = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(D)s'    # gunicorn access_log_format

      [[source]]
      path = "/var/log/shop/app.log"
      role = "app"
      format = "[%(asctime)s] {%(module)s:%(lineno)d} %(levelname)-8s - %(message)s"   # Python logging
      datefmt = "%d/%b/%Y %H:%M:%S"      # the handler's datefmt, when it has one

      [[source]]
      path = "/var/log/legacy/requests.log"
      format = 'regex:^(?P<client>\S+) (?P<method>[A-Z]+) (?P<path>\S+) (?P<status>\d{3}) (?P<duration_ms>\d+)$'
      """#
    let config = try SitrepConfig.parse(text: text, knownFormats: Self.known)
    let ids = try config.sources.map {
      try FormatCatalog.resolve($0.format!, dateFormat: $0.dateFormat).id
    }
    #expect(ids == ["apache-declared", "gunicorn-declared", "python-declared", "regex-declared"])
    #expect(try FormatCatalog.resolve(config.services[0].format!).id == "nginx-declared")
  }
}
