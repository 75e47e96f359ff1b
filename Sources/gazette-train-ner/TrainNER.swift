import ArgumentParser
import Foundation
import GazetteCore

/// Trains the entity tagger shipped in Sources/GazetteCore/Resources/ner/ (see README, "Entity tagger").
@main
struct TrainNER: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gazette-train-ner",
        abstract: "Train the entity tagger (averaged perceptron) from annotated text and write a model file.",
        discussion: """
            Example: gazette-train-ner --train ../shared/data/conll2003/eng.train \
            --output Sources/GazetteCore/Resources/ner/en.nermodel
            A --dev file is only scored after each epoch (to choose --epochs); it is never trained on.
            """)

    @Option(help: "CoNLL-2003 file(s) to train on (word POS chunk tag, IOB1).")
    var train: [String] = []

    @Option(help: "GMB file(s) to train on as well (word<TAB>POS<TAB>tag, IOB2).")
    var gmb: [String] = []

    @Option(help: "CoNLL file scored after every epoch (never trained on).")
    var dev: String?

    @Option(help: "Passes over the training data.")
    var epochs = 12

    @Option(help: "Feature hash bits (weight buckets = 2^bits).")
    var hashBits = 21

    @Option(help: "Drop weight rows whose largest weight is below this (smaller model file).")
    var minimumWeight: Float = 1

    @Option(help: "Where to write the model.")
    var output: String

    mutating func validate() throws {
        if train.isEmpty && gmb.isEmpty { throw ValidationError("Give at least one --train or --gmb file.") }
        guard (1...100).contains(epochs) else { throw ValidationError("--epochs must be between 1 and 100.") }
        guard (16...24).contains(hashBits) else { throw ValidationError("--hash-bits must be between 16 and 24.") }
    }

    func run() throws {
        let started = Date()
        var options = TaggerTrainer.Options()
        options.epochs = epochs
        options.hashBits = hashBits
        options.minimumWeight = minimumWeight
        let trainer = try TaggerTrainer(options: options)
        for path in train { trainer.add(try TrainingCorpus.read(path: path, format: .conll)) }
        for path in gmb { trainer.add(try TrainingCorpus.read(path: path, format: .gmb)) }
        let devDocuments = try dev.map { try TrainingCorpus.read(path: $0, format: .conll) }
        log("prepared \(trainer.sentenceCount) sentences, \(trainer.tokenCount) tokens in \(seconds(since: started)) s")
        trainer.train { epoch, model, accuracy in
            var line = "epoch \(epoch): training token accuracy \((accuracy * 10_000).rounded() / 100)%"
            if let devDocuments, let score = try? TaggerEvaluation.run(EntityTagger(model: model, language: "en"), on: devDocuments) {
                line += "; dev PER/ORG/LOC \(score)"
            }
            log(line + " (\(seconds(since: started)) s)")
        }
        let bytes = trainer.modelFile()
        try Data(bytes).write(to: URL(fileURLWithPath: output))
        log("wrote \(output): \(bytes.count) bytes; total \(seconds(since: started)) s")
    }

    private func log(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }
    private func seconds(since date: Date) -> Double { (Date().timeIntervalSince(date) * 10).rounded() / 10 }
}
