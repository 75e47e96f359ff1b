// Internal helpers shared by the shim's C++ files: error funnelling and handle definitions.
#ifndef GAZETTE_SHIM_INTERNAL_HPP
#define GAZETTE_SHIM_INTERNAL_HPP

#include "CShim.h"

#include <xapian.h>

#include <memory>
#include <new>
#include <string>
#include <unordered_map>
#include <vector>

namespace gazette_shim {

void set_error(gz_error *error, int code, const std::string &message);

// Maps the exception in flight to a code and message; called from catch(...) only.
void set_error_from_current_exception(gz_error *error);

// Runs `body` and turns any exception into an error status: nothing may unwind into Swift.
template <typename Body> int guarded(gz_error *error, Body &&body) {
    try {
        body();
        return 0;
    } catch (...) {
        set_error_from_current_exception(error);
        return -1;
    }
}

// Same, for functions returning a value; `failed` is returned after an exception.
template <typename Result, typename Body>
Result guarded_value(gz_error *error, Result failed, Body &&body) {
    try {
        return body();
    } catch (...) {
        set_error_from_current_exception(error);
        return failed;
    }
}

// Copies bytes into a malloc'd buffer the caller releases with gz_free.
int copy_out(const std::string &value, char **out, size_t *out_len, gz_error *error);

constexpr size_t kMaxTermBytes = 245;

// Parses "KEY\tVALUE" lines (pointer + length, not NUL-terminated) into a map; lines without a
// tab are ignored. Used for actor term mappings (facet counting and remapping).
std::unordered_map<std::string, std::string> parse_term_mapping(const char *text, size_t len);

} // namespace gazette_shim

struct gz_db {
    // `database` always points at the object searched; for writable handles it is `writable`.
    std::unique_ptr<Xapian::Database> owned_reader;
    std::unique_ptr<Xapian::WritableDatabase> writable;
    Xapian::Database *database = nullptr;
};

struct gz_doc {
    Xapian::Document document;
};

struct gz_query {
    Xapian::Query query;
};

#endif
