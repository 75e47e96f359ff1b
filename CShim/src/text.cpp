// ICU word and sentence segmentation and matching folds. ICU must be called from C/C++: Debian's
// ICU renames its functions with macros (ubrk_open -> ubrk_open_72) that Swift cannot import.
#include "shim_internal.hpp"

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>
#include <unicode/utf16.h>

#include <cstring>

using gazette_shim::set_error;

struct gz_segmenter {
    UBreakIterator *words = nullptr;
    UBreakIterator *sentences = nullptr;
    UText *text = nullptr;
    std::vector<gz_token> tokens;
    std::vector<int32_t> sentence_starts;

    ~gz_segmenter() {
        if (words) ubrk_close(words);
        if (sentences) ubrk_close(sentences);
        if (text) utext_close(text);
    }
};

static int kind_for_status(int32_t status) {
    if (status >= UBRK_WORD_IDEO && status < UBRK_WORD_IDEO_LIMIT) return GZ_TOKEN_IDEO;
    if (status >= UBRK_WORD_KANA && status < UBRK_WORD_KANA_LIMIT) return GZ_TOKEN_KANA;
    if (status >= UBRK_WORD_LETTER && status < UBRK_WORD_LETTER_LIMIT) return GZ_TOKEN_LETTER;
    if (status >= UBRK_WORD_NUMBER && status < UBRK_WORD_NUMBER_LIMIT) return GZ_TOKEN_NUMBER;
    return 0;
}

