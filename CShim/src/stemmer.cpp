// Xapian's Snowball stemmers behind a C handle.
#include "shim_internal.hpp"

#include <cstring>

using gazette_shim::copy_out;

struct gz_stemmer {
    Xapian::Stem stem;
    std::string word; // reused input buffer
};

extern "C" {

gz_stemmer *gz_stemmer_new(const char *language, size_t len) {
    try {
        Xapian::Stem stem{std::string(language, len)};
        if (stem.is_none()) return nullptr;
        return new gz_stemmer{stem, {}};
    } catch (...) {
        return nullptr; // Xapian has no stemmer for this language
    }
}

void gz_stemmer_free(gz_stemmer *stemmer) { delete stemmer; }

int64_t gz_stem(gz_stemmer *stemmer, const char *word, size_t len, char *out, size_t out_cap) {
    try {
        stemmer->word.assign(word, len);
        const std::string stemmed = stemmer->stem(stemmer->word);
        if (stemmed.size() > out_cap) return -1;
        std::memcpy(out, stemmed.data(), stemmed.size());
        return int64_t(stemmed.size());
    } catch (...) {
        return -1;
    }
}

char *gz_stemmer_languages(size_t *len) {
    char *out = nullptr;
    try {
        if (copy_out(Xapian::Stem::get_available_languages(), &out, len, nullptr) != 0) return nullptr;
    } catch (...) {
        return nullptr;
    }
    return out;
}

} // extern "C"
