// swift-tools-version:6.0
import PackageDescription

// Layers (lower never imports higher):
//   CLibXML2 → BSMDocument → BSMStyle → BSMText → BSMEngine → BSMRules → BSMReporters → BSMLintCLI
let package = Package(
    name: "bsmlint",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "BSMLint", targets: ["BSMDocument", "BSMStyle", "BSMText", "BSMEngine", "BSMRules", "BSMReporters"]),
        .executable(name: "bsmlint", targets: ["BSMLintCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    ],
    targets: [
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .target(name: "BSMDocument", dependencies: ["CLibXML2"]),
        .target(name: "BSMStyle", dependencies: ["BSMDocument"]),
        .target(name: "BSMText", dependencies: ["BSMDocument", "BSMStyle"]),
        .target(name: "BSMEngine", dependencies: ["BSMDocument", "BSMStyle", "BSMText", .product(name: "Yams", package: "Yams")]),
        .systemLibrary(name: "CHunspell", pkgConfig: "hunspell",
                       providers: [.apt(["libhunspell-dev", "hunspell-en-us", "hunspell-es", "hunspell-fr", "hunspell-de-de", "hunspell-it"])]),
        // Compact Language Detector 2 has a C++ API only; a tiny C face over it (libcld2-dev).
        .target(name: "CCLD2", linkerSettings: [.linkedLibrary("cld2")]),
        .target(name: "BSMRules", dependencies: ["BSMEngine", "CHunspell", "CCLD2"], resources: [.copy("Data")]),
        .target(name: "BSMReporters", dependencies: ["BSMEngine"]),
        // The executable links mimalloc (libmimalloc-dev), which replaces malloc/free for the whole
        // process, libxml2 included: bsmlint allocates many small objects per document, and glibc's
        // allocator cost 15 % of a corpus run (docs/performance.md). The library product leaves
        // the allocator to its host.
        .executableTarget(name: "BSMLintCLI", dependencies: [
            "BSMText", "BSMEngine", "BSMRules", "BSMReporters",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], linkerSettings: [.linkedLibrary("mimalloc", .when(platforms: [.linux]))]),
        .testTarget(name: "BSMDocumentTests", dependencies: ["BSMDocument"]),
        .testTarget(name: "BSMStyleTests", dependencies: ["BSMStyle"]),
        .testTarget(name: "BSMTextTests", dependencies: ["BSMText"]),
        .testTarget(name: "BSMEngineTests", dependencies: ["BSMEngine", "BSMRules"]),
        .testTarget(name: "BSMRulesTests", dependencies: ["BSMRules", "BSMEngine"]),
        .testTarget(name: "BSMReportersTests", dependencies: ["BSMReporters", "BSMRules"]),
        .testTarget(name: "BSMLintCLITests", dependencies: ["BSMLintCLI"]),
    ],
    swiftLanguageModes: [.v6]
)
