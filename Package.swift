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
    ],
    targets: [
        // The system libcmark (Debian: libcmark-dev); only the Markdown module imports it.
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]
        ),
        // One system call Swift's Glibc module does not expose (atomic folder swap).
        .target(name: "CSystem"),
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
            dependencies: ["SiteModel", "FrontMatter", "Templates", "Markdown", "ChineseText", "Diagnostics", "CSystem", "SearchIndex"]
        ),
        .executableTarget(
            name: "unionpress",
            dependencies: [
                "SiteBuilder", "FrontMatter", "Templates", "Diagnostics",
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
    ],
    swiftLanguageModes: [.v6]
)
