import BSMEngine
import Testing

struct ShardTests {
    @Test func parsesKOverN() {
        #expect(Shard("2/8") == Shard("2/8"))
        #expect(Shard("2/8")?.index == 2)
        #expect(Shard("2/8")?.count == 8)
        for bad in ["0/3", "4/3", "3", "a/b", "1/0", "1/2/3", "", "-1/2"] { #expect(Shard(bad) == nil, "\(bad)") }
    }

    @Test func everyPathIsInExactlyOneShard() throws {
        let paths = (0..<5_000).map { "templates/seller-\($0 % 37)/message-\($0).html" }
        for n in [1, 2, 3, 8] {
            let shards = (1...n).compactMap { Shard("\($0)/\(n)") }
            var sizes = [Int](repeating: 0, count: n)
            for p in paths {
                let owners = shards.indices.filter { shards[$0].contains(p) }
                #expect(owners.count == 1, "\(p) in \(owners.count) of \(n) shards")
                if let o = owners.first { sizes[o] += 1 }
            }
            // A fair share: each shard within 10% of N/paths.
            let fair = Double(paths.count) / Double(n)
            for s in sizes { #expect(abs(Double(s) - fair) < fair * 0.1, "shard sizes \(sizes)") }
        }
    }

    @Test func theHashIsFixedAcrossRunsAndMachines() {
        // Fixed values: a changed hash would move files between the shards of a running batch.
        #expect(Shard.hash("") == 0xefd0_1f60_ba99_2926)
        #expect(Shard.hash("a") == 0x82a2_a958_a9be_ce5b)
        #expect(Shard.hash("templates/review-request.html") == 0xcfc6_0e29_b01f_5e5f)
    }
}
