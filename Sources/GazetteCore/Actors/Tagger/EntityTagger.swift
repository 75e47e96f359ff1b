import Foundation

/// Finds entity spans (person, organisation, place, other) in analysed text with a trained
/// sequence model: hashed features per token, linear tag scores, Viterbi over BILOU tags.
/// Thread-safe: it holds only the immutable model.
public final class EntityTagger: Sendable {
    public let language: String
    let model: TaggerModel
    private let decoder = ViterbiDecoder()

    public init(model: TaggerModel, language: String) {
        self.model = model
        self.language = language
    }

    /// A span of tokens the model tagged.
    struct Span {
        var range: Range<Int>
        var entity: EntityClass
    }

    /// Tags every sentence of `input`.
    func tag(_ input: TaggerInput) -> [Span] {
        var spans: [Span] = []
        var features: [UInt64] = []
        var featureEnds: [Int] = []
        var emissions: [Float] = []
        var scratch: [Float] = []
        var back: [Int32] = []
        var tags: [Int] = []
        let k = model.tagCount
        input.attributes.withUnsafeBufferPointer { attributes in
            for sentence in input.sentences {
                features.removeAll(keepingCapacity: true)
                featureEnds.removeAll(keepingCapacity: true)
                for index in sentence {
                    FeatureTemplates.append(attributes, sentence, index, into: &features)
                    featureEnds.append(features.count)
                }
                emissions.removeAll(keepingCapacity: true)
                emissions.append(contentsOf: repeatElement(0, count: sentence.count * k))
                features.withUnsafeBufferPointer { features in
                    emissions.withUnsafeMutableBufferPointer { emissions in
                        var start = 0
                        for (offset, end) in featureEnds.enumerated() {
                            model.addScores(UnsafeBufferPointer(rebasing: features[start..<end]), into: emissions.baseAddress! + offset * k)
                            start = end
                        }
                    }
                }
                emissions.withUnsafeBufferPointer { emissions in
                    model.transitions.withUnsafeBufferPointer { transitions in
                        decoder.decode(
                            emissions: emissions, count: sentence.count, transitions: transitions,
                            scratch: &scratch, backPointers: &back, tags: &tags)
                    }
                }
                for span in EntityTag.decode(tags.map { EntityTag(raw: $0) }) {
                    spans.append(Span(range: span.range.lowerBound + sentence.lowerBound..<span.range.upperBound + sentence.lowerBound, entity: span.entity))
                }
            }
        }
        return spans
    }

    // MARK: Built-in models

    /// The model shipped for `language` ("en"), loaded once on first use; nil when Gazette has none.
    public static func builtIn(language: String) -> EntityTagger? {
        switch language {
        case "en": english
        default: nil
        }
    }

    private static let english: EntityTagger? = load(language: "en")

    private static func load(language: String) -> EntityTagger? {
        let url = Bundle.module.url(forResource: language, withExtension: "nermodel", subdirectory: "ner")
            ?? Bundle.module.bundleURL.appendingPathComponent("ner/\(language).nermodel")
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        do {
            return EntityTagger(model: try TaggerModel(data: Array(data), source: url.path), language: language)
        } catch {
            // A shipped model that does not load is a build defect; say so and fall back to the rules.
            FileHandle.standardError.write(Data("gazette: \(error)\n".utf8))
            return nil
        }
    }
}
