// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Gazette",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "gazette", targets: ["gazette"]),
        .executable(name: "gazette-train-ner", targets: ["gazette-train-ner"]),
        .library(name: "GazetteCore", targets: ["GazetteCore"]),
        .library(name: "GazetteCommands", targets: ["GazetteCommands"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // The C boundary over Xapian, ICU, libxml2 and zlib. Only GazetteCore imports it.
        .target(
            name: "CShim",
            path: "CShim",
            sources: ["src"],
            publicHeadersPath: "include",
            cSettings: [.unsafeFlags(["-I/usr/include/libxml2"])],
            cxxSettings: [.unsafeFlags(["-I/usr/include/libxml2"])],
            linkerSettings: [
                .linkedLibrary("xapian"),
                .linkedLibrary("icuuc"),
                .linkedLibrary("icui18n"),
                .linkedLibrary("icudata"),
                .linkedLibrary("xml2"),
                .linkedLibrary("z"),
                .linkedLibrary("stdc++"),
            ]
        ),
        // All analysis, ingest, actor and search logic.
        .target(
            name: "GazetteCore",
            dependencies: [
                "CShim",
                .product(name: "Yams", package: "Yams"),
            ],
            resources: [.copy("Resources/gazetteer"), .copy("Resources/ner")]
        ),
        // The command-line commands, as a library so tests can run them in-process.
        .target(
            name: "GazetteCommands",
            dependencies: [
                "GazetteCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "gazette", dependencies: ["GazetteCommands"]),
        // Trains the entity tagger model shipped in GazetteCore's resources.
        .executableTarget(
            name: "gazette-train-ner",
            dependencies: ["GazetteCore", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(name: "GazetteCoreTests", dependencies: ["GazetteCore"]),
        .testTarget(name: "GazetteCommandsTests", dependencies: ["GazetteCommands", "GazetteCore"]),
    ],
    cxxLanguageStandard: .cxx17
)
