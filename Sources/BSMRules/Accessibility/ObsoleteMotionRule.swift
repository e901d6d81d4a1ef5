import BSMDocument
import BSMEngine

/// `obsolete-motion`: `<blink>` or `<marquee>`.
public struct ObsoleteMotionRule: Rule {
    public static let metadata = RuleMetadata(
        id: "obsolete-motion",
        name: "Obsolete moving text",
        category: .accessibility,
        defaultSeverity: .error,
        summary: "The template uses `<blink>` or `<marquee>`, text that blinks or scrolls by itself",
        rationale: """
        Text that blinks or scrolls and cannot be paused fails WCAG 2.2.2 (Pause, Stop, Hide): it distracts readers \
        with attention disorders, cannot be read by people with low vision or reading difficulties, and blinking can \
        trigger seizures. Both elements are obsolete in HTML; clients that still honour them animate the text without \
        any control to stop it.
        """,
        fix: "Replace `<blink>`/`<marquee>` with ordinary text; use `<strong>` if the text needs emphasis.",
        decisions: [
            "Reported at each `<blink>` and `<marquee>` start tag, whatever its attributes (`scrollamount=\"0\"` still makes a marquee element).",
            "Elements inside `<title>`, `<script>`, `<style>`, `<noscript>` or `<template>` are not content and are not reported; Outlook-only markup inside `<!--[if mso]>` comments (and ordinary comments) is not checked.",
            "A `<blink>`/`<marquee>` written inside `<head>` is reported: browsers close the head at it and show it at the top of the body.",
            "CSS animations (`text-decoration: blink`, `@keyframes`) need the cascade and are not checked by this rule.",
        ],
        failing: [
            RuleExample("<p>Our sale ends ↓<blink>today</blink>!</p>"),
            RuleExample("↓<marquee>Thank you for your order</marquee>"),
            RuleExample("<table role=\"presentation\"><tr><td>\n  ↓<marquee behavior=\"alternate\" scrollamount=\"2\">News</marquee>\n</td></tr></table>"),
            RuleExample("<html lang=\"en\"><head><title>Your order</title>↓<marquee>Sale</marquee></head><body><p>Hello</p></body></html>", note: "Written in `<head>`, shown at the top of the body."),
            RuleExample("↓<MARQUEE>Shipping update</MARQUEE>\n<p>Details below. ↓<Blink>Important</Blink></p>", note: "Tag names are case-insensitive."),
        ],
        passing: [
            RuleExample("<p>Our sale ends <strong>today</strong>.</p>"),
            RuleExample("<p>Words like blink and marquee in the text are fine.</p>"),
            RuleExample("<div class=\"marquee blink\">A class name is not an element</div>"),
            RuleExample("<!-- <blink>old markup</blink> -->\n<p>Hello</p>", note: "Commented-out markup is not rendered."),
            RuleExample("<html lang=\"en\"><head><title>Order</title><style>.x { }</style><script type=\"text/template\"><marquee>Sale</marquee></script><!--[if mso]><blink>Sale</blink><![endif]--></head><body><p>Hello</p></body></html>", note: "Script text and comments in `<head>` are not rendered."),
        ],
        wcag: "2.2.2 Pause, Stop, Hide (Level A)"
    )

    public init(options: RuleOptions) throws {}

    public var interest: NodeInterest { .elements(["blink", "marquee"]) }

    public func visit(_ id: NodeID, _ context: RuleContext, _ state: inout Void, _ report: inout FindingSink) {
        let node = context.node(id)
        // A `<blink>`/`<marquee>` written inside `<head>` is still shown: the HTML tree builder
        // ends the head at any such start tag and puts the element in the body. Only raw text
        // (`<script>`, `<style>`, `<noscript>`, `<template>`) and `<title>` keep it from rendering.
        guard node.flags.isDisjoint(with: [.inTitle, .inNonRendered]), !node.isImplied else { return }
        let what = node.name == "blink" ? "blinks" : "scrolls"
        report.report("<\(node.name)> text \(what) and cannot be paused (WCAG 2.2.2); use ordinary text", node: node,
                      evidence: "<\(node.name)>")
    }
}
