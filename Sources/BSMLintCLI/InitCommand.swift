import ArgumentParser
import BSMEngine
import BSMRules
import Foundation

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "init", abstract: "Write a commented starter .bsmlint.yml in the current directory.")

    @Flag(help: "Overwrite an existing .bsmlint.yml.") var force = false

    func run() throws {
        let path = ".bsmlint.yml"
        if FileManager.default.fileExists(atPath: path), !force {
            throw ValidationError("\(path) already exists (use --force to overwrite)")
        }
        var text = """
        # bsmlint configuration. The nearest .bsmlint.yml above a template applies to it;
        # `bsmlint check --config FILE` names one explicitly.

        # Maximum width of the message in px; a list checks each width (and @media rules per width).
        referenceWidths: [600]

        # Marketplace the messages are sent in: decides the allowed languages.
        marketplace: amazon.com

        # Rule severities: error | warning | info | off, or a mapping with severity and options.
        rules:

        """
        for t in BuiltinRules.all {
            let m = t.metadata
            text += "  # \(m.id): \(m.defaultSeverity.rawValue)    # \(m.summary)\n"
        }
        text += """

        # https hosts besides Amazon's that messages may link to (external-link).
        # allowedDomains: [ups.com, dhl.de]

        # Brand and product names the spelling dictionaries lack.
        # spelling:
        #   words: [Acme]

        # Check bodies as an SP-API message type (length, no HTML, no e-mail addresses, attachments).
        # spApiType: createUnexpectedProblem

        # Message sequences sent for the same order (review-request-repeat, send-window).
        # campaigns:
        #   - name: post-delivery
        #     requestAReviewButton: false
        #     steps:
        #       - { template: "templates/review.html", after: "7d from delivery" }

        # Extra merge-field syntaxes of your tool (the common ones are built in).
        # placeholders:
        #   - { open: "<<", close: ">>" }
        #   - { regex: "@@[A-Z_]+@@" }

        # Templates to skip (gitignore-style globs, relative to this file).
        # ignore:
        #   - "drafts/**"

        # Per-file limits; a file over a limit is reported as an input-error.
        # limits:
        #   maxFileBytes: 20000000
        #   maxDepth: 5000
        #   maxNodes: 2000000
        #   maxAttributes: 2000
        #   timeoutSeconds: 10

        """
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        print("wrote \(path)")
    }
}
