/// Mention-level precision and recall of the tagger on annotated documents (exact token span and
/// class; MISC is left out as in the CoNLL PER/ORG/LOC scores). Used by the training command to
/// report progress; the shared evaluators remain the reference.
public struct TaggerEvaluation: Sendable, CustomStringConvertible {
    public var gold = 0
    public var predicted = 0
    public var correct = 0

    public var precision: Double { predicted == 0 ? 0 : Double(correct) / Double(predicted) }
    public var recall: Double { gold == 0 ? 0 : Double(correct) / Double(gold) }
    public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }

    public var description: String {
        "P \(Self.percent(precision)) R \(Self.percent(recall)) F1 \(Self.percent(f1)) (gold \(gold), predicted \(predicted))"
    }

    private static func percent(_ value: Double) -> String {
        let scaled = (value * 10_000).rounded() / 100
        return "\(scaled)"
    }

    public static func run(_ tagger: EntityTagger, on documents: [AnnotatedDocument], gazetteer: Gazetteer = .builtIn) throws -> TaggerEvaluation {
        let analyzer = try Analyzer()
        var result = TaggerEvaluation()
        for document in documents {
            var goldSpans: [(Range<Int>, EntityClass)] = []
            var taggedSpans: [(Range<Int>, EntityClass)] = []
            var tagged = false
            TaggerTrainer.prepare(document, analyzer: analyzer, gazetteer: gazetteer) { input, sentence, tags in
                for span in EntityTag.decode(tags) where span.entity != .misc {
                    goldSpans.append((span.range.lowerBound + sentence.lowerBound..<span.range.upperBound + sentence.lowerBound, span.entity))
                }
                if !tagged {
                    tagged = true
                    taggedSpans = tagger.tag(input).filter { $0.entity != .misc }.map { ($0.range, $0.entity) }
                }
            }
            result.gold += goldSpans.count
            result.predicted += taggedSpans.count
            let goldSet = Set(goldSpans.map { "\($0.0.lowerBound):\($0.0.upperBound):\($0.1.rawValue)" })
            result.correct += taggedSpans.filter { goldSet.contains("\($0.0.lowerBound):\($0.0.upperBound):\($0.1.rawValue)") }.count
        }
        return result
    }
}