extern "C" {

gz_segmenter *gz_segmenter_new(const char *locale, size_t len, gz_error *error) {
    try {
        auto segmenter = std::make_unique<gz_segmenter>();
        const std::string name(locale, len);
        UErrorCode status = U_ZERO_ERROR;
        segmenter->words = ubrk_open(UBRK_WORD, name.c_str(), nullptr, 0, &status);
        segmenter->sentences = ubrk_open(UBRK_SENTENCE, name.c_str(), nullptr, 0, &status);
        if (U_FAILURE(status)) {
            set_error(error, GZ_ERR_ICU, std::string("cannot open ICU break iterators: ") +
                                             u_errorName(status));
            return nullptr;
        }
        return segmenter.release();
    } catch (...) {
        set_error(error, GZ_ERR_NO_MEMORY, "out of memory");
        return nullptr;
    }
}

void gz_segmenter_free(gz_segmenter *segmenter) { delete segmenter; }

int gz_segment(gz_segmenter *segmenter, const char *text, size_t len, const gz_token **tokens,
               size_t *token_count, const int32_t **sentence_starts, size_t *sentence_count,
               gz_error *error) {
    if (len > size_t(INT32_MAX)) {
        set_error(error, GZ_ERR_TOO_LARGE, "text larger than 2 GiB");
        return -1;
    }
    try {
        UErrorCode status = U_ZERO_ERROR;
        segmenter->text = utext_openUTF8(segmenter->text, text, int64_t(len), &status);
        ubrk_setUText(segmenter->words, segmenter->text, &status);
        ubrk_setUText(segmenter->sentences, segmenter->text, &status);
        if (U_FAILURE(status)) {
            set_error(error, GZ_ERR_ICU, std::string("ICU segmentation failed: ") + u_errorName(status));
            return -1;
        }
        segmenter->tokens.clear();
        int32_t start = ubrk_first(segmenter->words);
        for (int32_t end = ubrk_next(segmenter->words); end != UBRK_DONE;
             start = end, end = ubrk_next(segmenter->words)) {
            const int kind = kind_for_status(ubrk_getRuleStatus(segmenter->words));
            if (kind != 0) segmenter->tokens.push_back(gz_token{start, end, kind});
        }
        segmenter->sentence_starts.clear();
        for (int32_t at = ubrk_first(segmenter->sentences); at != UBRK_DONE;
             at = ubrk_next(segmenter->sentences)) {
            if (size_t(at) < len) segmenter->sentence_starts.push_back(at);
        }
        *tokens = segmenter->tokens.data();
        *token_count = segmenter->tokens.size();
        *sentence_starts = segmenter->sentence_starts.data();
        *sentence_count = segmenter->sentence_starts.size();
        return 0;
    } catch (...) {
        gazette_shim::set_error_from_current_exception(error);
        return -1;
    }
}

// Decides whether a combining mark is dropped for accent-insensitive matching. Marks on Latin and
// Greek letters are accents; on other scripts they are often part of the letter (Cyrillic й,
// Japanese dakuten, Indic vowel signs), except the diaeresis of Russian ё, conventionally written е.
static bool drop_mark(UChar32 mark, UChar32 base) {
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(base, &status);
    if (U_FAILURE(status)) return false;
    if (script == USCRIPT_LATIN || script == USCRIPT_GREEK) return true;
    if (script == USCRIPT_CYRILLIC) return mark == 0x0308 && (base == 0x0435 || base == 0x0415);
    return false;
}

int64_t gz_fold(const char *word, size_t len, char *out, size_t out_cap, bool strip_marks) {
    if (len > 1 << 20) return -1;
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *nfkc_cf = unorm2_getNFKCCasefoldInstance(&status);
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&status);
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&status);
    if (U_FAILURE(status)) return -1;

    std::vector<UChar> utf16(len + 1);
    int32_t utf16_len = 0;
    u_strFromUTF8WithSub(utf16.data(), int32_t(utf16.size()), &utf16_len, word, int32_t(len),
                         0xFFFD, nullptr, &status);
    if (U_FAILURE(status)) return -1;

    // NFKC_Casefold can grow text (ligatures, compatibility forms); allow for it.
    std::vector<UChar> folded(size_t(utf16_len) * 4 + 16);
    int32_t folded_len = unorm2_normalize(nfkc_cf, utf16.data(), utf16_len, folded.data(),
                                          int32_t(folded.size()), &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) {
        status = U_ZERO_ERROR;
        folded.resize(size_t(folded_len) + 1);
        folded_len = unorm2_normalize(nfkc_cf, utf16.data(), utf16_len, folded.data(),
                                      int32_t(folded.size()), &status);
    }
    if (U_FAILURE(status)) return -1;

    if (strip_marks) {
        std::vector<UChar> decomposed(size_t(folded_len) * 4 + 16);
        int32_t decomposed_len = unorm2_normalize(nfd, folded.data(), folded_len, decomposed.data(),
                                                  int32_t(decomposed.size()), &status);
        if (U_FAILURE(status)) return -1;
        std::vector<UChar> kept;
        kept.reserve(size_t(decomposed_len));
        UChar32 base = 0;
        bool dropped_any = false;
        for (int32_t i = 0; i < decomposed_len;) {
            UChar32 c;
            U16_NEXT(decomposed.data(), i, decomposed_len, c);
            if (u_charType(c) == U_NON_SPACING_MARK && base != 0 && drop_mark(c, base)) {
                dropped_any = true;
                continue;
            }
            if (u_charType(c) != U_NON_SPACING_MARK) base = c;
            if (U_IS_BMP(c)) {
                kept.push_back(UChar(c));
            } else {
                kept.push_back(U16_LEAD(c));
                kept.push_back(U16_TRAIL(c));
            }
        }
        if (dropped_any) {
            folded.resize(kept.size() * 2 + 16);
            folded_len = unorm2_normalize(nfc, kept.data(), int32_t(kept.size()), folded.data(),
                                          int32_t(folded.size()), &status);
            if (U_FAILURE(status)) return -1;
        }
    }

    int32_t out_len = 0;
    u_strToUTF8WithSub(out, int32_t(out_cap > INT32_MAX ? INT32_MAX : out_cap), &out_len,
                       folded.data(), folded_len, 0xFFFD, nullptr, &status);
    if (U_FAILURE(status) || status == U_STRING_NOT_TERMINATED_WARNING) {
        // Not terminated is fine (we use lengths); overflow is not.
        if (status != U_STRING_NOT_TERMINATED_WARNING) return -1;
    }
    return int64_t(out_len);
}

} // extern "C"
