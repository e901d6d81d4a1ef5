import Testing
import BSMText

@Suite struct PartitioningIndexTests {
    /// Agrees with the linear definition (first index where the predicate holds) on every
    /// boundary of sorted arrays of every length up to 40.
    @Test func agreesWithTheLinearScan() {
        for n in 0...40 {
            let a = Array(0..<n).map { $0 * 2 }
            for x in -1...(2 * n + 1) {
                let linear = a.firstIndex { $0 >= x } ?? a.endIndex
                #expect(a.partitioningIndex { $0 >= x } == linear, "n=\(n) x=\(x)")
            }
        }
        let slice = [1, 3, 5, 7, 9][1...]
        #expect(slice.partitioningIndex { $0 > 5 } == 3)
        #expect([Int]().partitioningIndex { _ in true } == 0)
    }
}
