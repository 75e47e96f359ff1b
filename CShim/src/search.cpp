// Running queries: ranking options, result sets and exact multi-valued facets.
#include "shim_internal.hpp"

#include <algorithm>
#include <map>

using gazette_shim::copy_out;
using gazette_shim::guarded;
using gazette_shim::guarded_value;

namespace {

// Xapian's ValueCountMatchSpy counts one value per document; actors are many terms per document,
// so this spy walks each matching document's terms under a prefix and counts each term once.
class TermPrefixSpy : public Xapian::MatchSpy {
  public:
    explicit TermPrefixSpy(std::string prefix) : prefix_(std::move(prefix)) {}

    void operator()(const Xapian::Document &doc, double) override {
        Xapian::TermIterator it = doc.termlist_begin();
        const Xapian::TermIterator end = doc.termlist_end();
        it.skip_to(prefix_);
        for (; it != end; ++it) {
            const std::string &term = *it;
            if (term.compare(0, prefix_.size(), prefix_) != 0) break;
            ++counts_[term.substr(prefix_.size())];
        }
    }

    std::string name() const override { return "Gazette::TermPrefixSpy"; }

    const std::map<std::string, uint32_t> &counts() const { return counts_; }

  private:
    std::string prefix_;
    std::map<std::string, uint32_t> counts_;
};

// Expansion terms for pseudo-relevance feedback come only from the words of the text: prefixed
// terms (titles, actors, ids, dates) start with an ASCII capital, unprefixed ones never do.
class UnprefixedTerms : public Xapian::ExpandDecider {
  public:
    bool operator()(const std::string &term) const override {
        return !term.empty() && !(term[0] >= 'A' && term[0] <= 'Z');
    }
};

std::unique_ptr<Xapian::Weight> weighting_scheme(const gz_search_options *options) {
    if (options->weighting == GZ_WEIGHT_INEB2) {
        return std::make_unique<Xapian::IneB2Weight>(options->dfr_c > 0 ? options->dfr_c : 1.0);
    }
    const double k1 = options->bm25_k1 > 0 ? options->bm25_k1 : 1.0;
    const double b = options->bm25_b >= 0 ? options->bm25_b : 0.5;
    return std::make_unique<Xapian::BM25Weight>(k1, 0, 1, b, 0.5);
}

// Pseudo-relevance feedback: the top hits of `query` stand in for relevant documents; the terms
// that best tell them from the rest of the index re-rank the same matches.
Xapian::Query expanded(Xapian::Enquire &enquire, const Xapian::Query &query,
                       const gz_search_options *options) {
    const Xapian::MSet top = enquire.get_mset(0, options->expand_documents);
    if (top.empty()) return query;
    Xapian::RSet relevant;
    for (Xapian::MSetIterator it = top.begin(); it != top.end(); ++it) relevant.add_document(*it);
    const UnprefixedTerms decider;
    const Xapian::ESet eset = enquire.get_eset(options->expand_terms, relevant, &decider);
    if (eset.empty()) return query;
    std::vector<Xapian::Query> terms;
    for (Xapian::ESetIterator it = eset.begin(); it != eset.end(); ++it) terms.emplace_back(*it);
    const Xapian::Query extra(Xapian::Query::OP_SCALE_WEIGHT,
                              Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()),
                              options->expand_weight > 0 ? options->expand_weight : 1.0);
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, extra);
}

} // namespace

struct gz_mset {
    Xapian::MSet mset;
    std::vector<std::pair<std::string, uint32_t>> facets;
};

extern "C" {

gz_mset *gz_db_search(const gz_db *db, const gz_query *query, const gz_search_options *options,
                      gz_error *error) {
    return guarded_value<gz_mset *>(error, nullptr, [&] {
        Xapian::Enquire enquire(*db->database);
        enquire.set_query(query->query);
        const std::unique_ptr<Xapian::Weight> weight = weighting_scheme(options);
        enquire.set_weighting_scheme(*weight);
        bool by_relevance = true;
        switch (options->sort) {
        case GZ_SORT_VALUE_DESCENDING:
            enquire.set_sort_by_value_then_relevance(options->sort_slot, true);
            by_relevance = false;
            break;
        case GZ_SORT_VALUE_ASCENDING:
            enquire.set_sort_by_value_then_relevance(options->sort_slot, false);
            by_relevance = false;
            break;
        case GZ_SORT_RELEVANCE_THEN_VALUE_DESCENDING:
            enquire.set_sort_by_relevance_then_value(options->sort_slot, true);
            break;
        default:
            break;
        }
        if (options->time_limit_seconds > 0) enquire.set_time_limit(options->time_limit_seconds);
        if (by_relevance && options->expand_documents > 0 && options->expand_terms > 0) {
            enquire.set_query(expanded(enquire, query->query, options));
        }
        std::unique_ptr<TermPrefixSpy> spy;
        if (options->facet_prefix != nullptr) {
            spy = std::make_unique<TermPrefixSpy>(
                std::string(options->facet_prefix, options->facet_prefix_len));
            enquire.add_matchspy(spy.get());
        }
        auto result = std::make_unique<gz_mset>();
        result->mset = enquire.get_mset(options->offset, options->limit, options->check_at_least);
        if (spy) {
            result->facets.assign(spy->counts().begin(), spy->counts().end());
            std::sort(result->facets.begin(), result->facets.end(), [](const auto &a, const auto &b) {
                return a.second != b.second ? a.second > b.second : a.first < b.first;
            });
        }
        return result.release();
    });
}

void gz_mset_free(gz_mset *mset) { delete mset; }

uint32_t gz_mset_size(const gz_mset *mset) { return mset->mset.size(); }
uint32_t gz_mset_matches_estimated(const gz_mset *mset) {
    return mset->mset.get_matches_estimated();
}
uint32_t gz_mset_matches_lower_bound(const gz_mset *mset) {
    return mset->mset.get_matches_lower_bound();
}
uint32_t gz_mset_matches_upper_bound(const gz_mset *mset) {
    return mset->mset.get_matches_upper_bound();
}

uint32_t gz_mset_docid(const gz_mset *mset, uint32_t index) {
    if (index >= mset->mset.size()) return 0;
    return *(mset->mset[index]);
}

double gz_mset_weight(const gz_mset *mset, uint32_t index) {
    if (index >= mset->mset.size()) return 0;
    return mset->mset[index].get_weight();
}

int gz_mset_document_data(const gz_mset *mset, uint32_t index, char **out, size_t *out_len,
                          gz_error *error) {
    std::string data;
    if (guarded(error, [&] { data = mset->mset[index].get_document().get_data(); }) != 0) return -1;
    return copy_out(data, out, out_len, error);
}

uint32_t gz_mset_facet_count(const gz_mset *mset) { return uint32_t(mset->facets.size()); }

void gz_mset_facet(const gz_mset *mset, uint32_t index, const char **term, size_t *term_len,
                   uint32_t *documents) {
    const auto &facet = mset->facets[index];
    *term = facet.first.data();
    *term_len = facet.first.size();
    *documents = facet.second;
}

} // extern "C"
