/*
 * CShim: the C boundary between Gazette's Swift code and Xapian 1.4, ICU, libxml2 and zlib.
 *
 * This header is plain C and includes only standard headers on purpose: Foundation on Linux carries
 * its own ICU module, and a Swift module that can also see Debian ICU headers fails to compile.
 * ICU and Xapian headers are included only by the implementation files.
 *
 * Conventions
 * - Opaque handles with create/destroy pairs; every destroy function accepts NULL.
 * - Strings cross as pointer + length in UTF-8; nothing relies on NUL termination.
 * - Functions that can fail return a status (0 = success) or NULL and fill the last parameter,
 *   a gz_error, with a code and a message. Release the message with gz_error_clear().
 *   No C++ exception ever crosses this boundary.
 * - Memory the shim allocates is released by the shim (gz_free or the matching destroy function).
 * - Handles are not thread-safe; use one per thread. gz_fold() and gz_gunzip() are reentrant.
 */
#ifndef GAZETTE_CSHIM_H
#define GAZETTE_CSHIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------------------------------------- */
/* Errors                                                                                          */

typedef enum gz_error_code {
    GZ_OK = 0,
    GZ_ERR_UNKNOWN = 1,
    GZ_ERR_NO_MEMORY = 2,
    GZ_ERR_INVALID_ARGUMENT = 3,
    GZ_ERR_DATABASE = 10,
    GZ_ERR_DATABASE_LOCK = 11,
    GZ_ERR_DATABASE_NOT_FOUND = 12,
    GZ_ERR_DATABASE_CORRUPT = 13,
    GZ_ERR_DATABASE_MODIFIED = 14,
    GZ_ERR_DATABASE_OPENING = 15,
    GZ_ERR_DATABASE_VERSION = 16,
    GZ_ERR_DATABASE_CLOSED = 17,
    GZ_ERR_NETWORK = 20,
    GZ_ERR_NETWORK_TIMEOUT = 21,
    GZ_ERR_QUERY = 30,
    GZ_ERR_RANGE = 31,
    GZ_ERR_UNIMPLEMENTED = 32,
    GZ_ERR_ICU = 40,
    GZ_ERR_HTML = 41,
    GZ_ERR_GZIP = 42,
    GZ_ERR_TOO_LARGE = 43
} gz_error_code;

typedef struct gz_error {
    int code;      /* a gz_error_code */
    char *message; /* owned by the shim; NULL when code == GZ_OK */
} gz_error;

/** Frees the message and resets the error to GZ_OK. Safe on a cleared error. */
void gz_error_clear(gz_error *error);

/** Frees a buffer the shim allocated and handed over (documented per function). Accepts NULL. */
void gz_free(void *pointer);

/* ---------------------------------------------------------------------------------------------- */
/* Xapian databases                                                                                */

typedef struct gz_db gz_db;

typedef enum gz_db_open_flags {
    GZ_DB_CREATE_OR_OPEN = 1 << 0, /* writable: create when missing */
    GZ_DB_OVERWRITE = 1 << 1,      /* writable: replace any existing database */
    GZ_DB_NO_SYNC = 1 << 2,        /* writable: skip fsync on commit (bulk builds) */
    GZ_DB_RETRY_LOCK = 1 << 3      /* writable: wait for the writer lock instead of failing */
} gz_db_open_flags;

/** Opens a database for reading. Returns NULL and fills error on failure. */
gz_db *gz_db_open_read(const char *path, size_t path_len, gz_error *error);

/** Opens a read-only database over a remote `xapian-tcpsrv` (timeout in milliseconds). */
gz_db *gz_db_open_remote(const char *host, size_t host_len, unsigned port, unsigned timeout_ms,
                         gz_error *error);

/** A database with no shards yet, to which gz_db_add_shard adds them. */
gz_db *gz_db_new_combined(gz_error *error);

/** Adds another read-only database (a shard) to `db`, which then searches them as one. */
int gz_db_add_shard(gz_db *db, const gz_db *shard, gz_error *error);

/** Opens (or creates) a database for writing; flags are gz_db_open_flags. */
gz_db *gz_db_open_write(const char *path, size_t path_len, int flags, gz_error *error);

