// One place maps every exception type to a gz_error code, as Xapian's own bindings do.
#include "shim_internal.hpp"

#include <cstdlib>
#include <cstring>
#include <exception>

namespace gazette_shim {

void set_error(gz_error *error, int code, const std::string &message) {
    if (error == nullptr) return;
    std::free(error->message);
    error->code = code;
    error->message = static_cast<char *>(std::malloc(message.size() + 1));
    if (error->message != nullptr) {
        std::memcpy(error->message, message.data(), message.size());
        error->message[message.size()] = '\0';
    }
}

static int code_for(const Xapian::Error &e) {
    const std::string type = e.get_type();
    if (type == "DatabaseLockError") return GZ_ERR_DATABASE_LOCK;
    if (type == "DatabaseNotFoundError") return GZ_ERR_DATABASE_NOT_FOUND;
    if (type == "DatabaseCorruptError") return GZ_ERR_DATABASE_CORRUPT;
    if (type == "DatabaseModifiedError") return GZ_ERR_DATABASE_MODIFIED;
    if (type == "DatabaseOpeningError") return GZ_ERR_DATABASE_OPENING;
    if (type == "DatabaseVersionError") return GZ_ERR_DATABASE_VERSION;
    if (type == "DatabaseClosedError") return GZ_ERR_DATABASE_CLOSED;
    if (type == "NetworkTimeoutError") return GZ_ERR_NETWORK_TIMEOUT;
    if (type == "NetworkError") return GZ_ERR_NETWORK;
    if (type == "QueryParserError" || type == "WildcardError") return GZ_ERR_QUERY;
    if (type == "RangeError") return GZ_ERR_RANGE;
    if (type == "UnimplementedError") return GZ_ERR_UNIMPLEMENTED;
    if (type == "InvalidArgumentError" || type == "InvalidOperationError") {
        return GZ_ERR_INVALID_ARGUMENT;
    }
    return GZ_ERR_DATABASE;
}

void set_error_from_current_exception(gz_error *error) {
    try {
        throw;
    } catch (const Xapian::Error &e) {
        std::string message = std::string(e.get_type()) + ": " + e.get_msg();
        if (!e.get_context().empty()) message += " (" + e.get_context() + ")";
        const char *errno_text = e.get_error_string();
        if (errno_text != nullptr && *errno_text != '\0') message += ": " + std::string(errno_text);
        set_error(error, code_for(e), message);
    } catch (const std::bad_alloc &) {
        set_error(error, GZ_ERR_NO_MEMORY, "out of memory");
    } catch (const std::exception &e) {
        set_error(error, GZ_ERR_UNKNOWN, e.what());
    } catch (...) {
        set_error(error, GZ_ERR_UNKNOWN, "unknown C++ exception");
    }
}

int copy_out(const std::string &value, char **out, size_t *out_len, gz_error *error) {
    char *buffer = static_cast<char *>(std::malloc(value.size() + 1));
    if (buffer == nullptr) {
        set_error(error, GZ_ERR_NO_MEMORY, "out of memory");
        return -1;
    }
    std::memcpy(buffer, value.data(), value.size());
    buffer[value.size()] = '\0';
    *out = buffer;
    *out_len = value.size();
    return 0;
}

std::unordered_map<std::string, std::string> parse_term_mapping(const char *text, size_t len) {
    std::unordered_map<std::string, std::string> mapping;
    if (text == nullptr) return mapping;
    const std::string all(text, len);
    size_t start = 0;
    while (start < all.size()) {
        size_t end = all.find('\n', start);
        if (end == std::string::npos) end = all.size();
        const size_t tab = all.find('\t', start);
        if (tab != std::string::npos && tab < end) {
            mapping[all.substr(start, tab - start)] = all.substr(tab + 1, end - tab - 1);
        }
        start = end + 1;
    }
    return mapping;
}

} // namespace gazette_shim

extern "C" void gz_error_clear(gz_error *error) {
    if (error == nullptr) return;
    std::free(error->message);
    error->message = nullptr;
    error->code = GZ_OK;
}

extern "C" void gz_free(void *pointer) { std::free(pointer); }
