/* fuzz_event.c - the event reader: jansson, the value-position scanner
 * (jsonpos.c), every check of docs/event-format.md, and the table label
 * patterns, which are printf-like text from the file.  An accepted event
 * must survive its own JSON form unchanged. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_pick_lang(size);
    tsunagu_diags *diags = tsunagu_diags_new();
    tsunagu_event *e = tsunagu_event_read_buffer((const char *)data, size, "fuzz.json", diags);
    FUZZ_ASSERT((e != NULL) == (tsunagu_diags_errors(diags) == 0));
    if (e) {
        for (int s = 0; s < e->n_sessions; s++) {
            const tsunagu_session_spec *sp = &e->sessions[s];
            const tsunagu_track *t = sp->n_tracks ? &sp->tracks[sp->n_tracks - 1] : NULL;
            int n = sp->kind == TSUNAGU_WORKGROUP && !t ? 0 : 28; /* past "Z" */
            for (int i = 0; i < n; i += 9) {
                free(tsunagu_session_table_id(sp, t, i));
                free(tsunagu_session_table_label(sp, t ? tsunagu_track_label(t) : "", i));
            }
            FUZZ_ASSERT(tsunagu_event_session(e, sp->id) == sp);
        }
        json_t *j1 = tsunagu_event_to_json(e);
        tsunagu_diags *d2 = tsunagu_diags_new();
        tsunagu_event *again = tsunagu_event_from_json(j1, "again", d2);
        if (!again)
            tsunagu_diags_print(d2, stderr);
        FUZZ_ASSERT(again != NULL);
        json_t *j2 = tsunagu_event_to_json(again);
        FUZZ_ASSERT(json_equal(j1, j2));
        json_decref(j1);
        json_decref(j2);
        tsunagu_event_free(again);
        tsunagu_diags_free(d2);
    }
    fuzz_print_diags(diags);
    tsunagu_event_free(e);
    tsunagu_diags_free(diags);
    return 0;
}
