// swift-tools-version: 6.0
import Foundation
import PackageDescription

/// The same settings on every target: strict Swift 6 and explicit existentials.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

/// README.md and sample.toml of every folder under Sources/CrierConnectors.
let connectorDocs: [String] = {
    let root = Context.packageDirectory + "/Sources/CrierConnectors"
    let folders = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
    return folders.sorted().flatMap { folder in
        ["README.md", "sample.toml"].map { "\(folder)/\($0)" }.filter { FileManager.default.fileExists(atPath: root + "/" + $0) }
    }
}()

let package = Package(
    name: "Crier",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "crier", targets: ["crier"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", exact: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", exact: "2.13.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
    ],
    targets: [
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .target(name: "CrierHTTP", dependencies: ["CCurl"], swiftSettings: strictSettings),
        .target(name: "CrierFormats", dependencies: ["CLibXML2"], swiftSettings: strictSettings),
        .target(
            name: "CrierCore",
            dependencies: [
                "CrierHTTP",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "CrierConnectors",
            dependencies: ["CrierCore", "CrierFormats", "CrierHTTP"],
            // Each connector folder's README.md and sample.toml are documentation, checked by SampleConfigTests.
            exclude: connectorDocs,
            swiftSettings: strictSettings
        ),
        .target(
            name: "CrierHub",
            dependencies: [
                "CrierCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "crier",
            dependencies: [
                "CrierCore", "CrierConnectors", "CrierHub",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        // Loopback fixture servers shared by the test targets and the benchmarks.
        .target(
            name: "CrierTestSupport",
            dependencies: [.product(name: "Hummingbird", package: "hummingbird")],
            path: "Tests/CrierTestSupport",
            swiftSettings: strictSettings
        ),
        .testTarget(name: "CrierHTTPTests", dependencies: ["CrierHTTP", "CrierTestSupport"], swiftSettings: strictSettings),
        .testTarget(name: "CrierFormatsTests", dependencies: ["CrierFormats"], resources: [.copy("Fixtures")], swiftSettings: strictSettings),
        .testTarget(name: "CrierCoreTests", dependencies: ["CrierCore", "CrierTestSupport"], swiftSettings: strictSettings),
        .testTarget(name: "CrierConnectorsTests", dependencies: ["CrierConnectors", "CrierHub", "CrierTestSupport"], resources: [.copy("Fixtures")], swiftSettings: strictSettings),
        .testTarget(name: "CrierHubTests", dependencies: [
            "CrierHub", "CrierHTTP",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ], swiftSettings: strictSettings),
        .testTarget(name: "CrierTests", dependencies: ["crier", "CrierCore", "CrierConnectors", "CrierHub", "CrierHTTP", "CrierTestSupport"], swiftSettings: strictSettings),
        .executableTarget(
            name: "FormatsBenchmark",
            dependencies: ["CrierFormats", "CLibXML2"],
            path: "Benchmarks/FormatsBenchmark",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "PollBenchmark",
            dependencies: ["CrierCore", "CrierConnectors", "CrierTestSupport"],
            path: "Benchmarks/PollBenchmark",
            swiftSettings: strictSettings
        ),
    ]
)