/** Closes the database (a writable one is committed first by Xapian; errors there are lost,
 *  so call gz_db_commit before). Accepts NULL. */
void gz_db_close(gz_db *db);

bool gz_db_is_writable(const gz_db *db);

/** Re-opens a reader at the latest committed revision. */
int gz_db_reopen(gz_db *db, gz_error *error);

uint32_t gz_db_doccount(const gz_db *db, gz_error *error);
uint32_t gz_db_lastdocid(const gz_db *db, gz_error *error);
int gz_db_total_length(const gz_db *db, uint64_t *out, gz_error *error);

/** Number of documents indexed by `term`. */
uint32_t gz_db_termfreq(const gz_db *db, const char *term, size_t term_len, gz_error *error);

/** The first document id indexed by `term`, or 0 when none (and no error). */
uint32_t gz_db_first_docid(const gz_db *db, const char *term, size_t term_len, gz_error *error);

/** Copies a document's data; the result is released with gz_free. Returns 0 on success. */
int gz_db_document_data(const gz_db *db, uint32_t docid, char **out, size_t *out_len,
                        gz_error *error);

/** Copies a document's value in `slot` (empty when unset); released with gz_free. */
int gz_db_document_value(const gz_db *db, uint32_t docid, unsigned slot, char **out,
                         size_t *out_len, gz_error *error);

/** Lowest and highest value in `slot` over all documents (released with gz_free; empty when none). */
int gz_db_value_bounds(const gz_db *db, unsigned slot, char **low, size_t *low_len, char **high,
                       size_t *high_len, gz_error *error);

/** Metadata: get (empty when unset; released with gz_free) and set (writable only). */
int gz_db_get_metadata(const gz_db *db, const char *key, size_t key_len, char **out,
                       size_t *out_len, gz_error *error);
int gz_db_set_metadata(gz_db *db, const char *key, size_t key_len, const char *value,
                       size_t value_len, gz_error *error);

/* ---------------------------------------------------------------------------------------------- */
/* Writing                                                                                          */

typedef struct gz_doc gz_doc;

gz_doc *gz_doc_new(void);
void gz_doc_free(gz_doc *doc);

/** Clears terms, values and data so the object can be reused for the next document. */
void gz_doc_clear(gz_doc *doc);

void gz_doc_set_data(gz_doc *doc, const char *data, size_t len);

/** Adds a term occurrence at a position (with wdf increment). Terms must be 1..245 bytes;
 *  longer ones are rejected with GZ_ERR_INVALID_ARGUMENT rather than thrown. */
int gz_doc_add_posting(gz_doc *doc, const char *term, size_t len, uint32_t position,
                       uint32_t wdf_inc, gz_error *error);

/** Adds a term without position (wdf increment; 0 for boolean filter terms). */
int gz_doc_add_term(gz_doc *doc, const char *term, size_t len, uint32_t wdf_inc, gz_error *error);

/**
 * Adds many terms in one call. `packed` is a sequence of records
 *   [uint8 flags][uint8 term_len][term bytes][uint32 position, little-endian, when flags & 1]
 * where flags bit 0 = positional, bit 1 = boolean (wdf 0). Records with term_len 0 are skipped.
 * Returns the number of records added, or -1 on error.
 */
int64_t gz_doc_add_packed(gz_doc *doc, const uint8_t *packed, size_t len, gz_error *error);

int gz_doc_set_value(gz_doc *doc, unsigned slot, const char *value, size_t len, gz_error *error);

/** Adds a new document; returns its id (0 = error). */
uint32_t gz_db_add_document(gz_db *db, const gz_doc *doc, gz_error *error);

/** Replaces the document with this id (or adds it under that id). */
int gz_db_replace_docid(gz_db *db, uint32_t docid, const gz_doc *doc, gz_error *error);

/** Deletes every document indexed by `term`. */
int gz_db_delete_by_term(gz_db *db, const char *term, size_t term_len, gz_error *error);
int gz_db_delete_docid(gz_db *db, uint32_t docid, gz_error *error);

int gz_db_commit(gz_db *db, gz_error *error);
int gz_db_begin_transaction(gz_db *db, bool flushed, gz_error *error);
int gz_db_commit_transaction(gz_db *db, gz_error *error);
int gz_db_cancel_transaction(gz_db *db, gz_error *error);

