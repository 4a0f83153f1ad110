#include "plugin_host/modules/memory_budget.h"

#include <malloc.h>

#include <cstdlib>

namespace gigscout::memory_budget {
namespace {

// Counted bytes live in the process, the count when the budget was armed, and the limit.
// Signed: blocks allocated before arm() and freed during the call take `counted` below
// `base`, which only gives the call that much more room.
std::int64_t g_counted = 0;
std::int64_t g_base = 0;
std::int64_t g_limit = 0;
std::int64_t g_peak = 0;
bool g_armed = false;
std::size_t g_refusals = 0;
std::size_t g_native_refusals = 0;
int g_refuse_depth = 0;

bool fits(std::size_t more, bool native = true) {
    if (!g_armed) {
        return true;
    }
    if (g_counted - g_base + static_cast<std::int64_t>(more) <= g_limit) {
        return true;
    }
    ++g_refusals;
    if (native) {
        ++g_native_refusals;
    }
    return false;
}

void add(std::int64_t delta) {
    g_counted += delta;
    if (g_armed && g_counted - g_base > g_peak) {
        g_peak = g_counted - g_base;
    }
}

}  // namespace

void arm(std::size_t limit) {
    g_base = g_counted;
    g_limit = static_cast<std::int64_t>(limit);
    g_peak = 0;
    g_armed = true;
}

void disarm() {
    g_armed = false;
}

bool armed() {
    return g_armed;
}

std::size_t used() {
    return g_armed && g_counted > g_base ? static_cast<std::size_t>(g_counted - g_base) : 0;
}

std::size_t peak() {
    return static_cast<std::size_t>(g_peak);
}

std::size_t refusals() {
    return g_refusals;
}

std::size_t native_refusals() {
    return g_native_refusals;
}

bool try_charge(std::size_t bytes, bool native) {
    if (!fits(bytes, native)) {
        return false;
    }
    add(static_cast<std::int64_t>(bytes));
    return true;
}

void charge(std::size_t bytes) {
    add(static_cast<std::int64_t>(bytes));
}

void credit(std::size_t bytes) {
    add(-static_cast<std::int64_t>(bytes));
}

void* allocate(std::size_t bytes, bool may_refuse) {
    if (may_refuse && !fits(bytes)) {
        return nullptr;
    }
    void* p = std::malloc(bytes);
    if (p != nullptr) {
        add(static_cast<std::int64_t>(malloc_usable_size(p)));
    }
    return p;
}

void* reallocate(void* block, std::size_t bytes, bool may_refuse) {
    if (block == nullptr) {
        return allocate(bytes, may_refuse);
    }
    std::size_t old = malloc_usable_size(block);
    if (may_refuse && bytes > old && !fits(bytes - old)) {
        return nullptr;
    }
    void* p = std::realloc(block, bytes);
    if (p != nullptr) {
        add(static_cast<std::int64_t>(malloc_usable_size(p)) - static_cast<std::int64_t>(old));
    }
    return p;
}

void* allocate_aligned(std::size_t alignment, std::size_t bytes, bool may_refuse) {
    if (may_refuse && !fits(bytes)) {
        return nullptr;
    }
    void* p = nullptr;
    if (posix_memalign(&p, alignment, bytes) != 0) {
        return nullptr;
    }
    add(static_cast<std::int64_t>(malloc_usable_size(p)));
    return p;
}

void release(void* block) {
    if (block != nullptr) {
        add(-static_cast<std::int64_t>(malloc_usable_size(block)));
        std::free(block);
    }
}

RefuseScope::RefuseScope() {
    ++g_refuse_depth;
}

RefuseScope::~RefuseScope() {
    --g_refuse_depth;
}

bool refusing() {
    return g_refuse_depth > 0;
}

}  // namespace gigscout::memory_budget
