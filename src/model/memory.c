/* memory.c - the model's allocations: out of memory ends the process
 * (docs/architecture.md, "Out of memory aborts"). */
#include "model_private.h"

#include <stdlib.h>

void *model_calloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size);
    if (!p)
        abort();
    return p;
}

void *model_realloc(void *p, size_t size)
{
    p = realloc(p, size ? size : 1);
    if (!p)
        abort();
    return p;
}
