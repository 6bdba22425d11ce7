/* fileio.c - whole-file reading, atomic writing, digests, data lookup. */
#include "tsunagu/fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nettle/sha2.h>

#include "tsunagu/lang.h"

char *tsunagu_file_read(const char *path, size_t max_bytes, size_t *len, tsunagu_diags *diags)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    const char *shown = f == stdin ? "<stdin>" : path;
    if (!f) {
        tsunagu_diags_add(diags, TSUNAGU_ERROR, shown, 0, TR("cannot open: %s", "開けません: %s"),
                          strerror(errno));
        return NULL;
    }
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap + 1);
    while (buf) {
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n > max_bytes) {
            tsunagu_diags_add(diags, TSUNAGU_ERROR, shown, 0,
                              TR("file is larger than %zu bytes", "ファイルが %zu バイトを超えています"),
                              max_bytes);
            free(buf);
            buf = NULL;
            break;
        }
        if (got == 0) {
            if (ferror(f)) {
                tsunagu_diags_add(diags, TSUNAGU_ERROR, shown, 0,
                                  TR("cannot read: %s", "読めません: %s"), strerror(errno));
                free(buf);
                buf = NULL;
            }
            break;
        }
        if (n == cap) {
            char *bigger = realloc(buf, cap * 2 + 1);
            if (!bigger) {
                free(buf);
                buf = NULL;
                tsunagu_diags_add(diags, TSUNAGU_ERROR, shown, 0, "%s", TR("out of memory", "メモリ不足です"));
                break;
            }
            buf = bigger;
            cap *= 2;
        }
    }
    if (f != stdin)
        fclose(f);
    if (buf) {
        buf[n] = '\0';
        *len = n;
    }
    return buf;
}

static int write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t w = write(fd, data, len);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        data += w;
        len -= (size_t)w;
    }
    return 0;
}

/* Write data to a new temporary file beside path, synced.  Returns the
 * temporary's name (caller frees) or NULL with an error in diags. */
static char *write_temp(const char *path, const char *data, size_t len, tsunagu_diags *diags)
{
    /* rename() cannot replace a directory: say so before writing anything */
    struct stat st;
    bool replacing = stat(path, &st) == 0;
    if (replacing && S_ISDIR(st.st_mode)) {
        tsunagu_diags_add(diags, TSUNAGU_ERROR, path, 0, TR("cannot write: %s", "書き込めません: %s"),
                          strerror(EISDIR));
        return NULL;
    }
    size_t cap = strlen(path) + 48;
    char *tmp = malloc(cap);
    if (!tmp) {
        tsunagu_diags_add(diags, TSUNAGU_ERROR, path, 0, "%s", TR("out of memory", "メモリ不足です"));
        return NULL;
    }
    /* open() with 0666 rather than mkstemp's 0600: a new file gets the
     * usual 0666 & ~umask from the kernel, without calling umask(), which
     * would race with the web server's other threads.  The name is unique
     * to this process and call; O_EXCL skips any left over by a crash. */
    /* Replacing a file keeps its permission bits: a plan someone made
     * private (0600) stays private after a re-plan.  The temporary is
     * created no more open than the old file, so nobody can open it in
     * the moment before fchmod sets the exact bits. */
    bool keep = replacing && S_ISREG(st.st_mode);
    mode_t mode = keep ? (st.st_mode & 0777) : 0666;
    static atomic_uint serial;
    int fd = -1;
    for (int tries = 0; fd < 0 && tries < 100; tries++) {
        snprintf(tmp, cap, "%s.tmp.%ld.%u", path, (long)getpid(), atomic_fetch_add(&serial, 1));
        fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
        if (fd < 0 && errno != EEXIST)
            break;
    }
    if (fd < 0) {
        tsunagu_diags_add(diags, TSUNAGU_ERROR, path, 0, TR("cannot write: %s", "書き込めません: %s"),
                          strerror(errno));
        free(tmp);
        return NULL;
    }
    if (keep)
        fchmod(fd, st.st_mode & 07777);
    int rc = write_all(fd, data, len);
    if (rc == 0)
        rc = fsync(fd);
    int saved = errno;
    if (close(fd) != 0 && rc == 0) {
        rc = -1;
        saved = errno;
    }
    if (rc != 0) {
        unlink(tmp);
        free(tmp);
        tsunagu_diags_add(diags, TSUNAGU_ERROR, path, 0, TR("cannot write: %s", "書き込めません: %s"),
                          strerror(saved));
        return NULL;
    }
    return tmp;
}

static int write_stdout(const char *data, size_t len, tsunagu_diags *diags)
{
    if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
        tsunagu_diags_add(diags, TSUNAGU_ERROR, "<stdout>", 0,
                          TR("cannot write: %s", "書き込めません: %s"), strerror(errno));
        return -1;
    }
    return 0;
}

