// Building Xapian documents: terms, postings, values and data.
#include "shim_internal.hpp"

#include <cstring>

using gazette_shim::guarded;
using gazette_shim::kMaxTermBytes;
using gazette_shim::set_error;

static bool valid_term(size_t len, gz_error *error) {
    if (len == 0 || len > kMaxTermBytes) {
        set_error(error, GZ_ERR_INVALID_ARGUMENT, "term length must be 1 to 245 bytes");
        return false;
    }
    return true;
}

extern "C" {

gz_doc *gz_doc_new(void) {
    try {
        return new gz_doc();
    } catch (...) {
        return nullptr;
    }
}

void gz_doc_free(gz_doc *doc) { delete doc; }

void gz_doc_clear(gz_doc *doc) {
    doc->document = Xapian::Document();
}

void gz_doc_set_data(gz_doc *doc, const char *data, size_t len) {
    try {
        doc->document.set_data(std::string(data, len));
    } catch (...) {
        // set_data only fails on allocation; the caller sees an empty document data.
    }
}

int gz_doc_add_posting(gz_doc *doc, const char *term, size_t len, uint32_t position,
                       uint32_t wdf_inc, gz_error *error) {
    if (!valid_term(len, error)) return -1;
    return guarded(error, [&] { doc->document.add_posting(std::string(term, len), position, wdf_inc); });
}

int gz_doc_add_term(gz_doc *doc, const char *term, size_t len, uint32_t wdf_inc, gz_error *error) {
    if (!valid_term(len, error)) return -1;
    return guarded(error, [&] { doc->document.add_term(std::string(term, len), wdf_inc); });
}

int64_t gz_doc_add_packed(gz_doc *doc, const uint8_t *packed, size_t len, gz_error *error) {
    int64_t added = 0;
    const int status = guarded(error, [&] {
        std::string term;
        size_t offset = 0;
        while (offset + 2 <= len) {
            const uint8_t flags = packed[offset];
            const size_t term_len = packed[offset + 1];
            offset += 2;
            const size_t needed = term_len + ((flags & 1) ? 4 : 0);
            if (offset + needed > len) {
                throw Xapian::InvalidArgumentError("truncated packed term record");
            }
            term.assign(reinterpret_cast<const char *>(packed + offset), term_len);
            offset += term_len;
            if (flags & 1) {
                const uint32_t position = uint32_t(packed[offset]) | uint32_t(packed[offset + 1]) << 8 |
                                          uint32_t(packed[offset + 2]) << 16 |
                                          uint32_t(packed[offset + 3]) << 24;
                offset += 4;
                if (term_len == 0 || term_len > kMaxTermBytes) continue;
                doc->document.add_posting(term, position, 1);
            } else {
                if (term_len == 0 || term_len > kMaxTermBytes) continue;
                doc->document.add_term(term, (flags & 2) ? 0 : 1);
            }
            ++added;
        }
    });
    return status == 0 ? added : -1;
}

int gz_doc_set_value(gz_doc *doc, unsigned slot, const char *value, size_t len, gz_error *error) {
    return guarded(error, [&] { doc->document.add_value(slot, std::string(value, len)); });
}

} // extern "C"
