// Opening, closing, reading and writing Xapian databases.
#include "shim_internal.hpp"

#include <cstdlib>
#include <set>

using gazette_shim::copy_out;
using gazette_shim::guarded;
using gazette_shim::guarded_value;
using gazette_shim::kMaxTermBytes;
using gazette_shim::set_error;

namespace {

// Shards each hold the actor catalog entries of their own documents; merging shards must keep the
// union of list-valued entries rather than the first shard's list.
class MetadataMergingCompactor : public Xapian::Compactor {
  public:
    // Each line of `rules` is a separator code ('n' newline, 's' space) followed by a key prefix.
    explicit MetadataMergingCompactor(const std::string &rules) {
        size_t start = 0;
        while (start < rules.size()) {
            size_t end = rules.find('\n', start);
            if (end == std::string::npos) end = rules.size();
            if (end > start + 1) {
                rules_.emplace_back(rules.substr(start + 1, end - start - 1), rules[start] == 's' ? ' ' : '\n');
            }
            start = end + 1;
        }
    }

    std::string resolve_duplicate_metadata(const std::string &key, size_t num_tags,
                                           const std::string tags[]) override {
        for (const auto &rule : rules_) {
            if (key.compare(0, rule.first.size(), rule.first) == 0) return merge(tags, num_tags, rule.second);
        }
        return tags[0];
    }

  private:
    static std::string merge(const std::string tags[], size_t num_tags, char separator) {
        std::set<std::string> items;
        for (size_t i = 0; i < num_tags; ++i) {
            const std::string &tag = tags[i];
            size_t start = 0;
            while (start <= tag.size()) {
                size_t end = tag.find(separator, start);
                if (end == std::string::npos) end = tag.size();
                if (end > start) items.insert(tag.substr(start, end - start));
                start = end + 1;
            }
        }
        std::string merged;
        for (const auto &item : items) {
            if (!merged.empty()) merged += separator;
            merged += item;
        }
        return merged;
    }

    std::vector<std::pair<std::string, char>> rules_;
};

} // namespace

