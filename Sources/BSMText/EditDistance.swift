/// Levenshtein distance over the UTF-8 bytes of two strings (insertions, deletions and
/// substitutions cost 1), giving up once it is certain to exceed `limit`: then `limit + 1`.
/// For "did you mean" suggestions (a mistyped subcommand, an unknown `aria-*` attribute), where
/// both strings are short ASCII names.
public func editDistance(_ a: String, _ b: String, limit: Int = .max) -> Int {
    let x = Array(a.utf8), y = Array(b.utf8)
    let over = limit == .max ? limit : limit + 1
    if abs(x.count - y.count) > limit { return over }
    if x.isEmpty { return y.count }
    var prev = Array(0...y.count)
    var cur = [Int](repeating: 0, count: y.count + 1)
    for i in 1...x.count {
        cur[0] = i
        var rowMin = i
        for j in 1..<(y.count + 1) {
            let cost = x[i - 1] == y[j - 1] ? 0 : 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            rowMin = min(rowMin, cur[j])
        }
        if rowMin > limit { return over }
        swap(&prev, &cur)
    }
    return prev[y.count] > limit ? over : prev[y.count]
}
