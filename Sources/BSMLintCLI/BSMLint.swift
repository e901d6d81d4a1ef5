import ArgumentParser
import BSMEngine
import BSMRules
import BSMText
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
                command = try BSMLintCommand.parseAsRoot(PathArguments.joinNegativeValues(arguments))
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
        return names.first { !$0.isEmpty && editDistance(word.lowercased(), $0, limit: 2) <= 2 }
    }

    static func exitProcess(_ code: Int32) -> Never {
        Foundation.exit(code)
    }
}
