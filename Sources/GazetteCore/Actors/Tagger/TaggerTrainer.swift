import Foundation

/// Trains the tagger: an averaged structured perceptron over the feature templates, decoded with
/// the same Viterbi as at run time. Training sentences are analysed with the run-time analyzer,
/// so the model learns on exactly the tokens it will later see.
public final class TaggerTrainer {
    public struct Options: Sendable {
        public var epochs = 12
        public var hashBits = 21
        /// Buckets whose averaged weights are all below this are dropped from the model file.
        public var minimumWeight: Float = 1
        public var seed: UInt64 = 20_030_531
        public init() {}
    }

    /// One sentence prepared for training: feature buckets per token and the gold tags.
    struct Sentence {
        var buckets: [UInt32]
        var featureEnds: [Int]
        var gold: [Int]
    }

    public let options: Options
    private let gazetteer: Gazetteer
    private let analyzer: Analyzer
    private var sentences: [Sentence] = []
    private var weights: [Float]
    private var totals: [Float]
    private var transitions: [Float]
    private var transitionTotals: [Float]
    private var instances: Float = 1
    private let k = EntityTag.count
    private let decoder = ViterbiDecoder()

    public init(options: Options, gazetteer: Gazetteer = .builtIn) throws {
        self.options = options
        self.gazetteer = gazetteer
        analyzer = try Analyzer()
        weights = [Float](repeating: 0, count: (1 << options.hashBits) * EntityTag.count)
        totals = weights
        transitions = [Float](repeating: 0, count: EntityTag.count * EntityTag.count)
        transitionTotals = transitions
    }

    public var sentenceCount: Int { sentences.count }
    public var tokenCount: Int { sentences.reduce(0) { $0 + $1.gold.count } }

    /// Adds documents to the training set.
    public func add(_ documents: [AnnotatedDocument]) {
        for document in documents {
            Self.prepare(document, analyzer: analyzer, gazetteer: gazetteer) { input, sentence, gold in
                var buckets: [UInt32] = []
                var ends: [Int] = []
                var hashes: [UInt64] = []
                for index in sentence {
                    hashes.removeAll(keepingCapacity: true)
                    FeatureTemplates.append(input, sentence, index, into: &hashes)
                    for hash in hashes { buckets.append(UInt32(TaggerModel.bucket(hash, bits: options.hashBits))) }
                    ends.append(buckets.count)
                }
                sentences.append(Sentence(buckets: buckets, featureEnds: ends, gold: gold.map(\.raw)))
            }
        }
    }

    /// Analyses a document and calls `body` per sentence with its gold tags (entity spans
    /// projected onto the analyzer's tokens: a token belongs to the entity its first byte is in).
    static func prepare(
        _ document: AnnotatedDocument, analyzer: Analyzer, gazetteer: Gazetteer,
        _ body: (TaggerInput, Range<Int>, [EntityTag]) -> Void
    ) {
        var text = document.text
        text.withUTF8 { bytes in
            let analyzed = analyzer.analyze(bytes: bytes)
            let input = TaggerInput(context: TokenContext(bytes: bytes, tokens: analyzed.tokens), gazetteer: gazetteer)
            let tokens = analyzed.tokens
            var owner = [Int](repeating: -1, count: tokens.count)
            var entityIndex = 0
            for (index, token) in tokens.enumerated() {
                while entityIndex < document.entities.count, document.entities[entityIndex].end <= token.start { entityIndex += 1 }
                if entityIndex < document.entities.count, document.entities[entityIndex].start <= token.start {
                    owner[index] = entityIndex
                }
            }
            for sentence in input.sentences {
                var spans: [(range: Range<Int>, entity: EntityClass)] = []
                var index = sentence.lowerBound
                while index < sentence.upperBound {
                    let entity = owner[index]
                    guard entity >= 0 else {
                        index += 1
                        continue
                    }
                    var end = index + 1
                    while end < sentence.upperBound, owner[end] == entity { end += 1 }
                    spans.append((index - sentence.lowerBound..<end - sentence.lowerBound, document.entities[entity].entity))
                    index = end
                }
                body(input, sentence, EntityTag.encode(spans, count: sentence.count))
            }
        }
    }