/**
 * Compacts `db` (one database or several shards) into a new database at `destination`, as
 * xapian-compact does. Where shards hold different metadata for the same key, the values of keys
 * matching a merge rule are merged as sets of items; other keys keep the first shard's value.
 * `merge_rules` holds one rule per line: a separator code ('n' newline, 's' space) followed by
 * the key prefix, e.g. "nalias:\nsgazette:languages".
 */
int gz_db_compact(const gz_db *db, const char *destination, size_t destination_len,
                  const char *merge_rules, size_t merge_rules_len, gz_error *error);

/* ---------------------------------------------------------------------------------------------- */
/* Iterating terms and metadata keys                                                                */

typedef struct gz_termiter gz_termiter;

/** All terms starting with `prefix`, in byte order. */
gz_termiter *gz_db_allterms(const gz_db *db, const char *prefix, size_t prefix_len,
                            gz_error *error);

/** Terms of one document starting with `prefix`. */
gz_termiter *gz_db_doc_terms(const gz_db *db, uint32_t docid, const char *prefix,
                             size_t prefix_len, gz_error *error);

/** Metadata keys starting with `prefix`. */
gz_termiter *gz_db_metadata_keys(const gz_db *db, const char *prefix, size_t prefix_len,
                                 gz_error *error);

/** Postings of a term: call gz_termiter_next, then gz_termiter_docid. */
gz_termiter *gz_db_postings(const gz_db *db, const char *term, size_t term_len, gz_error *error);

/**
 * Advances to the next item. Returns 1 with the item in *term and *term_len (valid until the next call)
 * and its frequency in *freq (term frequency, wdf for document terms, 0 for keys and postings),
 * 0 at the end, -1 on error.
 */
int gz_termiter_next(gz_termiter *it, const char **term, size_t *term_len, uint32_t *freq,
                     gz_error *error);

/** For a postings iterator: the current document id. */
uint32_t gz_termiter_docid(const gz_termiter *it);

/** For a document terms iterator: the positions of the current term (valid until the next call). */
int gz_termiter_positions(gz_termiter *it, const uint32_t **positions, size_t *count,
                          gz_error *error);

void gz_termiter_free(gz_termiter *it);

/* ---------------------------------------------------------------------------------------------- */
/* Queries                                                                                          */

typedef struct gz_query gz_query;

typedef enum gz_query_op {
    GZ_OP_AND = 0,
    GZ_OP_OR = 1,
    GZ_OP_AND_NOT = 2,
    GZ_OP_XOR = 3,
    GZ_OP_AND_MAYBE = 4,
    GZ_OP_FILTER = 5,
    GZ_OP_NEAR = 6,
    GZ_OP_PHRASE = 7,
    GZ_OP_SYNONYM = 13
} gz_query_op;

/** A term query; `position` 0 means none. */
gz_query *gz_query_term(const char *term, size_t len, uint32_t wqf, uint32_t position);

/** Combines subqueries (which stay owned by the caller; they may be freed afterwards).
 *  `window` is used by NEAR/PHRASE (0 = number of subqueries). Returns NULL on error. */
gz_query *gz_query_combine(int op, const gz_query *const *subqueries, size_t count,
                           uint32_t window, gz_error *error);

/** Multiplies the weight of a query (0 turns it into a pure filter). */
gz_query *gz_query_scale(const gz_query *query, double factor, gz_error *error);

/** Documents whose value in `slot` lies in [low, high] (byte-wise compare). An empty bound is open. */
gz_query *gz_query_value_range(unsigned slot, const char *low, size_t low_len, const char *high,
                               size_t high_len, gz_error *error);

gz_query *gz_query_match_all(void);
gz_query *gz_query_match_nothing(void);
bool gz_query_is_empty(const gz_query *query);

/** A human-readable description (released with gz_free). */
char *gz_query_describe(const gz_query *query, size_t *len);

void gz_query_free(gz_query *query);

/* ---------------------------------------------------------------------------------------------- */
/* Searching                                                                                        */

