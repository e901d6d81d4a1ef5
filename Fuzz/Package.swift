// swift-tools-version:6.0
import PackageDescription

// libFuzzer targets (`-sanitize=fuzzer`), kept out of the main build and tests: build and run them
// with `scripts/fuzz.sh [TARGET] [SECONDS]` (it passes `-Xswiftc -sanitize=fuzzer`).
//   fuzz-html   whole pipeline on arbitrary bytes as HTML
//   fuzz-text   whole pipeline on arbitrary bytes as plain text
//   fuzz-eml    whole pipeline on arbitrary bytes as an .eml
//   fuzz-css    CSS tokenizer, parser, selector parser and matcher on arbitrary style text
//   fuzz-config configuration loader on arbitrary YAML
let package = Package(
    name: "bsmlint-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "bsmlint", path: "..")],
    targets: [
        .target(name: "FuzzSupport", dependencies: [.product(name: "BSMLint", package: "bsmlint")]),
        .executableTarget(name: "fuzz-html", dependencies: ["FuzzSupport"], path: "Sources/FuzzHTML"),
        .executableTarget(name: "fuzz-text", dependencies: ["FuzzSupport"], path: "Sources/FuzzText"),
        .executableTarget(name: "fuzz-eml", dependencies: ["FuzzSupport"], path: "Sources/FuzzEML"),
        .executableTarget(name: "fuzz-css", dependencies: ["FuzzSupport"], path: "Sources/FuzzCSS"),
        .executableTarget(name: "fuzz-config", dependencies: ["FuzzSupport"], path: "Sources/FuzzConfig"),
    ],
    swiftLanguageModes: [.v6]
)
