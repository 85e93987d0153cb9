/// Sorts the distinct gram entries of one page: a least-significant-digit
/// radix sort by bytes for all but short arrays (a page has thousands of
/// entries, and radix passes do not mispredict branches as comparisons do),
/// skipping bytes that are the same in every value; short arrays use an
/// in-place quicksort.
enum KeySort {
    /// Below this many values the quicksort is faster.
    static let radixThreshold = 192

    static func sort(_ values: inout [UInt64]) {
        values.withUnsafeMutableBufferPointer { buffer in
            if buffer.count >= radixThreshold {
                radixSort(buffer)
            } else {
                quicksort(buffer, 0, buffer.count - 1, budget: 2 * (Int.bitWidth - buffer.count.leadingZeroBitCount))
            }
        }
    }

    private static func radixSort(_ values: UnsafeMutableBufferPointer<UInt64>) {
        let count = values.count
        // One pass counts every byte position's digits.
        let counts = UnsafeMutableBufferPointer<Int>.allocate(capacity: 8 * 256)
        defer { counts.deallocate() }
        counts.initialize(repeating: 0)
        for value in values {
            var v = value
            for digit in 0..<8 {
                counts[digit << 8 | Int(v & 0xFF)] += 1
                v >>= 8
            }
        }
        let scratch = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: count)
        defer { scratch.deallocate() }
        var source = values
        var target = scratch
        for digit in 0..<8 {
            let shift = UInt64(digit * 8)
            let base = digit << 8
            // A byte that is the same in every value does not reorder anything.
            if counts[base | Int((source[0] >> shift) & 0xFF)] == count { continue }
            var offset = 0
            for bucket in 0..<256 {
                let size = counts[base | bucket]
                counts[base | bucket] = offset
                offset += size
            }
            for value in source {
                let bucket = base | Int((value >> shift) & 0xFF)
                target[counts[bucket]] = value
                counts[bucket] += 1
            }
            swap(&source, &target)
        }
        if source.baseAddress != values.baseAddress {
            _ = values.update(fromContentsOf: source)
        }
    }

    private static func quicksort(_ a: UnsafeMutableBufferPointer<UInt64>, _ low: Int, _ high: Int, budget: Int) {
        var low = low
        var high = high
        var budget = budget
        while high - low > 16 {
            if budget == 0 {
                var part = UnsafeMutableBufferPointer(rebasing: a[low...high])
                part.sort()
                return
            }
            budget -= 1
            let middle = low + (high - low) / 2
            if a[middle] < a[low] { a.swapAt(middle, low) }
            if a[high] < a[low] { a.swapAt(high, low) }
            if a[high] < a[middle] { a.swapAt(high, middle) }
            let pivot = a[middle]
            var i = low
            var j = high
            while i <= j {
                while a[i] < pivot { i += 1 }
                while a[j] > pivot { j -= 1 }
                if i <= j {
                    a.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if j - low < high - i {
                quicksort(a, low, j, budget: budget)
                low = i
            } else {
                quicksort(a, i, high, budget: budget)
                high = j
            }
        }
        // Insertion sort for short ranges.
        if high > low {
            for k in (low + 1)...high {
                let value = a[k]
                var m = k - 1
                while m >= low && a[m] > value {
                    a[m + 1] = a[m]
                    m -= 1
                }
                a[m + 1] = value
            }
        }
    }
}