typedef enum gz_sort_order {
    GZ_SORT_RELEVANCE = 0,
    GZ_SORT_VALUE_DESCENDING = 1, /* then relevance */
    GZ_SORT_VALUE_ASCENDING = 2,  /* then relevance */
    GZ_SORT_RELEVANCE_THEN_VALUE_DESCENDING = 3 /* equal weights: highest value first */
} gz_sort_order;

typedef enum gz_weighting {
    GZ_WEIGHT_BM25 = 0, /* Xapian::BM25Weight(bm25_k1, 0, 1, bm25_b, 0.5) */
    GZ_WEIGHT_INEB2 = 1 /* Xapian::IneB2Weight(dfr_c): divergence from randomness */
} gz_weighting;

typedef struct gz_search_options {
    uint32_t offset;
    uint32_t limit;
    uint32_t check_at_least;   /* documents to examine at least (exact counts need doccount) */
    int sort;                  /* gz_sort_order */
    unsigned sort_slot;
    int weighting;             /* gz_weighting (0, BM25, when zero-initialised) */
    double bm25_k1;            /* <= 0 selects Xapian's default */
    double bm25_b;             /* < 0 selects Xapian's default */
    double dfr_c;              /* IneB2's length normalisation parameter; <= 0 selects 1 */
    double time_limit_seconds; /* 0 = none */
    const char *facet_prefix;  /* when non-NULL, count documents per term with this prefix over */
    size_t facet_prefix_len;   /* the whole match set (multi-valued facet) */
    /* Pseudo-relevance feedback, used with GZ_SORT_RELEVANCE* only: when expand_documents > 0, a
     * first run takes that many top hits as relevant, Xapian's ESet picks up to expand_terms
     * unprefixed terms from them, and the final run adds those terms to the query with
     * OP_AND_MAYBE, their weights scaled by expand_weight. The match set does not change. */
    uint32_t expand_documents;
    uint32_t expand_terms;
    double expand_weight;
} gz_search_options;

typedef struct gz_mset gz_mset;

gz_mset *gz_db_search(const gz_db *db, const gz_query *query, const gz_search_options *options,
                      gz_error *error);
void gz_mset_free(gz_mset *mset);

uint32_t gz_mset_size(const gz_mset *mset);
uint32_t gz_mset_matches_estimated(const gz_mset *mset);
uint32_t gz_mset_matches_lower_bound(const gz_mset *mset);
uint32_t gz_mset_matches_upper_bound(const gz_mset *mset);
uint32_t gz_mset_docid(const gz_mset *mset, uint32_t index);
double gz_mset_weight(const gz_mset *mset, uint32_t index);

/** Document data of hit `index` (released with gz_free). */
int gz_mset_document_data(const gz_mset *mset, uint32_t index, char **out, size_t *out_len,
                          gz_error *error);

/** Facet counts collected by the search (see gz_search_options.facet_prefix). */
uint32_t gz_mset_facet_count(const gz_mset *mset);
/** Term (without the prefix) and document count of facet `index`; the term stays valid with mset. */
void gz_mset_facet(const gz_mset *mset, uint32_t index, const char **term, size_t *term_len,
                   uint32_t *documents);

/* ---------------------------------------------------------------------------------------------- */
/* Stemming (Xapian's Snowball stemmers)                                                            */

typedef struct gz_stemmer gz_stemmer;

/** Returns NULL (no error) when Xapian has no stemmer for `language` (an ISO code or a name). */
gz_stemmer *gz_stemmer_new(const char *language, size_t len);
void gz_stemmer_free(gz_stemmer *stemmer);

/** Stems `word` into `out` (capacity `out_cap`); returns the stem's length, or -1 if it does not
 *  fit (then nothing is written). */
int64_t gz_stem(gz_stemmer *stemmer, const char *word, size_t len, char *out, size_t out_cap);

/** Space-separated names of the stemmers Xapian offers (released with gz_free). */
char *gz_stemmer_languages(size_t *len);

/* ---------------------------------------------------------------------------------------------- */
/* Text segmentation and folding (ICU)                                                              */

typedef enum gz_token_kind {
    GZ_TOKEN_NUMBER = 1,
    GZ_TOKEN_LETTER = 2,
    GZ_TOKEN_KANA = 3,
    GZ_TOKEN_IDEO = 4
} gz_token_kind;

