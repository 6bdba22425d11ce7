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
 * fsync, then rename over path.  A file replaced keeps its permission
 * bits; a new file gets 0666 less the umask.  Only a regular file is
 * replaced: a directory, device, FIFO, socket or symbolic link at path is
 * an error (a link is not followed; see tsunagu_outputs_check).  On failure
 * path is untouched, the temporary file removed, an error added to diags,
 * and -1 returned.  path "-" writes to standard output. */
int tsunagu_file_write_atomic(const char *path, const char *data, size_t len,
                              tsunagu_diags *diags);

/* Several outputs of one run (a plan and its charts) replaced together:
 * each is written in full to a temporary file beside its path and synced
 * when added (permission bits as for tsunagu_file_write_atomic); only when every one is on disk does commit rename them over
 * their paths.  A failure while adding (full disk, no such directory)
 * leaves every path as it was.  Renames within a directory do not need
 * space, so commit fails only if the directory changes under us. */
typedef struct tsunagu_outputs tsunagu_outputs;

/* New empty set; free with tsunagu_outputs_free.  NULL when out of memory. */
tsunagu_outputs *tsunagu_outputs_new(void);
/* Stage data for path ("-": standard output, written at commit).  0, or
 * -1 with an error naming path in diags (nothing staged for it). */
int tsunagu_outputs_add(tsunagu_outputs *o, const char *path, const char *data, size_t len,
                        tsunagu_diags *diags);
/* Rename every staged file over its path, in the order added.  0, or -1
 * with an error in diags. */
int tsunagu_outputs_commit(tsunagu_outputs *o, tsunagu_diags *diags);
/* Remove what was staged and not committed; accepts NULL. */
void tsunagu_outputs_free(tsunagu_outputs *o);

/* A file named on a command line and how the user named it, for messages:
 * label "-o", "--html", or a phrase such as "the attendee list".  Both
 * borrowed; path NULL means the option was not given. */
typedef struct {
    const char *path;
    const char *label;
} tsunagu_named_path;

/* Check a run's outputs before anything is computed or written.  Each
 * output must be a regular file or not exist yet; a directory, device,
 * FIFO, socket or symbolic link is refused (a link is not followed: the
 * rename would replace the link itself, and following it would let a link
 * planted in a shared folder redirect the write).  No output may be the
 * same file as an input or as another output: the same device and inode
 * when it exists (so hard and symbolic links to an input count), the same
 * folder and name when not.  "-" outputs are standard output, which only
 * one may name; "-" inputs (standard input) clash with nothing.  Returns 0,
 * or -1 with one error per bad output in diags, naming its path. */
int tsunagu_outputs_check(const tsunagu_named_path *outputs, size_t n_outputs,
                          const tsunagu_named_path *inputs, size_t n_inputs,
                          tsunagu_diags *diags);

/* Remove every temporary file staged by tsunagu_file_write_atomic or
 * tsunagu_outputs_add, in any thread, that is not yet renamed over its path
 * or removed.  For a signal handler: async-signal-safe (atomic loads and
 * unlink() only), so the process must end without returning to the code
 * that staged them.  At most 64 files are tracked at once; any beyond are
 * removed on every ordinary path but not here.  Cannot fail. */
void tsunagu_staged_unlink_all(void);

/* The last component of path ("attendees.csv" for "../lists/attendees.csv";
 * path itself when it has no '/').  Borrowed pointer into path; cannot fail. */
const char *tsunagu_path_base(const char *path);

/* Lower-case hex SHA-256 of data into out (65 bytes with the NUL). */
void tsunagu_sha256_hex(const void *data, size_t len, char out[65]);

/* Path of a bundled data file (e.g. "regions/chiba.json"): the TSUNAGU_DATA
 * environment variable, then the build tree, then the installed share
 * directory, whichever holds it first.  Returns a new string the caller
 * frees, or NULL when none has it. */
char *tsunagu_data_path(const char *relative);

#endif
