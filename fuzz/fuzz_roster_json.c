/* fuzz_roster_json.c - the attendee reader on JSON text: jansson, the
 * value line finder (util/jsonpos.c) and the same validation as CSV.
 * Inputs that would be read as CSV are skipped so the time goes to JSON. */
#include <string.h>

#include "fuzz_common.h"

static tsunagu_regions *regions;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t p = 0;
    while (p < size && strchr(" \t\r\n", data[p]) && data[p])
        p++;
    if (p == size || (data[p] != '[' && data[p] != '{'))
        return 0;
    if (!regions) {
        tsunagu_diags *d = tsunagu_diags_new();
        regions = tsunagu_regions_load_default(d);
        tsunagu_diags_free(d);
        if (!regions)
            abort();
    }
    fuzz_pick_lang(size);
    tsunagu_diags *diags = tsunagu_diags_new();
    tsunagu_roster *r = tsunagu_roster_read_buffer((const char *)data, size, "fuzz.json", regions, NULL, diags);
    FUZZ_ASSERT((r != NULL) == (tsunagu_diags_errors(diags) == 0));
    if (r) {
        char *summary = tsunagu_roster_summary(r);
        FUZZ_ASSERT(summary != NULL);
        free(summary);
    }
    fuzz_print_diags(diags);
    tsunagu_roster_free(r);
    tsunagu_diags_free(diags);
    return 0;
}
