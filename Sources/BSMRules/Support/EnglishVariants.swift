import BSMText

/// British and American spellings of the same English words (spelling rule): British → American
/// and back, generated once from stems with their endings.
enum EnglishVariants {
    /// Stems in `-our` (British) / `-or` (American), and the endings they take.
    static let ourStems = ["colour", "favour", "flavour", "behaviour", "neighbour", "honour", "humour", "labour", "harbour",
                           "odour", "rumour", "vapour", "armour", "parlour", "savour", "endeavour", "splendour", "vigour",
                           "tumour", "candour", "clamour", "fervour", "rancour", "valour"]
    static let ourEndings = ["", "s", "ed", "ing", "ful", "fully", "ite", "ites", "able", "ably", "hood", "hoods", "al", "less", "y", "ist", "ists", "er", "ers"]
    /// Stems in `-is-` (British) / `-iz-` (American).
    static let iseStems = ["organ", "real", "recogn", "apolog", "personal", "custom", "priorit", "final", "minim", "maxim", "optim",
                           "author", "categor", "emphas", "summar", "special", "util", "memor", "standard", "visual", "sanit",
                           "stabil", "critic", "character", "familiar", "modern", "social", "general", "normal", "symbol",
                           "harmon", "sympath", "synchron", "capital", "central", "civil", "colon", "digit", "econom",
                           "energ", "fertil", "formal", "global", "hospital", "ideal", "immun", "industrial", "initial",
                           "jeopard", "legal", "liberal", "local", "magnet", "mobil", "monopol", "motor", "natural", "neutral",
                           "patron", "penal", "polar", "popular", "pressur", "rational", "revital", "steril", "subsid",
                           "terror", "trivial", "vandal", "vapor", "winter"]
    static let iseEndings = ["ise", "ises", "ised", "ising", "isation", "isations", "iser", "isers", "isable"]
    /// `-tre` / `-ter`.
    static let treStems = ["cen", "me", "li", "fib", "thea", "calib", "kilome", "centime", "millime", "som", "spec", "lus", "sabre"]
    /// Doubled `l` before an ending (British) / single (American).
    static let llStems = ["travel", "cancel", "label", "model", "fuel", "level", "signal", "total", "counsel", "marvel", "channel",
                          "dial", "equal", "jewel", "panel", "quarrel", "shovel", "snorkel", "tunnel", "duel"]
    static let llEndings = ["led", "ling", "ler", "lers"]
    /// Whole words.
    static let words: [(String, String)] = [
        ("grey", "gray"), ("greys", "grays"), ("jewellery", "jewelry"), ("aluminium", "aluminum"), ("tyre", "tire"),
        ("tyres", "tires"), ("cheque", "check"), ("cheques", "checks"), ("programme", "program"), ("programmes", "programs"),
        ("plough", "plow"), ("mould", "mold"), ("moulds", "molds"), ("mouldy", "moldy"), ("pyjamas", "pajamas"),
        ("kerb", "curb"), ("storey", "story"), ("storeys", "stories"), ("fulfil", "fulfill"), ("fulfils", "fulfills"),
        ("fulfilment", "fulfillment"), ("instalment", "installment"), ("instalments", "installments"), ("enrolment", "enrollment"),
        ("ageing", "aging"), ("manoeuvre", "maneuver"), ("licence", "license"), ("licences", "licenses"), ("defence", "defense"),
        ("offence", "offense"), ("catalogue", "catalog"), ("catalogues", "catalogs"), ("dialogue", "dialog"),
        ("analogue", "analog"), ("cosy", "cozy"), ("sceptical", "skeptical"), ("aeroplane", "airplane"),
        ("moustache", "mustache"), ("draught", "draft"), ("paediatric", "pediatric"), ("analyse", "analyze"),
        ("analysed", "analyzed"), ("analysing", "analyzing"), ("paralyse", "paralyze"), ("woollen", "woolen"),
        ("marvellous", "marvelous"), ("practise", "practice"), ("practised", "practiced"), ("judgement", "judgment"),
        ("acknowledgement", "acknowledgment"), ("speciality", "specialty"), ("towards", "toward"),
    ]

    /// British → American.
    static let american: [String: String] = {
        var m: [String: String] = [:]
        for stem in ourStems {
            let us = String(stem.dropLast(2)) + "r"  // colour → color
            for e in ourEndings { m[stem + e] = us + e }
        }
        for stem in iseStems { for e in iseEndings { m[stem + e] = stem + "iz" + e.dropFirst(2) } }
        for stem in treStems where !stem.hasSuffix("re") {
            m[stem + "tre"] = stem + "ter"
            m[stem + "tres"] = stem + "ters"
        }
        m["sabre"] = "saber"
        for stem in llStems { for e in llEndings { m[stem + e] = stem + e.dropFirst() } }
        for (uk, us) in words { m[uk] = us }
        return m
    }()

    /// American → British.
    static let british: [String: String] = {
        var m: [String: String] = [:]
        for (uk, us) in american where m[us] == nil { m[us] = uk }
        return m
    }()
}
