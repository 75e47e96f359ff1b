// libxml2's error-tolerant HTML parser behind a small read-only DOM interface.
#include "CShim.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct gz_html {
    htmlDocPtr document;
};

static void set_error(gz_error *error, int code, const char *message) {
    if (error == NULL) return;
    free(error->message);
    error->code = code;
    error->message = strdup(message);
}

gz_html *gz_html_parse(const char *bytes, size_t len, size_t max_tags, gz_error *error) {
    if (len > (size_t)INT32_MAX) {
        set_error(error, GZ_ERR_TOO_LARGE, "HTML document larger than 2 GiB");
        return NULL;
    }
    size_t tags = 0;
    for (const char *at = bytes, *end = bytes + len; at < end; at++) {
        at = memchr(at, '<', (size_t)(end - at));
        if (at == NULL) break;
        if (++tags > max_tags) {
            char message[96];
            snprintf(message, sizeof message, "HTML with more than %zu tags is not read", max_tags);
            set_error(error, GZ_ERR_TOO_LARGE, message);
            return NULL;
        }
    }
    // NONET: never fetch anything; NOERROR/NOWARNING: malformed pages are the norm, not news.
    // HUGE lifts libxml2's nesting limit of 256, past which it silently stops parsing and drops
    // the rest of the page (tag soup of unclosed <font> or <div> goes that deep). Memory stays
    // bounded by the tag count checked above and the caller's size limit; the tree is walked
    // without recursion on the Swift side.
    const int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                        HTML_PARSE_NONET | HTML_PARSE_COMPACT | XML_PARSE_HUGE;
    htmlDocPtr document = htmlReadMemory(bytes, (int)len, NULL, NULL, options);
    if (document == NULL) {
        set_error(error, GZ_ERR_HTML, "libxml2 could not parse the HTML document");
        return NULL;
    }
    gz_html *html = malloc(sizeof *html);
    if (html == NULL) {
        xmlFreeDoc(document);
        set_error(error, GZ_ERR_NO_MEMORY, "out of memory");
        return NULL;
    }
    html->document = document;
    return html;
}

void gz_html_free(gz_html *html) {
    if (html == NULL) return;
    xmlFreeDoc(html->document);
    free(html);
}

const gz_html_node *gz_html_root(const gz_html *html) {
    return (const gz_html_node *)xmlDocGetRootElement(html->document);
}

const gz_html_node *gz_html_first_child(const gz_html_node *node) {
    return (const gz_html_node *)((const xmlNode *)node)->children;
}

const gz_html_node *gz_html_next_sibling(const gz_html_node *node) {
    return (const gz_html_node *)((const xmlNode *)node)->next;
}

int gz_html_kind(const gz_html_node *node) {
    switch (((const xmlNode *)node)->type) {
    case XML_ELEMENT_NODE: return GZ_HTML_ELEMENT;
    case XML_TEXT_NODE:
    case XML_CDATA_SECTION_NODE: return GZ_HTML_TEXT;
    default: return GZ_HTML_OTHER;
    }
}

const char *gz_html_name(const gz_html_node *node) {
    const xmlNode *n = (const xmlNode *)node;
    return n->type == XML_ELEMENT_NODE ? (const char *)n->name : NULL;
}

const char *gz_html_text(const gz_html_node *node) {
    const xmlNode *n = (const xmlNode *)node;
    if (n->type != XML_TEXT_NODE && n->type != XML_CDATA_SECTION_NODE) return NULL;
    return (const char *)n->content;
}

char *gz_html_attribute(const gz_html_node *node, const char *name, size_t *len) {
    const xmlNode *n = (const xmlNode *)node;
    if (n->type != XML_ELEMENT_NODE) return NULL;
    xmlChar *value = xmlGetProp(n, (const xmlChar *)name);
    if (value == NULL) return NULL;
    const size_t size = strlen((const char *)value);
    char *copy = malloc(size + 1);
    if (copy != NULL) {
        memcpy(copy, value, size + 1);
        *len = size;
    }
    xmlFree(value);
    return copy;
}
