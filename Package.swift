// swift-tools-version: 6.0
import PackageDescription

let package = Package(
  name: "sitrep",
  products: [
    .executable(name: "sitrep", targets: ["sitrep"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    // DenseLayout mirrors its bucket layout: a minor release may change it, so only patches float.
    .package(
      url: "https://github.com/HdrHistogram/hdrhistogram-swift", .upToNextMinor(from: "0.2.0")),
    .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
  ],
  targets: [
    // Parsing, following, aggregation and verdicts. No terminal code lives here.
    .target(
      name: "SitrepCore",
      dependencies: [
        .product(name: "Histogram", package: "hdrhistogram-swift"),
        .product(name: "TOMLKit", package: "TOMLKit"),
        "CZlib",
        "CEpoll",
        "CJSONBits",
      ],
      // The parsers and the model are single-owner classes touched once per log line; the run-time
      // exclusivity checks on their stored properties cost ~12 % of a full report (perf, bench).
      // The compile-time checks stay on. MemberImportVisibility (here and below): a member of full
      // Foundation (ICU and all) must not be reachable just because TOMLKit imports Foundation;
      // each file sees only what it imports, and the code imports FoundationEssentials.
      swiftSettings: [
        .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)),
        .enableUpcomingFeature("MemberImportVisibility"),
      ]
    ),
    // zlib, to backfill from gzip-compressed rotated logs.
    .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
    // epoll(7) from the C library, for command sources' pipes (`Ingest/WakeSet.swift`).
    .systemLibrary(name: "CEpoll"),
    // A JSON line's quotes and backslashes as bits, sixteen bytes a compare (SSE2), for the JSON
    // key scanner (`Support/JSONScan/JSONLineBits.swift`). A header of inline functions: no
    // library to link.
    .systemLibrary(name: "CJSONBits"),
    // App state, update and views rendered into a plain cell canvas. No terminal code either.
    .target(
      name: "SitrepUI",
      dependencies: ["SitrepCore", .product(name: "TOMLKit", package: "TOMLKit")],
      swiftSettings: [.enableUpcomingFeature("MemberImportVisibility")]
    ),
    // ncursesw, through a small shim for the macros and globals Swift cannot import.
    .systemLibrary(
      name: "CNcurses",
      providers: [.apt(["libncurses-dev"])]
    ),
    // Benchmark harnesses and generated data for `sitrep bench` and the tests: kept out of the
    // core library, which ships only what reads logs.
    .target(
      name: "SitrepBench",
      dependencies: ["SitrepCore"],
      swiftSettings: [.enableUpcomingFeature("MemberImportVisibility")]
    ),
    .executableTarget(
      name: "sitrep",
      dependencies: [
        "SitrepCore", "SitrepUI", "SitrepBench", "CNcurses",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: [.enableUpcomingFeature("MemberImportVisibility")],
      plugins: ["BuildInfo"]
    ),
    // Stamps VERSION and the git commit into the executable (`sitrep --version`).
    .plugin(name: "BuildInfo", capability: .buildTool()),
    .testTarget(
      name: "SitrepCoreTests",
      dependencies: [
        "SitrepCore", "SitrepBench", "SitrepTestSupport",
        .product(name: "Histogram", package: "hdrhistogram-swift"),
      ],
      resources: [.copy("Fixtures")]),
    .testTarget(
      name: "SitrepUITests", dependencies: ["SitrepUI", "SitrepCore"], resources: [.copy("Golden")]),
    .testTarget(
      name: "SitrepEndToEndTests", dependencies: ["SitrepCore", "SitrepTestSupport"],
      exclude: ["Golden"]),
    // What more than one test target uses (a loopback HTTP server): test targets share no sources.
    .target(name: "SitrepTestSupport", path: "Tests/SitrepTestSupport"),
  ],
  swiftLanguageModes: [.v6]
)

// `scripts/fuzz` builds a libFuzzer target over every parser and the config reader. It needs
// `-sanitize=fuzzer` (libFuzzer's driver and coverage), so it exists only when that script asks
// for it: a plain `swift build` neither sees nor builds it.
if Context.environment["SITREP_FUZZ"] == "1" {
  package.targets += [
    .executableTarget(
      name: "SitrepFuzz", dependencies: ["SitrepCore", "CFuzzDriver"],
      swiftSettings: [.enableUpcomingFeature("MemberImportVisibility")]),
    // The declaration of libFuzzer's driver, which the fuzz target's main calls.
    .systemLibrary(name: "CFuzzDriver"),
  ]
}
