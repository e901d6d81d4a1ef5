import ArgumentParser
import BSMEngine
import BSMRules
import Foundation

struct BSMLintCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bsmlint",
        abstract: "Checks Amazon buyer-seller message templates (HTML, text, .eml) against Amazon's Communication Guidelines before they are sent.",
        version: BSMLintVersion.current,
        subcommands: [CheckCommand.self, MergeCommand.self, RulesCommand.self, ExplainCommand.self, InitCommand.self, DocsCommand.self],
        defaultSubcommand: CheckCommand.self
    )
}

/// Entry point: maps ArgumentParser's usage errors (64) to bsmlint's documented exit 2.
@main
enum Main {
    static func main() async {
        do {
            var command: any ParsableCommand
            let arguments = Array(CommandLine.arguments.dropFirst())
            if let first = arguments.first, let known = Main.misspelledCommand(first) {
                FileHandle.standardError.write(Data("bsmlint: unknown command '\(first)' (did you mean '\(known)'?); to check a file of that name, write ./\(first)\n".utf8))
                exitProcess(2)
            }
            if let split = PathArguments.split(arguments) {
                command = try BSMLintCommand.parseAsRoot(split.parserArguments)
                if var check = command as? CheckCommand {
                    check.paths = split.paths
                    try check.validatePaths()
                    command = check
                }
            } else {
                command = try BSMLintCommand.parseAsRoot(arguments)
            }
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = BSMLintCommand.exitCode(for: error)
            if code == .success {
                BSMLintCommand.exit(withError: error)
            }
            if let e = error as? ExitCode { exitProcess(e.rawValue) }
            let message = BSMLintCommand.fullMessage(for: error)
            if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
            exitProcess(2)
        }
    }

    /// The subcommand a first argument was probably meant to be (`chek` → `check`): a bare word
    /// (no `/`, `.` or leading `-`) that is no file, is no subcommand and is at most two edits
    /// from one. Without this, `bsmlint chek a.html` checks a missing file named `chek`.
    static func misspelledCommand(_ word: String) -> String? {
        let names = BSMLintCommand.configuration.subcommands.map { $0.configuration.commandName ?? "" }
        guard !word.isEmpty, !word.hasPrefix("-"), !word.contains("/"), !word.contains("."),
              !names.contains(word), !FileManager.default.fileExists(atPath: word) else { return nil }
        return names.first { !$0.isEmpty && editDistance(word.lowercased(), $0) <= 2 }
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        var row = Array(0...y.count)
        for i in 1...max(x.count, 1) where i <= x.count {
            var previous = row[0]
            row[0] = i
            for j in 1...max(y.count, 1) where j <= y.count {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (x[i - 1] == y[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return row[y.count]
    }

    static func exitProcess(_ code: Int32) -> Never {
        Foundation.exit(code)
    }
}
