/// `--shard K/N`: a stable 1/N share of a batch's inputs, chosen by a hash of each input's path
/// as given (FNV-1a 64 with a finaliser), so that N machines running the same command with K = 1…N check
/// every input exactly once, whatever order or machine they run on.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
    /// 1-based index of this shard.
    public let index: Int
    public let count: Int

    /// Parses `K/N` with 1 ≤ K ≤ N.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]) else { return nil }
        self.init(index: k, count: n)
    }

    /// Shard `index` of `count`, with 1 ≤ index ≤ count (as a report's `settings.shard` says).
    public init?(index: Int, count: Int) {
        guard count >= 1, index >= 1, index <= count else { return nil }
        self.index = index
        self.count = count
    }

    public var description: String { "\(index)/\(count)" }

    /// Whether the input at `path` belongs to this shard.
    public func contains(_ path: String) -> Bool {
        Int(Shard.hash(path) % UInt64(count)) == index - 1
    }

    /// FNV-1a over the path's UTF-8 bytes, then MurmurHash3's 64-bit finaliser (FNV's low bits
    /// alone split similar paths unevenly): fixed by its definition, unlike Swift's seeded `Hasher`.
    public static func hash(_ path: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in path.utf8 {
            h ^= UInt64(b)
            h &*= 0x0000_0100_0000_01b3
        }
        h ^= h >> 33
        h &*= 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        h &*= 0xc4ce_b9fe_1a85_ec53
        h ^= h >> 33
        return h
    }
}
