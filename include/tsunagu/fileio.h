/* fileio.h - whole-file reading and atomic writing. */
#ifndef TSUNAGU_FILEIO_H
#define TSUNAGU_FILEIO_H

#include <stddef.h>
#include "tsunagu/diag.h"

/* Read a whole file ("-" = standard input) into a new NUL-terminated
 * buffer; *len receives its length without the NUL.  Returns NULL and adds
 * an error naming the file to diags when it cannot be read or is larger
 * than max_bytes.  Caller frees the buffer with free(). */
char *tsunagu_file_read(const char *path, size_t max_bytes, size_t *len, tsunagu_diags *diags);

/* Write data to path atomically: a temporary file in the same directory,
 * fsync, then rename over path.  On failure path is untouched, the
 * temporary file removed, an error added to diags, and -1 returned.
 * path "-" writes to standard output. */
int tsunagu_file_write_atomic(const char *path, const char *data, size_t len,
                              tsunagu_diags *diags);

/* Lower-case hex SHA-256 of data into out (65 bytes with the NUL). */
void tsunagu_sha256_hex(const void *data, size_t len, char out[65]);

/* Path of a bundled data file (e.g. "regions/chiba.json"): the TSUNAGU_DATA
 * environment variable, then the build tree, then the installed share
 * directory, whichever holds it first.  Returns a new string the caller
 * frees, or NULL when none has it. */
char *tsunagu_data_path(const char *relative);

#endif
