// A parsed HTML document (gumbo), made safe for hostile input:
//  * gumbo's time per tag grows with the depth of open elements and with a tag's attribute
//    count (measured: 20,000 nested <div>s take 0.6 s, 20,000 attributes 0.7 s, both
//    quadratic), so a linear pre-pass with html_tokenizer estimates the nesting, counting
//    the formatting elements the parser may reopen, and refuses documents past the limits;
//  * gumbo frees its tree recursively (one C frame per level), so the document never calls
//    gumbo_destroy_output: gumbo allocates through a tracking allocator and everything is
//    freed from its list; documents with <frameset> are refused, because that tag makes gumbo
//    free the body it has built, recursively, in the middle of parsing;
//  * the allocator caps gumbo's memory and abandons the parse (longjmp out of gumbo's C code)
//    when the cap is reached.
#pragma once

#include <gumbo.h>

#include <csetjmp>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "base/result.h"

namespace gigscout::html {

struct DocumentLimits {
    // gumbo reads about 3-5 MB/s and its tree takes 15-80 bytes per input byte; job pages are
    // well under 1 MB.
    std::size_t max_bytes = std::size_t{8} << 20;
    // Open elements (estimated from the tags, see check_structure).
    std::size_t max_depth = 512;
    // The sum over start tags of the open elements at that point: gumbo's scope checks walk
    // the open elements, ~15 ns per step (32M is about half a second).
    std::uint64_t max_nesting_work = std::uint64_t{32} << 20;
    std::size_t max_attributes_per_tag = 1024;
    // The sum over tags of (attributes per tag)^2: gumbo's duplicate check per tag.
    std::uint64_t max_attribute_work = std::uint64_t{64} << 20;
    // Formatting elements (<b>, <font>, ...) left open across block ends are rebuilt by the
    // parser at the next text, each copy with its attributes: 100,000 "<p><font color=red>x</p>"
    // take 130 MB and 1.7 s.
    std::uint64_t max_reopened_formatting = 100000;
    std::size_t max_memory = std::size_t{256} << 20;
};

// The pre-pass alone: fails with a message naming what is too deep or too big.
Status check_structure(std::string_view html, const DocumentLimits& limits);

class Document {
  public:
    static Result<std::unique_ptr<Document>> parse(std::string_view html,
                                                   const DocumentLimits& limits = {});
    ~Document();
    Document(const Document&) = delete;
    Document& operator=(const Document&) = delete;

    const GumboNode* root() const { return output_->document; }
    // The text the document was parsed from (gumbo's source positions index it).
    std::string_view source() const { return source_; }
    std::size_t memory_used() const { return allocated_; }

  private:
    Document() = default;
    GumboOutput* run(const GumboOptions* options);
    static void* allocate(void* userdata, std::size_t size);
    static void deallocate(void* userdata, void* pointer);

    struct Block;
    Block* blocks_ = nullptr;
    std::size_t allocated_ = 0;
    std::size_t max_memory_ = 0;
    bool budget_refused_ = false;  // the plugin's memory budget, not max_memory, ended the parse
    std::jmp_buf over_limit_;
    std::string source_;
    GumboOutput* output_ = nullptr;
};

// The lower-case tag name of an element node (unknown tags read from the source).
std::string tag_name(const GumboNode* element);
bool is_element(const GumboNode* node);
// An element's attribute value, or nullptr.
const char* attribute(const GumboNode* element, const char* name);

}  // namespace gigscout::html
