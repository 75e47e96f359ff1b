// Bounded gzip decompression with zlib (all members, as `gzip -d` does).
#include "CShim.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static int fail(gz_error *error, int code, const char *message) {
    if (error != NULL) {
        free(error->message);
        error->code = code;
        error->message = strdup(message);
    }
    return -1;
}

int gz_gunzip(const uint8_t *input, size_t len, size_t max_output, uint8_t **out, size_t *out_len,
              gz_error *error) {
    z_stream stream;
    memset(&stream, 0, sizeof stream);
    if (inflateInit2(&stream, 15 + 16) != Z_OK) return fail(error, GZ_ERR_GZIP, "zlib init failed");

    size_t capacity = len * 4 + 4096;
    if (capacity > max_output) capacity = max_output + 1;
    uint8_t *buffer = malloc(capacity);
    if (buffer == NULL) {
        inflateEnd(&stream);
        return fail(error, GZ_ERR_NO_MEMORY, "out of memory");
    }
    size_t produced = 0;
    size_t consumed = 0;
    int status;
    for (;;) {
        if (produced == capacity) {
            if (capacity > max_output) {
                free(buffer);
                inflateEnd(&stream);
                return fail(error, GZ_ERR_TOO_LARGE, "decompressed size exceeds the limit");
            }
            size_t grown = capacity * 2;
            if (grown > max_output + 1) grown = max_output + 1;
            uint8_t *bigger = realloc(buffer, grown);
            if (bigger == NULL) {
                free(buffer);
                inflateEnd(&stream);
                return fail(error, GZ_ERR_NO_MEMORY, "out of memory");
            }
            buffer = bigger;
            capacity = grown;
        }
        const size_t in_chunk = len - consumed > 1u << 30 ? 1u << 30 : len - consumed;
        const size_t out_chunk = capacity - produced > 1u << 30 ? 1u << 30 : capacity - produced;
        stream.next_in = (Bytef *)(input + consumed);
        stream.avail_in = (uInt)in_chunk;
        stream.next_out = buffer + produced;
        stream.avail_out = (uInt)out_chunk;
        status = inflate(&stream, Z_NO_FLUSH);
        consumed += in_chunk - stream.avail_in;
        produced += out_chunk - stream.avail_out;
        if (status == Z_STREAM_END) {
            if (consumed >= len) break;
            inflateReset(&stream); // another gzip member follows
            continue;
        }
        if (status == Z_OK || (status == Z_BUF_ERROR && stream.avail_out == 0)) continue;
        free(buffer);
        inflateEnd(&stream);
        if (status == Z_BUF_ERROR) return fail(error, GZ_ERR_GZIP, "gzip data is truncated");
        return fail(error, GZ_ERR_GZIP, stream.msg != NULL ? stream.msg : "corrupt gzip data");
    }
    inflateEnd(&stream);
    if (produced > max_output) {
        free(buffer);
        return fail(error, GZ_ERR_TOO_LARGE, "decompressed size exceeds the limit");
    }
    *out = buffer;
    *out_len = produced;
    return 0;
}

struct gz_inflater {
    z_stream stream;
};

gz_inflater *gz_inflater_new(gz_error *error) {
    gz_inflater *inflater = calloc(1, sizeof *inflater);
    if (inflater == NULL) {
        fail(error, GZ_ERR_NO_MEMORY, "out of memory");
        return NULL;
    }
    if (inflateInit2(&inflater->stream, 15 + 16) != Z_OK) {
        free(inflater);
        fail(error, GZ_ERR_GZIP, "zlib init failed");
        return NULL;
    }
    return inflater;
}

void gz_inflater_free(gz_inflater *inflater) {
    if (inflater == NULL) return;
    inflateEnd(&inflater->stream);
    free(inflater);
}

int gz_inflater_run(gz_inflater *inflater, const uint8_t *input, size_t input_len, size_t *consumed,
                    uint8_t *output, size_t output_cap, size_t *produced, bool *member_ended,
                    gz_error *error) {
    z_stream *stream = &inflater->stream;
    const uInt in_chunk = input_len > (1u << 30) ? (1u << 30) : (uInt)input_len;
    const uInt out_chunk = output_cap > (1u << 30) ? (1u << 30) : (uInt)output_cap;
    stream->next_in = (Bytef *)input;
    stream->avail_in = in_chunk;
    stream->next_out = output;
    stream->avail_out = out_chunk;
    *member_ended = false;
    const int status = inflate(stream, Z_NO_FLUSH);
    *consumed = in_chunk - stream->avail_in;
    *produced = out_chunk - stream->avail_out;
    if (status == Z_STREAM_END) {
        *member_ended = true;
        inflateReset(stream); // a following gzip member, if any, starts fresh
        return 0;
    }
    if (status == Z_OK || status == Z_BUF_ERROR) return 0;
    return fail(error, GZ_ERR_GZIP, stream->msg != NULL ? stream->msg : "corrupt gzip data");
}
