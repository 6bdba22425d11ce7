/* fuzz_roster_csv.c - the attendee reader on arbitrary bytes: encoding
 * detection (UTF-8, BOM, CP932), the CSV reader, header mapping and the
 * validation of every record; the summary of whatever is accepted. */
#include <string.h>

#include "fuzz_common.h"

static tsunagu_regions *regions;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!regions) {
        tsunagu_diags *d = tsunagu_diags_new();
        regions = tsunagu_regions_load_default(d);
        tsunagu_diags_free(d);
        if (!regions)
            abort(); /* the harness needs the bundled table (TSUNAGU_DATA) */
    }
    fuzz_pick_lang(size);
    tsunagu_diags *diags = tsunagu_diags_new();
    tsunagu_roster *r = tsunagu_roster_read_buffer((const char *)data, size, "fuzz.csv", regions, NULL, diags);
    /* Accepted means no errors; refused means at least one, naming the file. */
    FUZZ_ASSERT((r != NULL) == (tsunagu_diags_errors(diags) == 0));
    if (r) {
        char *summary = tsunagu_roster_summary(r);
        FUZZ_ASSERT(summary != NULL);
        free(summary);
        for (size_t i = 0; i < r->count; i++)
            FUZZ_ASSERT(tsunagu_roster_find(r, r->items[i].id) == (long)i);
    }
    fuzz_print_diags(diags);
    tsunagu_roster_free(r);
    tsunagu_diags_free(diags);
    return 0;
}
