/// Best tag sequence under per-token tag scores plus tag-to-tag transition scores, restricted to
/// well-formed BILOU sequences (an entity that begins must end; "Inside" never follows "Outside").
struct ViterbiDecoder {
    let tagCount: Int
    /// For each tag, the tags allowed before it (BILOU leaves 2 to 9 of the 17).
    private let previousTags: [[Int]]
    private let canStart: [Bool]
    private let canEnd: [Bool]

    init() {
        tagCount = EntityTag.count
        let count = tagCount
        previousTags = (0..<count).map { next in (0..<count).filter { EntityTag(raw: $0).allows(EntityTag(raw: next)) } }
        canStart = (0..<tagCount).map { EntityTag(raw: $0).canStart }
        canEnd = (0..<tagCount).map { EntityTag(raw: $0).canEnd }
    }

    /// `emissions` holds `count * tagCount` scores, token by token; `transitions` is
    /// `tagCount * tagCount` (previous-major). Writes the best tags into `tags`.
    func decode(
        emissions: UnsafeBufferPointer<Float>, count: Int, transitions: UnsafeBufferPointer<Float>,
        scratch: inout [Float], backPointers: inout [Int32], tags: inout [Int]
    ) {
        let k = tagCount
        tags.removeAll(keepingCapacity: true)
        guard count > 0 else { return }
        if scratch.count < 2 * k { scratch = [Float](repeating: 0, count: 2 * k) }
        if backPointers.count < count * k { backPointers = [Int32](repeating: 0, count: count * k) }
        let impossible = -Float.greatestFiniteMagnitude
        do {
            scratch.withUnsafeMutableBufferPointer { scratch in
                backPointers.withUnsafeMutableBufferPointer { back in
                    var current = scratch.baseAddress!
                    var next = scratch.baseAddress! + k
                    for tag in 0..<k { current[tag] = canStart[tag] ? emissions[tag] : impossible }
                    if count > 1 {
                        for position in 1..<count {
                            let row = position * k
                            for tag in 0..<k {
                                var best = impossible
                                var bestPrevious = 0
                                for previous in previousTags[tag] where current[previous] > impossible {
                                    let score = current[previous] + transitions[previous * k + tag]
                                    if score > best {
                                        best = score
                                        bestPrevious = previous
                                    }
                                }
                                next[tag] = best > impossible ? best + emissions[row + tag] : impossible
                                back[row + tag] = Int32(bestPrevious)
                            }
                            swap(&current, &next)
                        }
                    }
                    var bestTag = 0
                    var best = impossible
                    for tag in 0..<k where canEnd[tag] && current[tag] > best {
                        best = current[tag]
                        bestTag = tag
                    }
                    var path = [Int](repeating: 0, count: count)
                    path[count - 1] = bestTag
                    var position = count - 1
                    while position > 0 {
                        path[position - 1] = Int(back[position * k + path[position]])
                        position -= 1
                    }
                    tags.append(contentsOf: path)
                }
            }
        }
    }
}