typedef struct gz_token {
    int32_t start; /* UTF-8 byte offset */
    int32_t end;   /* exclusive */
    int32_t kind;  /* gz_token_kind */
} gz_token;

typedef struct gz_segmenter gz_segmenter;

/** Word and sentence break iterators for `locale` (for example "en" or "ja"; empty means root). */
gz_segmenter *gz_segmenter_new(const char *locale, size_t len, gz_error *error);
void gz_segmenter_free(gz_segmenter *segmenter);

/**
 * Segments UTF-8 text into words (letters, numbers, kana, ideographs; spaces and punctuation are
 * skipped) and sentence starts. The arrays stay valid until the next call on this segmenter.
 * Invalid UTF-8 is treated as U+FFFD by ICU and never yields a token.
 */
int gz_segment(gz_segmenter *segmenter, const char *text, size_t len, const gz_token **tokens,
               size_t *token_count, const int32_t **sentence_starts, size_t *sentence_count,
               gz_error *error);

/**
 * Folds a word for matching: NFKC, full case folding, then removal of combining marks
 * (so "Café" and "CAFE" both give "cafe"). Writes into `out` (capacity `out_cap`); returns the
 * folded length, or -1 when it does not fit or the input is not valid UTF-8.
 */
int64_t gz_fold(const char *word, size_t len, char *out, size_t out_cap, bool strip_marks);

/* ---------------------------------------------------------------------------------------------- */
/* HTML (libxml2's error-tolerant HTML parser)                                                      */

typedef struct gz_html gz_html;
typedef struct gz_html_node gz_html_node;

typedef enum gz_html_node_kind {
    GZ_HTML_OTHER = 0,
    GZ_HTML_ELEMENT = 1,
    GZ_HTML_TEXT = 2
} gz_html_node_kind;

/**
 * Parses an HTML document (encoding from its meta tags, else UTF-8). NULL and error on failure.
 * Documents with more than `max_tags` '<' characters are refused (GZ_ERR_TOO_LARGE) before
 * parsing: each element costs libxml2 about 170 bytes, so the count bounds memory.
 */
gz_html *gz_html_parse(const char *bytes, size_t len, size_t max_tags, gz_error *error);
void gz_html_free(gz_html *html);

/** The root element (NULL for an empty document). Nodes live as long as their gz_html. */
const gz_html_node *gz_html_root(const gz_html *html);
const gz_html_node *gz_html_first_child(const gz_html_node *node);
const gz_html_node *gz_html_next_sibling(const gz_html_node *node);
int gz_html_kind(const gz_html_node *node);

/** Lower-case element name (NUL-terminated, owned by the document); NULL for non-elements. */
const char *gz_html_name(const gz_html_node *node);

/** Text of a text node (NUL-terminated, owned by the document); NULL for other nodes. */
const char *gz_html_text(const gz_html_node *node);

/** Copies an attribute's value (released with gz_free); NULL when absent. */
char *gz_html_attribute(const gz_html_node *node, const char *name, size_t *len);

/* ---------------------------------------------------------------------------------------------- */
/* gzip                                                                                             */

/** Decompresses gzip data (all members) into a new buffer released with gz_free. Fails with
 *  GZ_ERR_TOO_LARGE beyond `max_output` bytes and GZ_ERR_GZIP on corrupt input. */
int gz_gunzip(const uint8_t *input, size_t len, size_t max_output, uint8_t **out, size_t *out_len,
              gz_error *error);

/** A streaming gzip decompressor for inputs too large to hold decompressed in memory. */
typedef struct gz_inflater gz_inflater;

gz_inflater *gz_inflater_new(gz_error *error);
void gz_inflater_free(gz_inflater *inflater);

/**
 * Decompresses from `input` into `output`. Reports bytes consumed and produced; sets *finished when
 * the last gzip member ended exactly at the end of the input given so far (call again with more
 * input otherwise). Returns 0, or -1 with GZ_ERR_GZIP on corrupt data.
 */
int gz_inflater_run(gz_inflater *inflater, const uint8_t *input, size_t input_len, size_t *consumed,
                    uint8_t *output, size_t output_cap, size_t *produced, bool *member_ended,
                    gz_error *error);

#ifdef __cplusplus
}
#endif

#endif /* GAZETTE_CSHIM_H */
