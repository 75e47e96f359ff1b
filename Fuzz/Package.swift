// swift-tools-version:6.0
// libFuzzer targets for Gazette's parsers, built and run by scripts/fuzz.sh (which passes the
// sanitizer flags). Each target defines LLVMFuzzerTestOneInput and hands its main to libFuzzer.
import Foundation
import PackageDescription

// A path dependency is named after its folder, which depends on where the repository is checked out.
let gazette = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let core = Target.Dependency.product(name: "GazetteCore", package: gazette.lastPathComponent)

let package = Package(
    name: "GazetteFuzz",
    dependencies: [.package(path: gazette.path)],
    targets: [
        .target(name: "FuzzDriver"),
        .target(name: "FuzzSupport", dependencies: [core, "FuzzDriver"]),
        .executableTarget(name: "FuzzQuery", dependencies: [core, "FuzzSupport"]),
        .executableTarget(name: "FuzzJSON", dependencies: [core, "FuzzSupport"]),
        .executableTarget(name: "FuzzHTML", dependencies: [core, "FuzzSupport"]),
        .executableTarget(name: "FuzzMarkdown", dependencies: [core, "FuzzSupport"]),
        .executableTarget(name: "FuzzText", dependencies: [core, "FuzzSupport"]),
        .executableTarget(name: "FuzzDates", dependencies: [core, "FuzzSupport"]),
    ]
)
