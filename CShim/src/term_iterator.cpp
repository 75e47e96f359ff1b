// Iterating terms, document terms, metadata keys and postings through one handle type.
#include "shim_internal.hpp"

using gazette_shim::guarded;
using gazette_shim::guarded_value;

struct gz_termiter {
    enum class Kind { terms, document_terms, metadata_keys, postings } kind;
    Xapian::TermIterator current, end;
    Xapian::PostingIterator posting, posting_end;
    std::string prefix;
    std::string term; // keeps the reported term alive until the next call
    std::vector<uint32_t> positions;
    bool started = false;
};

extern "C" {

gz_termiter *gz_db_allterms(const gz_db *db, const char *prefix, size_t prefix_len,
                            gz_error *error) {
    return guarded_value<gz_termiter *>(error, nullptr, [&] {
        auto it = std::make_unique<gz_termiter>();
        it->kind = gz_termiter::Kind::terms;
        it->prefix.assign(prefix, prefix_len);
        it->current = db->database->allterms_begin(it->prefix);
        it->end = db->database->allterms_end(it->prefix);
        return it.release();
    });
}

gz_termiter *gz_db_doc_terms(const gz_db *db, uint32_t docid, const char *prefix,
                             size_t prefix_len, gz_error *error) {
    return guarded_value<gz_termiter *>(error, nullptr, [&] {
        auto it = std::make_unique<gz_termiter>();
        it->kind = gz_termiter::Kind::document_terms;
        it->prefix.assign(prefix, prefix_len);
        it->current = db->database->termlist_begin(docid);
        it->end = db->database->termlist_end(docid);
        if (!it->prefix.empty()) it->current.skip_to(it->prefix);
        return it.release();
    });
}

gz_termiter *gz_db_metadata_keys(const gz_db *db, const char *prefix, size_t prefix_len,
                                 gz_error *error) {
    return guarded_value<gz_termiter *>(error, nullptr, [&] {
        auto it = std::make_unique<gz_termiter>();
        it->kind = gz_termiter::Kind::metadata_keys;
        it->prefix.assign(prefix, prefix_len);
        it->current = db->database->metadata_keys_begin(it->prefix);
        it->end = db->database->metadata_keys_end(it->prefix);
        return it.release();
    });
}

gz_termiter *gz_db_postings(const gz_db *db, const char *term, size_t term_len, gz_error *error) {
    return guarded_value<gz_termiter *>(error, nullptr, [&] {
        auto it = std::make_unique<gz_termiter>();
        it->kind = gz_termiter::Kind::postings;
        it->term.assign(term, term_len);
        it->posting = db->database->postlist_begin(it->term);
        it->posting_end = db->database->postlist_end(it->term);
        return it.release();
    });
}

int gz_termiter_next(gz_termiter *it, const char **term, size_t *term_len, uint32_t *freq,
                     gz_error *error) {
    int result = 0;
    const int status = guarded(error, [&] {
        if (it->kind == gz_termiter::Kind::postings) {
            if (it->started) ++it->posting;
            it->started = true;
            if (it->posting == it->posting_end) return;
            *term = it->term.data();
            *term_len = it->term.size();
            *freq = it->posting.get_wdf();
            result = 1;
            return;
        }
        if (it->started) ++it->current;
        it->started = true;
        if (it->current == it->end) return;
        it->term = *it->current;
        // Document term lists are not filtered by Xapian, so stop at the end of the prefix here.
        if (it->term.compare(0, it->prefix.size(), it->prefix) != 0) {
            it->current = it->end;
            return;
        }
        *term = it->term.data();
        *term_len = it->term.size();
        switch (it->kind) {
        case gz_termiter::Kind::terms: *freq = it->current.get_termfreq(); break;
        case gz_termiter::Kind::document_terms: *freq = it->current.get_wdf(); break;
        default: *freq = 0; break;
        }
        result = 1;
    });
    return status == 0 ? result : -1;
}

uint32_t gz_termiter_docid(const gz_termiter *it) {
    if (it->kind != gz_termiter::Kind::postings || !it->started || it->posting == it->posting_end) {
        return 0;
    }
    return *it->posting;
}

int gz_termiter_positions(gz_termiter *it, const uint32_t **positions, size_t *count,
                          gz_error *error) {
    return guarded(error, [&] {
        it->positions.clear();
        if (it->kind == gz_termiter::Kind::document_terms && it->current != it->end) {
            for (auto p = it->current.positionlist_begin(); p != it->current.positionlist_end(); ++p) {
                it->positions.push_back(*p);
            }
        }
        *positions = it->positions.data();
        *count = it->positions.size();
    });
}

void gz_termiter_free(gz_termiter *it) { delete it; }

} // extern "C"
