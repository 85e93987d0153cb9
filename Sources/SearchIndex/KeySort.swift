/// An in-place quicksort for the distinct gram entries of one page, about
/// twice as fast here as the standard library's stable sort (stability is
/// of no use for distinct keys). Recurses into the smaller side only, so
/// the depth stays below log2(n); a badly split range falls back to `sort()`.
enum KeySort {
    static func sort(_ values: inout [UInt64]) {
        values.withUnsafeMutableBufferPointer { buffer in
            quicksort(buffer, 0, buffer.count - 1, budget: 2 * (Int.bitWidth - buffer.count.leadingZeroBitCount))
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
