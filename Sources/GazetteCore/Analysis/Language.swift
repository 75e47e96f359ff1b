/// Article languages: normalises the codes and names found in metadata to ISO 639-1 where known.
public enum Language {
    public static let defaultCode = "en"

    private static let names: [String: String] = [
        "english": "en", "russian": "ru", "ukrainian": "uk", "german": "de", "french": "fr",
        "spanish": "es", "italian": "it", "portuguese": "pt", "dutch": "nl", "swedish": "sv",
        "norwegian": "no", "danish": "da", "finnish": "fi", "hungarian": "hu", "romanian": "ro",
        "turkish": "tr", "arabic": "ar", "greek": "el", "indonesian": "id", "irish": "ga",
        "lithuanian": "lt", "nepali": "ne", "tamil": "ta", "armenian": "hy", "basque": "eu",
        "catalan": "ca", "japanese": "ja", "chinese": "zh", "korean": "ko", "polish": "pl",
        "czech": "cs", "hebrew": "he", "hindi": "hi", "persian": "fa",
    ]

    /// "en-US", "EN", "English" -> "en"; unknown values are lower-cased as they are.
    public static func normalize(_ value: String) -> String {
        let lowered = value.trimmingWhitespace().lowercased()
        if let code = names[lowered] { return code }
        let primary = lowered.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init) ?? lowered
        return primary.isEmpty ? defaultCode : primary
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var view = Substring(self)
        while let first = view.first, first.isWhitespace { view.removeFirst() }
        while let last = view.last, last.isWhitespace { view.removeLast() }
        return String(view)
    }
}
