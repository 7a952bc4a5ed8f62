/// Descriptors for the access-log formats of the CLF family.
///
/// They share one parser; scoring tells them apart by what follows the status and size:
/// nginx prints `$request_time` with exactly three decimals, gunicorn's `%(L)s` six, and an
/// integer duration only comes from gunicorn (`%(D)s` / `%(M)s`).
public enum AccessFormats {
  public static let nginxCombined = FormatDescriptor(
    id: "nginx-combined", role: .access,
    summary: "nginx/Apache combined log, optional $request_time and $upstream_response_time",
    scoreLine: { score($0, as: .nginx) },
    makeDecoder: { options, sink in
      AccessLogDecoder(formatID: "nginx-combined", flavor: .nginx, options: options, requests: sink)
    })

  public static let apacheCommon = FormatDescriptor(
    id: "apache-common", role: .access,
    summary: "Common Log Format (Apache/nginx, no referer or user agent)",
    scoreLine: { score($0, as: .common) },
    makeDecoder: { options, sink in
      AccessLogDecoder(formatID: "apache-common", flavor: .common, options: options, requests: sink)
    })

  /// The same format under nginx's name, for config; detection reports `apache-common`.
  public static let nginxCommon = FormatDescriptor(
    id: "nginx-common", role: .access,
    summary: "Common Log Format (alias of apache-common)",
    scoreLine: { score($0, as: .common) },
    makeDecoder: { options, sink in
      AccessLogDecoder(formatID: "nginx-common", flavor: .common, options: options, requests: sink)
    })

  /// gunicorn's access log. A trailing number with a decimal point is `%(L)s` seconds; a trailing
  /// integer is read as `%(D)s` microseconds, the long-documented choice. Sources configured with
  /// `%(M)s` milliseconds set `gunicorn-ms` (detection cannot tell 850 µs from 850 ms).
  public static let gunicorn = FormatDescriptor(
    id: "gunicorn", role: .access,
    summary: "gunicorn access log; trailing %(L)s seconds or %(D)s microseconds",
    scoreLine: { score($0, as: .gunicorn(.microseconds)) },
    makeDecoder: { options, sink in
      AccessLogDecoder(
        formatID: "gunicorn", flavor: .gunicorn(.microseconds), options: options, requests: sink)
    })

  public static let gunicornMicroseconds = FormatDescriptor(
    id: "gunicorn-us", role: .access,
    summary: "gunicorn access log with trailing %(D)s microseconds (forced)",
    scoreLine: { score($0, as: .gunicorn(.microseconds)) },
    makeDecoder: { options, sink in
      AccessLogDecoder(
        formatID: "gunicorn-us", flavor: .gunicorn(.microseconds), options: options, requests: sink)
    })

  public static let gunicornMilliseconds = FormatDescriptor(
    id: "gunicorn-ms", role: .access,
    summary: "gunicorn access log with trailing %(M)s milliseconds (forced)",
    scoreLine: { score($0, as: .gunicorn(.milliseconds)) },
    makeDecoder: { options, sink in
      AccessLogDecoder(
        formatID: "gunicorn-ms", flavor: .gunicorn(.milliseconds), options: options, requests: sink)
    })

  static func score(_ line: String, as flavor: AccessLogDecoder.Flavor) -> Double {
    line.withLineBytes { bytes in
      guard let f = AccessLineParser.parse(bytes, naiveZone: 0) else { return 0 }
      let combined = f.userAgent != nil
      let trailing = f.trailing
      let decimals = TrailingTimes.fractionDigits(bytes, trailing)
      switch flavor {
      case .common:
        if combined { return 0.6 }
        // A client with its port and a request with no protocol is Daphne's (`DaphneRules`).
        if bytes[f.client].contains(UInt8(ascii: ":")),
          ServerRequestLine.protocolWord(bytes, f.request) == nil
        {
          return 0.7
        }
        return trailing.isEmpty ? 1.0 : 0.7
      case .nginx:
        guard combined else { return 0.6 }
        if trailing.isEmpty { return 0.9 }
        guard TrailingTimes.nginx(bytes, trailing) != nil else { return 0.6 }
        // `$request_time $upstream_response_time`: nginx prints milliseconds (3 digits); an
        // integer then a decimal is gunicorn's `%(D)s %(L)s`.
        if bytes[trailing].contains(UInt8(ascii: " ")) { return decimals == 0 ? 0.6 : 1.0 }
        if decimals == 3 { return 1.0 }
        if decimals == 0 { return 0.6 }
        return 0.75
      case .gunicorn:
        guard combined else { return 0.5 }
        if trailing.isEmpty { return 0.85 }
        guard TrailingTimes.gunicorn(bytes, trailing, integerUnit: .microseconds) != nil else {
          return 0.3
        }
        if decimals == 6 || decimals == 0 { return 1.0 }
        return 0.75
      }
    }
  }
}
