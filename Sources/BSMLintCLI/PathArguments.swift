/// Takes `check`'s paths out of the command line before swift-argument-parser sees it.
///
/// swift-argument-parser (1.8) copies the whole array of an `@Argument` for every value it
/// parses, so a shell glob of N files costs O(N²): 3,568 paths took 330 ms to parse, and a
/// 20,000-file glob would take seconds before the first file is read. The parser is given the
/// options and at most one path (so its validation and error messages are unchanged); the
/// command then gets every path, in order.
enum PathArguments {
    /// `check` options that take a value (the next argument unless written `--name=value`).
    /// `PathArgumentsTests` checks this list against the parser's own definitions.
    static let checkValueOptions: Set<String> = [
        "-f", "--format", "-o", "--output", "--rule", "--only-rule", "--reference-width", "--marketplace",
        "--sp-api-type", "--max-warnings", "-j", "--jobs", "-c", "--config", "--stdin-filename", "--shard",
        "--baseline", "--write-baseline", "--changed-since", "--print-config",
    ]

    /// `check` flags (no value). With the value options, the spellings that can open a command
    /// line for the default subcommand (`bsmlint --format json a.html …`).
    static let checkFlags: Set<String> = ["--quiet", "--stats", "--no-color"]

    /// Short options written with their value attached (`-j2`, `-fjson`, `-oreport.json`).
    static let joinableShorts: Set<String> = ["-f", "-o", "-j", "-c"]

    static func isJoinedShort(_ arg: String) -> Bool {
        arg.count > 2 && !arg.hasPrefix("--") && joinableShorts.contains(String(arg.prefix(2)))
    }

    /// Subcommand names other than `check` (the default subcommand).
    static let otherSubcommands: Set<String> = ["merge", "rules", "explain", "init", "docs", "help"]

    /// `--max-warnings -1` for the other subcommands (`merge`): a long value option followed by a
    /// negative number is joined (`--max-warnings=-1`), so the parser does not read it as an
    /// option.
    static func joinNegativeValues(_ arguments: [String]) -> [String] {
        var out: [String] = []
        var i = 0
        while i < arguments.count {
            let a = arguments[i]
            if a == "--max-warnings", i + 1 < arguments.count, arguments[i + 1].count > 1, arguments[i + 1].hasPrefix("-"),
               arguments[i + 1].dropFirst().allSatisfy(\.isNumber) {
                out.append(a + "=" + arguments[i + 1])
                i += 2
                continue
            }
            out.append(a)
            i += 1
        }
        return out
    }

    /// The arguments for the parser and the paths, or nil when the command line is not a
    /// `check` command line this can split (it is then parsed as it is).
    static func split(_ arguments: [String]) -> (parserArguments: [String], paths: [String])? {
        guard let first = arguments.first else { return nil }
        var rest: ArraySlice<String>
        if first == "check" {
            rest = arguments.dropFirst()
        } else if !first.hasPrefix("-"), !otherSubcommands.contains(first) {
            rest = arguments[...]  // `bsmlint a.html …`: check is the default subcommand
        } else if checkValueOptions.contains(first) || checkFlags.contains(first)
                    || checkValueOptions.contains(String(first.prefix { $0 != "=" })) || isJoinedShort(first) {
            rest = arguments[...]  // `bsmlint --format json a.html …`: check's own option first
        } else {
            return nil
        }
        var options: [String] = []
        var paths: [String] = []
        var afterTerminator = false
        while let arg = rest.popFirst() {
            if afterTerminator || arg == "-" || !arg.hasPrefix("-") {
                paths.append(arg)
            } else if arg == "--" {
                afterTerminator = true
            } else {
                if checkValueOptions.contains(arg), let value = rest.popFirst() {
                    // A value that starts with `-` (`--max-warnings -1`) would read as an option:
                    // a long option takes it joined (`--max-warnings=-1`).
                    if arg.hasPrefix("--"), value.count > 1, value.hasPrefix("-") {
                        options.append(arg + "=" + value)
                    } else {
                        options.append(arg)
                        options.append(value)
                    }
                } else {
                    options.append(arg)
                }
            }
        }
        var parserArguments = ["check"] + options
        if let p = paths.first {
            if p.hasPrefix("-"), p != "-" { parserArguments.append("--") }
            parserArguments.append(p)
        }
        return (parserArguments, paths)
    }
}