extern "C" {

gz_db *gz_db_open_read(const char *path, size_t path_len, gz_error *error) {
    return guarded_value<gz_db *>(error, nullptr, [&] {
        auto db = std::make_unique<gz_db>();
        db->owned_reader = std::make_unique<Xapian::Database>(std::string(path, path_len));
        db->database = db->owned_reader.get();
        return db.release();
    });
}

gz_db *gz_db_open_remote(const char *host, size_t host_len, unsigned port, unsigned timeout_ms,
                         gz_error *error) {
    return guarded_value<gz_db *>(error, nullptr, [&] {
        auto db = std::make_unique<gz_db>();
        db->owned_reader = std::make_unique<Xapian::Database>(
            Xapian::Remote::open(std::string(host, host_len), port, timeout_ms, timeout_ms));
        db->database = db->owned_reader.get();
        return db.release();
    });
}

gz_db *gz_db_new_combined(gz_error *error) {
    return guarded_value<gz_db *>(error, nullptr, [&] {
        auto db = std::make_unique<gz_db>();
        db->owned_reader = std::make_unique<Xapian::Database>();
        db->database = db->owned_reader.get();
        return db.release();
    });
}

int gz_db_add_shard(gz_db *db, const gz_db *shard, gz_error *error) {
    return guarded(error, [&] { db->database->add_database(*shard->database); });
}

gz_db *gz_db_open_write(const char *path, size_t path_len, int flags, gz_error *error) {
    return guarded_value<gz_db *>(error, nullptr, [&] {
        int xapian_flags = Xapian::DB_OPEN;
        if (flags & GZ_DB_CREATE_OR_OPEN) xapian_flags = Xapian::DB_CREATE_OR_OPEN;
        if (flags & GZ_DB_OVERWRITE) xapian_flags = Xapian::DB_CREATE_OR_OVERWRITE;
        if (flags & GZ_DB_NO_SYNC) xapian_flags |= Xapian::DB_NO_SYNC;
        if (flags & GZ_DB_RETRY_LOCK) xapian_flags |= Xapian::DB_RETRY_LOCK;
        auto db = std::make_unique<gz_db>();
        db->writable = std::make_unique<Xapian::WritableDatabase>(std::string(path, path_len),
                                                                  xapian_flags | Xapian::DB_BACKEND_GLASS);
        db->database = db->writable.get();
        return db.release();
    });
}

void gz_db_close(gz_db *db) {
    if (db == nullptr) return;
    try {
        if (db->writable) db->writable->close();
    } catch (...) {
        // Closing a writer whose last commit failed: the database stays at its previous commit.
    }
    delete db;
}

bool gz_db_is_writable(const gz_db *db) { return db != nullptr && db->writable != nullptr; }

int gz_db_reopen(gz_db *db, gz_error *error) {
    return guarded(error, [&] { db->database->reopen(); });
}

uint32_t gz_db_doccount(const gz_db *db, gz_error *error) {
    return guarded_value<uint32_t>(error, 0, [&] { return db->database->get_doccount(); });
}

uint32_t gz_db_lastdocid(const gz_db *db, gz_error *error) {
    return guarded_value<uint32_t>(error, 0, [&] { return db->database->get_lastdocid(); });
}

int gz_db_total_length(const gz_db *db, uint64_t *out, gz_error *error) {
    return guarded(error, [&] { *out = db->database->get_total_length(); });
}

uint32_t gz_db_termfreq(const gz_db *db, const char *term, size_t term_len, gz_error *error) {
    return guarded_value<uint32_t>(error, 0, [&] {
        return db->database->get_termfreq(std::string(term, term_len));
    });
}

uint32_t gz_db_first_docid(const gz_db *db, const char *term, size_t term_len, gz_error *error) {
    return guarded_value<uint32_t>(error, 0, [&]() -> uint32_t {
        const std::string t(term, term_len);
        Xapian::PostingIterator it = db->database->postlist_begin(t);
        if (it == db->database->postlist_end(t)) return 0;
        return *it;
    });
}

int gz_db_document_data(const gz_db *db, uint32_t docid, char **out, size_t *out_len,
                        gz_error *error) {
    std::string data;
    if (guarded(error, [&] { data = db->database->get_document(docid).get_data(); }) != 0) return -1;
    return copy_out(data, out, out_len, error);
}

int gz_db_document_value(const gz_db *db, uint32_t docid, unsigned slot, char **out,
                         size_t *out_len, gz_error *error) {
    std::string value;
    if (guarded(error, [&] { value = db->database->get_document(docid).get_value(slot); }) != 0) {
        return -1;
    }
    return copy_out(value, out, out_len, error);
}

int gz_db_value_bounds(const gz_db *db, unsigned slot, char **low, size_t *low_len, char **high,
                       size_t *high_len, gz_error *error) {
    std::string lo, hi;
    if (guarded(error, [&] {
            lo = db->database->get_value_lower_bound(slot);
            hi = db->database->get_value_upper_bound(slot);
        }) != 0) {
        return -1;
    }
    if (copy_out(lo, low, low_len, error) != 0) return -1;
    if (copy_out(hi, high, high_len, error) != 0) {
        std::free(*low);
        return -1;
    }
    return 0;
}

int gz_db_get_metadata(const gz_db *db, const char *key, size_t key_len, char **out,
                       size_t *out_len, gz_error *error) {
    std::string value;
    if (guarded(error, [&] { value = db->database->get_metadata(std::string(key, key_len)); }) != 0) {
        return -1;
    }
    return copy_out(value, out, out_len, error);
}

int gz_db_set_metadata(gz_db *db, const char *key, size_t key_len, const char *value,
                       size_t value_len, gz_error *error) {
    if (!db->writable) {
        set_error(error, GZ_ERR_INVALID_ARGUMENT, "database is not open for writing");
        return -1;
    }
    return guarded(error, [&] {
        db->writable->set_metadata(std::string(key, key_len), std::string(value, value_len));
    });
}

uint32_t gz_db_add_document(gz_db *db, const gz_doc *doc, gz_error *error) {
    if (!db->writable) {
        set_error(error, GZ_ERR_INVALID_ARGUMENT, "database is not open for writing");
        return 0;
    }
    return guarded_value<uint32_t>(error, 0, [&] { return db->writable->add_document(doc->document); });
}

int gz_db_replace_docid(gz_db *db, uint32_t docid, const gz_doc *doc, gz_error *error) {
    if (!db->writable) {
        set_error(error, GZ_ERR_INVALID_ARGUMENT, "database is not open for writing");
        return -1;
    }
    return guarded(error, [&] { db->writable->replace_document(docid, doc->document); });
}

int gz_db_delete_by_term(gz_db *db, const char *term, size_t term_len, gz_error *error) {
    if (!db->writable) {
        set_error(error, GZ_ERR_INVALID_ARGUMENT, "database is not open for writing");
        return -1;
    }
    return guarded(error, [&] { db->writable->delete_document(std::string(term, term_len)); });
}

int gz_db_delete_docid(gz_db *db, uint32_t docid, gz_error *error) {
    if (!db->writable) {
        set_error(error, GZ_ERR_INVALID_ARGUMENT, "database is not open for writing");
        return -1;
    }
    return guarded(error, [&] { db->writable->delete_document(docid); });
}

static int with_writer(gz_db *db, gz_error *error, void (*action)(Xapian::WritableDatabase &)) {
    if (!db->writable) {
        set_error(error, GZ_ERR_INVALID_ARGUMENT, "database is not open for writing");
        return -1;
    }
    return guarded(error, [&] { action(*db->writable); });
}

int gz_db_commit(gz_db *db, gz_error *error) {
    return with_writer(db, error, [](Xapian::WritableDatabase &w) { w.commit(); });
}

int gz_db_begin_transaction(gz_db *db, bool flushed, gz_error *error) {
    if (!db->writable) {
        set_error(error, GZ_ERR_INVALID_ARGUMENT, "database is not open for writing");
        return -1;
    }
    return guarded(error, [&] { db->writable->begin_transaction(flushed); });
}

int gz_db_commit_transaction(gz_db *db, gz_error *error) {
    return with_writer(db, error, [](Xapian::WritableDatabase &w) { w.commit_transaction(); });
}

int gz_db_cancel_transaction(gz_db *db, gz_error *error) {
    return with_writer(db, error, [](Xapian::WritableDatabase &w) { w.cancel_transaction(); });
}

int gz_db_compact(const gz_db *db, const char *destination, size_t destination_len,
                  const char *union_prefixes, size_t union_prefixes_len, gz_error *error) {
    return guarded(error, [&] {
        MetadataMergingCompactor compactor(std::string(union_prefixes, union_prefixes_len));
        db->database->compact(std::string(destination, destination_len), Xapian::DBCOMPACT_MULTIPASS, 0,
                              compactor);
    });
}

} // extern "C"
