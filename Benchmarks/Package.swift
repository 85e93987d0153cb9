// swift-tools-version:6.0
// Benchmarks, kept out of the product: this package may depend on other
// engines (swift-mustache) to compare against; the product never does.
import PackageDescription

let package = Package(
    name: "UnionPressBenchmarks",
    dependencies: [
        .package(name: "UnionPress", path: ".."),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        .executableTarget(
            name: "frontmatter-bench",
            dependencies: [.product(name: "FrontMatter", package: "UnionPress")]
        ),
        .executableTarget(
            name: "template-bench",
            dependencies: [
                .product(name: "Templates", package: "UnionPress"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
