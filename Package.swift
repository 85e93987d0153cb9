// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "UnionPress",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "unionpress", targets: ["unionpress"]),
        // Libraries for the benchmark package in Benchmarks/ (not a public API promise).
        .library(name: "FrontMatter", targets: ["FrontMatter"]),
        .library(name: "Templates", targets: ["Templates"]),
        .library(name: "Markdown", targets: ["Markdown"]),
        .library(name: "SiteBuilder", targets: ["SiteBuilder"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // The HTTP server behind `serve`, and the service lifecycle it runs in (Ctrl-C, graceful shutdown).
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // The system libcmark (Debian: libcmark-dev); only the Markdown module imports it.
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]
        ),
        // One system call Swift's Glibc module does not expose (atomic folder swap); named
        // apart from swift-system's CSystem, since target names are global in a package graph.
        .target(name: "CUnionPressSystem"),
        .target(name: "Diagnostics"),
        .target(name: "FrontMatter", dependencies: ["Diagnostics"]),
        .target(name: "Templates", dependencies: ["Diagnostics"]),
        .target(name: "Markdown", dependencies: ["CCmark", "Diagnostics"]),
        .target(name: "ChineseText"),
        // The static site's search index (bigram postings in shards, fragments).
        .target(name: "SearchIndex"),
        .target(name: "SiteModel", dependencies: ["FrontMatter", "Diagnostics", "ChineseText"]),
        .target(
            name: "SiteBuilder",
            dependencies: ["SiteModel", "FrontMatter", "Templates", "Markdown", "ChineseText", "Diagnostics", "CUnionPressSystem", "SearchIndex"]
        ),
        .target(
            name: "DevServer",
            dependencies: [
                "SiteBuilder", "Diagnostics",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "unionpress",
            dependencies: [
                "SiteBuilder", "FrontMatter", "Templates", "Diagnostics", "DevServer", "CUnionPressSystem",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "DiagnosticsTests", dependencies: ["Diagnostics"]),
        .testTarget(name: "FrontMatterTests", dependencies: ["FrontMatter"], resources: [.copy("Fixtures")]),
        .testTarget(name: "TemplatesTests", dependencies: ["Templates"], resources: [.copy("Fixtures")]),
        .testTarget(name: "MarkdownTests", dependencies: ["Markdown"]),
        .testTarget(name: "ChineseTextTests", dependencies: ["ChineseText"]),
        .testTarget(name: "SearchIndexTests", dependencies: ["SearchIndex"]),
        .testTarget(
            name: "SiteBuilderTests",
            dependencies: ["SiteBuilder", "SiteModel", "SearchIndex"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "DevServerTests", dependencies: ["DevServer"]),
    ],
    swiftLanguageModes: [.v6]
)
