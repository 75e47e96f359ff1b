// Building Xapian query trees from Gazette's own parser (Xapian's QueryParser is not used: it
// tokenizes differently from ICU, so its terms would not line up with the indexed ones).
#include "shim_internal.hpp"

using gazette_shim::copy_out;
using gazette_shim::guarded_value;
using gazette_shim::set_error;

static gz_query *wrap(Xapian::Query query) {
    try {
        return new gz_query{std::move(query)};
    } catch (...) {
        return nullptr;
    }
}

// A fresh match-all query. Xapian::Query::MatchAll is one shared object whose reference count is
// not atomic: copying it from several threads at once (parallel searches) corrupts the count.
static Xapian::Query match_all() { return Xapian::Query(std::string()); }

static bool known_op(int op) {
    switch (op) {
    case GZ_OP_AND: case GZ_OP_OR: case GZ_OP_AND_NOT: case GZ_OP_XOR: case GZ_OP_AND_MAYBE:
    case GZ_OP_FILTER: case GZ_OP_NEAR: case GZ_OP_PHRASE: case GZ_OP_SYNONYM:
        return true;
    default:
        return false;
    }
}

extern "C" {

gz_query *gz_query_term(const char *term, size_t len, uint32_t wqf, uint32_t position) {
    return guarded_value<gz_query *>(nullptr, nullptr, [&] {
        return wrap(Xapian::Query(std::string(term, len), wqf, position));
    });
}

gz_query *gz_query_combine(int op, const gz_query *const *subqueries, size_t count,
                           uint32_t window, gz_error *error) {
    if (!known_op(op)) {
        set_error(error, GZ_ERR_INVALID_ARGUMENT, "unknown query operator");
        return nullptr;
    }
    return guarded_value<gz_query *>(error, nullptr, [&] {
        std::vector<Xapian::Query> parts;
        parts.reserve(count);
        for (size_t i = 0; i < count; ++i) parts.push_back(subqueries[i]->query);
        return wrap(Xapian::Query(static_cast<Xapian::Query::op>(op), parts.begin(), parts.end(),
                                  window));
    });
}

gz_query *gz_query_scale(const gz_query *query, double factor, gz_error *error) {
    return guarded_value<gz_query *>(error, nullptr, [&] {
        return wrap(Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, query->query, factor));
    });
}

gz_query *gz_query_value_range(unsigned slot, const char *low, size_t low_len, const char *high,
                               size_t high_len, gz_error *error) {
    return guarded_value<gz_query *>(error, nullptr, [&] {
        const std::string lo(low, low_len), hi(high, high_len);
        if (lo.empty() && hi.empty()) return wrap(match_all());
        if (lo.empty()) return wrap(Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, hi));
        if (hi.empty()) return wrap(Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, lo));
        return wrap(Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, lo, hi));
    });
}

gz_query *gz_query_match_all(void) { return wrap(match_all()); }
gz_query *gz_query_match_nothing(void) { return wrap(Xapian::Query()); }

bool gz_query_is_empty(const gz_query *query) { return query->query.empty(); }

char *gz_query_describe(const gz_query *query, size_t *len) {
    char *out = nullptr;
    try {
        if (copy_out(query->query.get_description(), &out, len, nullptr) != 0) return nullptr;
    } catch (...) {
        return nullptr;
    }
    return out;
}

void gz_query_free(gz_query *query) { delete query; }

} // extern "C"
