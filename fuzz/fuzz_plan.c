/* fuzz_plan.c - the plan reader (with the region table and event embedded
 * in a plan) on arbitrary bytes.  An accepted plan must print in every
 * format, survive its own JSON form and compare with its copy. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_pick_lang(size);
    tsunagu_diags *diags = tsunagu_diags_new();
    tsunagu_plan *p = tsunagu_plan_read_buffer((const char *)data, size, "fuzz.json", diags);
    FUZZ_ASSERT((p != NULL) == (tsunagu_diags_errors(diags) == 0));
    if (p) {
        tsunagu_chart_options opt;
        tsunagu_chart_options_init(&opt);
        for (int f = TSUNAGU_CHART_HTML; f <= TSUNAGU_CHART_CSV; f++) {
            opt.format = (tsunagu_chart_format)f;
            opt.directory = f == TSUNAGU_CHART_HTML;
            size_t len = 0;
            tsunagu_diags *cd = tsunagu_diags_new();
            char *out = tsunagu_chart_render(p, &opt, &len, cd);
            FUZZ_ASSERT(out != NULL); /* UTF-8 output always encodes */
            free(out);
            tsunagu_diags_free(cd);
        }
        json_t *j1 = tsunagu_plan_to_json(p);
        tsunagu_diags *d2 = tsunagu_diags_new();
        tsunagu_plan *again = tsunagu_plan_from_json(j1, "again", d2);
        if (!again)
            tsunagu_diags_print(d2, stderr);
        FUZZ_ASSERT(again != NULL);
        json_t *j2 = tsunagu_plan_to_json(again);
        FUZZ_ASSERT(json_equal(j1, j2));
        char *diff = tsunagu_plan_diff_text(p, again);
        FUZZ_ASSERT(diff != NULL);
        free(diff);
        json_decref(j1);
        json_decref(j2);
        tsunagu_plan_free(again);
        tsunagu_diags_free(d2);
    }
    fuzz_print_diags(diags);
    tsunagu_plan_free(p);
    tsunagu_diags_free(diags);
    return 0;
}