    /// Runs the perceptron for the configured epochs; `afterEpoch` sees each epoch's model.
    public func train(afterEpoch: (Int, TaggerModel, _ tokenAccuracy: Double) -> Void = { _, _, _ in }) {
        var generator = SplitMix(seed: options.seed)
        var order = Array(sentences.indices)
        var emissions: [Float] = []
        var scratch: [Float] = []
        var back: [Int32] = []
        var predicted: [Int] = []
        for epoch in 1...options.epochs {
            order.shuffle(using: &generator)
            var correct = 0
            var total = 0
            for sentenceIndex in order {
                let sentence = sentences[sentenceIndex]
                score(sentence, into: &emissions)
                emissions.withUnsafeBufferPointer { emissions in
                    transitions.withUnsafeBufferPointer { transitions in
                        decoder.decode(
                            emissions: emissions, count: sentence.gold.count, transitions: transitions,
                            scratch: &scratch, backPointers: &back, tags: &predicted)
                    }
                }
                total += sentence.gold.count
                for (gold, guess) in zip(sentence.gold, predicted) where gold == guess { correct += 1 }
                if predicted != sentence.gold { update(sentence, predicted) }
                instances += 1
            }
            afterEpoch(epoch, model(), Double(correct) / Double(max(total, 1)))
        }
    }

    private func score(_ sentence: Sentence, into emissions: inout [Float]) {
        emissions.removeAll(keepingCapacity: true)
        emissions.append(contentsOf: repeatElement(0, count: sentence.gold.count * k))
        weights.withUnsafeBufferPointer { weights in
            emissions.withUnsafeMutableBufferPointer { emissions in
                var start = 0
                for (position, end) in sentence.featureEnds.enumerated() {
                    let out = emissions.baseAddress! + position * k
                    for bucket in sentence.buckets[start..<end] {
                        let row = weights.baseAddress! + Int(bucket) * k
                        for tag in 0..<k { out[tag] += row[tag] }
                    }
                    start = end
                }
            }
        }
    }

    private func update(_ sentence: Sentence, _ predicted: [Int]) {
        let stamp = instances
        var start = 0
        for (position, end) in sentence.featureEnds.enumerated() {
            defer { start = end }
            let gold = sentence.gold[position]
            let guess = predicted[position]
            guard gold != guess else { continue }
            for bucket in sentence.buckets[start..<end] {
                let base = Int(bucket) * k
                weights[base + gold] += 1
                totals[base + gold] += stamp
                weights[base + guess] -= 1
                totals[base + guess] -= stamp
            }
        }
        for position in 1..<max(sentence.gold.count, 1) {
            let gold = sentence.gold[position - 1] * k + sentence.gold[position]
            let guess = predicted[position - 1] * k + predicted[position]
            guard gold != guess else { continue }
            transitions[gold] += 1
            transitionTotals[gold] += stamp
            transitions[guess] -= 1
            transitionTotals[guess] -= stamp
        }
    }

    /// The averaged weights as a run-time model (quantised as in the model file).
    public func model() -> TaggerModel {
        let bytes = modelFile()
        // The encoder's own output always decodes.
        return try! TaggerModel(data: bytes, source: "trained model")
    }

    /// The averaged model in the file format `TaggerModel` reads.
    public func modelFile() -> [UInt8] {
        let averaged = zip(weights, totals).map { $0 - $1 / instances }
        let averagedTransitions = zip(transitions, transitionTotals).map { $0 - $1 / instances }
        return TaggerModel.encode(
            hashBits: options.hashBits, tagCount: k, weights: averaged, transitions: averagedTransitions,
            minimumWeight: options.minimumWeight)
    }
}

/// A small seeded generator so training is reproducible.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
