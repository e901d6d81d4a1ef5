import BSMText
import Testing

@Suite struct EditDistanceTests {
    /// The textbook recursion, as the reference.
    private func reference(_ a: [UInt8], _ b: [UInt8]) -> Int {
        var memo: [[Int?]] = Array(repeating: Array(repeating: nil, count: b.count + 1), count: a.count + 1)
        func d(_ i: Int, _ j: Int) -> Int {
            if i == 0 { return j }
            if j == 0 { return i }
            if let m = memo[i][j] { return m }
            let r = min(d(i - 1, j) + 1, d(i, j - 1) + 1, d(i - 1, j - 1) + (a[i - 1] == b[j - 1] ? 0 : 1))
            memo[i][j] = r
            return r
        }
        return d(a.count, b.count)
    }

    @Test func knownDistances() {
        #expect(editDistance("chek", "check") == 1)
        #expect(editDistance("kitten", "sitting") == 3)
        #expect(editDistance("", "abc") == 3)
        #expect(editDistance("abc", "") == 3)
        #expect(editDistance("aria-labeledby", "aria-labelledby", limit: 2) == 1)
        #expect(editDistance("aria-hiden", "aria-hidden", limit: 2) == 1)
    }

    @Test func limitGivesUpAboveIt() {
        #expect(editDistance("kitten", "sitting", limit: 2) == 3)
        #expect(editDistance("a", "abcdef", limit: 2) == 3)
        #expect(editDistance("check", "merge", limit: 2) == 3)
    }

    @Test func agreesWithTheRecursion() {
        let words = ["", "a", "ab", "ba", "abc", "acb", "check", "chekc", "merge", "rules", "init", "docs", "aria-label"]
        for a in words {
            for b in words {
                let r = reference(Array(a.utf8), Array(b.utf8))
                #expect(editDistance(a, b) == r, "\(a) / \(b)")
                for limit in 0...3 {
                    #expect(editDistance(a, b, limit: limit) == (r > limit ? limit + 1 : r), "\(a) / \(b) limit \(limit)")
                }
            }
        }
    }
}
