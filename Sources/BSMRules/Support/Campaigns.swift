import BSMDocument
import BSMEngine
import BSMText
import Foundation

/// Review requests in a message: sentences with a review request as `review-incentive` and
/// `review-conditional` see it (`ReviewRequests`: an asking context, not the bare word), so
/// “IP65 rating” and “please review the proof” are not requests.
enum ReviewRequest {
    static func sentences(in model: TextModel, placeholders: PlaceholderMatcher) -> [SentenceView] {
        SentenceView.all(model, placeholders: placeholders).filter {
            !ReviewRequests.hits(in: $0).isEmpty || ReviewRequests.starSymbolTarget(in: $0) != nil
        }
    }

    /// Whether the template file at `path` requests a review (read and parsed on its own).
    static func fileRequestsReview(_ path: String, context: RuleContext) -> Bool? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        guard let input = try? InputLoader.load(path: path, bytes: Array(data), kind: InputSniffer.kind(forPath: path),
                                                limits: context.configuration.limits) else { return nil }
        let model = TextModel(document: input.document, placeholders: context.placeholders)
        return !sentences(in: model, placeholders: context.placeholders).isEmpty
    }
}

/// Where the current template sits in the configured campaigns.
struct CampaignMembership {
    let campaign: Campaign
    let stepIndex: Int
    var step: CampaignStep { campaign.steps[stepIndex] }

    /// The input path relative to the configuration directory (as the step globs are written).
    static func relativePath(_ path: String, base: String?) -> String {
        guard let base, !base.isEmpty else { return path }
        let abs = Glob.absolute(path), absBase = Glob.absolute(base)
        if abs.hasPrefix(absBase + "/") { return String(abs.dropFirst(absBase.count + 1)) }
        return abs
    }

    static func matches(_ step: CampaignStep, path: String, base: String?) -> Bool {
        let rel = relativePath(path, base: base)
        if Glob.matches(pattern: step.template, path: rel) { return true }
        // A step written as a path (`./review.html`, an absolute path).
        let stepPath: String
        if step.template.hasPrefix("/") {
            stepPath = (step.template as NSString).standardizingPath
        } else if let base, !base.isEmpty {
            stepPath = Glob.absolute((base as NSString).appendingPathComponent(step.template))
        } else {
            stepPath = Glob.absolute(step.template)
        }
        return stepPath == Glob.absolute(path)
    }

    /// Every campaign step whose template is the input being checked.
    static func of(_ context: RuleContext) -> [CampaignMembership] {
        let cfg = context.configuration
        var out: [CampaignMembership] = []
        for c in cfg.campaigns {
            for (i, s) in c.steps.enumerated() where matches(s, path: context.input.path, base: cfg.campaignBaseDirectory) {
                out.append(CampaignMembership(campaign: c, stepIndex: i))
            }
        }
        return out
    }

    /// Files a step's template names: the path itself, or the files under the configuration
    /// directory its glob matches (at most 10,000 entries are looked at).
    static func files(of step: CampaignStep, base: String?) -> [String] {
        let root = (base?.isEmpty ?? true) ? "." : (base ?? ".")
        if !step.template.contains(where: { $0 == "*" || $0 == "?" || $0 == "[" }) {
            return [step.template.hasPrefix("/") ? step.template : (root as NSString).appendingPathComponent(step.template)]
        }
        var out: [String] = []
        guard let e = FileManager.default.enumerator(atPath: root) else { return [] }
        var seen = 0
        while let rel = e.nextObject() as? String, seen < 10_000 {
            seen += 1
            if Glob.matches(pattern: step.template, path: rel) { out.append((root as NSString).appendingPathComponent(rel)) }
        }
        return out.sorted()
    }
}
