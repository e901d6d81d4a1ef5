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
            if let split = PathArguments.split(arguments) {
                command = try BSMLintCommand.parseAsRoot(split.parserArguments)
                if var check = command as? CheckCommand {
                    check.paths = split.paths
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

    static func exitProcess(_ code: Int32) -> Never {
        Foundation.exit(code)
    }
}
