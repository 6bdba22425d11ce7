/* input_private.h - helpers shared by the readers in src/input/. */
#ifndef TSUNAGU_INPUT_PRIVATE_H
#define TSUNAGU_INPUT_PRIVATE_H

#include <stddef.h>

/* Start lines of the elements of a JSON array, which jansson does not
 * report: the top-level array when member is NULL, else the array held by
 * that member of the top-level object.  On success returns the number of
 * elements and stores a new array of 1-based lines in *lines (caller frees
 * with free(); NULL when empty).  Returns -1 when the text does not have
 * that shape (the caller falls back to line 0); the text should already be
 * known to be valid JSON. */
long tsunagu_json_element_lines(const char *text, size_t len, const char *member, int **lines);

/* 1-based line of byte offset off in text. */
int tsunagu_line_of_offset(const char *text, size_t len, size_t off);

#endif
