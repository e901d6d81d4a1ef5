extension RandomAccessCollection {
    /// The first index whose element satisfies `belongsInSecondPartition`, which must be false
    /// for a prefix of the collection and true for the rest (a sorted collection's lower bound);
    /// `endIndex` when none does. Binary search: O(log n).
    ///
    /// The same name and contract as swift-algorithms' `partitioningIndex(where:)`; written here
    /// rather than adding that package for one function.
    public func partitioningIndex(where belongsInSecondPartition: (Element) throws -> Bool) rethrows -> Index {
        var lo = startIndex
        var n = count
        while n > 0 {
            let half = n / 2
            let mid = index(lo, offsetBy: half)
            if try belongsInSecondPartition(self[mid]) {
                n = half
            } else {
                lo = index(after: mid)
                n -= half + 1
            }
        }
        return lo
    }
}
