import ArgumentParser
import BSMEngine
import BSMRules

@main
struct BSMLintCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bsmlint",
        abstract: "Checks Amazon buyer-seller message templates (HTML, text, .eml) against Amazon's Communication Guidelines before they are sent.",
        version: BSMLintVersion.current,
        subcommands: [CheckCommand.self, RulesCommand.self, ExplainCommand.self, InitCommand.self, DocsCommand.self],
        defaultSubcommand: CheckCommand.self
    )
}
