/* regions.h - the region table: areas, their municipalities, their borders.
 *
 * A region table is data (data/regions/chiba.json), so another prefecture
 * is just another file.  File format:
 *   { "format": "tsunagu-regions", "version": 1, "name": "千葉県", "name_en": "Chiba",
 *     "regions": [ { "name": "千葉", "name_en": "Chiba", "kana": "ちば",
 *                    "municipalities": ["千葉市"] }, ... ],
 *     "borders": [ ["千葉", "東葛南部"], ... ] } */
#ifndef TSUNAGU_REGIONS_H
#define TSUNAGU_REGIONS_H

#include <jansson.h>
#include <stddef.h>
#include "tsunagu/diag.h"

#define TSUNAGU_FAR 1000 /* distance between regions with no path between them */

typedef struct tsunagu_regions tsunagu_regions;

/* Load a region table from a file.  Returns NULL and adds errors
 * (FILE:LINE: reason) to diags when it cannot be used.  The caller frees
 * the table with tsunagu_regions_free. */
tsunagu_regions *tsunagu_regions_load(const char *path, tsunagu_diags *diags);
/* The same from a parsed JSON value (as embedded in a plan); source names
 * it in messages.  Does not keep a reference to json. */
tsunagu_regions *tsunagu_regions_from_json(const json_t *json, const char *source,
                                           tsunagu_diags *diags);
/* The bundled Chiba table (data/regions/chiba.json). */
tsunagu_regions *tsunagu_regions_load_default(tsunagu_diags *diags);
void tsunagu_regions_free(tsunagu_regions *r); /* accepts NULL */

/* New JSON value of the table in the file format above; caller decrefs. */
json_t *tsunagu_regions_to_json(const tsunagu_regions *r);

const char *tsunagu_regions_title(const tsunagu_regions *r); /* e.g. 千葉県 */
int tsunagu_regions_count(const tsunagu_regions *r);
/* Name of region i (0 <= i < count), borrowed.  The English name falls back
 * to the Japanese one. */
const char *tsunagu_regions_name(const tsunagu_regions *r, int i);
const char *tsunagu_regions_name_en(const tsunagu_regions *r, int i);
/* Name in the current language (lang.h). */
const char *tsunagu_regions_label(const tsunagu_regions *r, int i);
/* Index of the region whose name or English name matches (NFKC,
 * case-insensitive, a trailing 医療圏/保健医療圏/地域 ignored), or -1. */
int tsunagu_regions_find(const tsunagu_regions *r, const char *name);
/* Index of the region holding a municipality (NFKC; 市/町/村 suffix
 * optional; ケ/ヶ/が variants match), or -1. */
int tsunagu_regions_find_municipality(const tsunagu_regions *r, const char *municipality);
/* Hop count between regions in the border graph: 0 for the same region,
 * 1 for neighbours, TSUNAGU_FAR when unconnected. */
int tsunagu_regions_distance(const tsunagu_regions *r, int a, int b);

#endif