int tsunagu_file_write_atomic(const char *path, const char *data, size_t len,
                              tsunagu_diags *diags)
{
    if (strcmp(path, "-") == 0)
        return write_stdout(data, len, diags);
    char *tmp = write_temp(path, data, len, diags);
    if (!tmp)
        return -1;
    int rc = 0;
    if (rename(tmp, path) != 0) {
        rc = -1;
        tsunagu_diags_add(diags, TSUNAGU_ERROR, path, 0, TR("cannot write: %s", "書き込めません: %s"),
                          strerror(errno));
        unlink(tmp);
    }
    free(tmp);
    return rc;
}

typedef struct {
    char *path;
    char *tmp;  /* NULL for standard output */
    char *data; /* standard output only: written at commit */
    size_t len;
} staged;

struct tsunagu_outputs {
    staged *items;
    size_t count;
};

tsunagu_outputs *tsunagu_outputs_new(void)
{
    return calloc(1, sizeof(tsunagu_outputs));
}

int tsunagu_outputs_add(tsunagu_outputs *o, const char *path, const char *data, size_t len,
                        tsunagu_diags *diags)
{
    staged *more = realloc(o->items, (o->count + 1) * sizeof *more);
    if (!more) {
        tsunagu_diags_add(diags, TSUNAGU_ERROR, path, 0, "%s", TR("out of memory", "メモリ不足です"));
        return -1;
    }
    o->items = more;
    staged st = {strdup(path), NULL, NULL, len};
    if (strcmp(path, "-") == 0) {
        st.data = malloc(len ? len : 1);
        if (st.data)
            memcpy(st.data, data, len);
    } else {
        st.tmp = write_temp(path, data, len, diags);
        if (!st.tmp) {
            free(st.path);
            return -1;
        }
    }
    if (!st.path || (!st.tmp && !st.data)) {
        if (st.tmp)
            unlink(st.tmp);
        free(st.tmp);
        free(st.data);
        free(st.path);
        tsunagu_diags_add(diags, TSUNAGU_ERROR, path, 0, "%s", TR("out of memory", "メモリ不足です"));
        return -1;
    }
    o->items[o->count++] = st;
    return 0;
}

int tsunagu_outputs_commit(tsunagu_outputs *o, tsunagu_diags *diags)
{
    int rc = 0;
    for (size_t i = 0; i < o->count; i++) {
        staged *st = &o->items[i];
        if (rc != 0)
            break;
        if (!st->tmp) {
            rc = write_stdout(st->data, st->len, diags);
        } else if (rename(st->tmp, st->path) != 0) {
            tsunagu_diags_add(diags, TSUNAGU_ERROR, st->path, 0,
                              TR("cannot write: %s", "書き込めません: %s"), strerror(errno));
            rc = -1;
        } else {
            free(st->tmp);
            st->tmp = NULL; /* renamed: nothing left to remove */
        }
        free(st->data);
        st->data = NULL;
    }
    return rc;
}

void tsunagu_outputs_free(tsunagu_outputs *o)
{
    if (!o)
        return;
    for (size_t i = 0; i < o->count; i++) {
        if (o->items[i].tmp)
            unlink(o->items[i].tmp);
        free(o->items[i].tmp);
        free(o->items[i].data);
        free(o->items[i].path);
    }
    free(o->items);
    free(o);
}

const char *tsunagu_path_base(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash && slash[1] ? slash + 1 : path;
}

void tsunagu_sha256_hex(const void *data, size_t len, char out[65])
{
    struct sha256_ctx ctx;
    uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_init(&ctx);
    sha256_update(&ctx, len, data);
    sha256_digest(&ctx, sizeof digest, digest);
    static const char hex[] = "0123456789abcdef";
    for (int i = 0; i < SHA256_DIGEST_SIZE; i++) {
        out[2 * i] = hex[digest[i] >> 4];
        out[2 * i + 1] = hex[digest[i] & 15];
    }
    out[64] = '\0';
}

static char *join(const char *dir, const char *rel)
{
    size_t n = strlen(dir) + strlen(rel) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s", dir, rel);
    return p;
}

char *tsunagu_data_path(const char *relative)
{
    const char *dirs[3] = {getenv("TSUNAGU_DATA"), TSUNAGU_SOURCE_DATADIR, TSUNAGU_INSTALL_DATADIR};
    for (int i = 0; i < 3; i++) {
        if (!dirs[i] || !*dirs[i])
            continue;
        char *p = join(dirs[i], relative);
        if (p && access(p, R_OK) == 0)
            return p;
        free(p);
    }
    return NULL;
}
