/* fileio.c - whole-file reading, atomic writing, digests, data lookup. */
#include "tsunagu/fileio.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <nettle/sha2.h>

#include "util/platform.h"
#include "util/tr.h"

char *tsunagu_file_read(const char *path, size_t max_bytes, size_t *len, tsunagu_diags *diags)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : platform_fopen_read(path);
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

/* ---- staged temporary files, for a signal handler ----------------------
 *
 * Every temporary file this module creates is listed here from the moment
 * its name is chosen until it is renamed over its path or removed, so that
 * tsunagu_staged_unlink_all can remove what an interrupted run staged.  The
 * table is fixed and preallocated: a handler reads it with atomic loads and
 * calls only unlink().  Each slot points at the caller's copy of the name,
 * which is untracked before it is freed.  When every slot is taken (a busy
 * web server) a file is written untracked: it is still removed on every
 * ordinary path, only not by a signal handler. */
#define STAGED_SLOTS 64
static _Atomic(const char *) staged_slots[STAGED_SLOTS];

static void staged_track(const char *tmp)
{
    for (int i = 0; i < STAGED_SLOTS; i++) {
        const char *none = NULL;
        if (atomic_compare_exchange_strong(&staged_slots[i], &none, tmp))
            return;
    }
}

static void staged_untrack(const char *tmp)
{
    for (int i = 0; i < STAGED_SLOTS; i++) {
        const char *mine = tmp;
        if (atomic_compare_exchange_strong(&staged_slots[i], &mine, NULL))
            return;
    }
}

/* Remove a temporary file that will not be renamed, then forget its name.
 * Frees tmp. */
static void staged_discard(char *tmp)
{
    unlink(tmp);
    staged_untrack(tmp);
    free(tmp);
}

void tsunagu_staged_unlink_all(void)
{
    for (int i = 0; i < STAGED_SLOTS; i++) {
        const char *tmp = atomic_load(&staged_slots[i]);
        if (tmp)
            unlink(tmp);
    }
}

/* ---- what may be replaced ----------------------------------------------- */

/* What kind is, as a phrase for "LABEL names a ..., not a regular file". */
static const char *kind_name(platform_kind kind)
{
    switch (kind) {
    case PLATFORM_DIRECTORY:
        return TR("directory", "ディレクトリ");
    case PLATFORM_CHAR_DEVICE:
        return TR("character device", "キャラクターデバイス");
    case PLATFORM_BLOCK_DEVICE:
        return TR("block device", "ブロックデバイス");
    case PLATFORM_FIFO:
        return TR("named pipe (FIFO)", "名前付きパイプ (FIFO)");
    case PLATFORM_SOCKET:
        return TR("socket", "ソケット");
    default:
        return TR("special file", "特殊ファイル");
    }
}

/* Whether path may be replaced by an output: a regular file or nothing.
 * A symbolic link is refused, not followed: an atomic rename replaces the
 * link itself, and writing to its target instead would let a link planted
 * in a shared folder send the output (written as whoever runs tsunagu)
 * anywhere.  0, or -1 with an error naming path and what it is; label
 * ("-o", "--html") says which option named it, NULL for none. */
static int check_replaceable(const char *path, const char *label, tsunagu_diags *diags)
{
    char target[4096];
    platform_kind kind = platform_file_kind(path, target, sizeof target);
    if (kind == PLATFORM_ABSENT || kind == PLATFORM_REGULAR)
        return 0; /* absent, or a folder we cannot see into: open() will say */
    if (!label)
        label = TR("the output", "出力先");
    if (kind == PLATFORM_LINK) {
        tsunagu_diags_add(diags, TSUNAGU_ERROR, path, 0,
                          TR("%s names a symbolic link (to %s); outputs are not written through "
                             "links: name the file itself, or remove the link",
                             "%s がシンボリックリンク（%s へのリンク）を指しています。リンク越しには"
                             "書き込みません。リンク先のファイルを直接指定するか、リンクを削除してください"),
                          label, target);
        return -1;
    }
    tsunagu_diags_add(diags, TSUNAGU_ERROR, path, 0,
                      TR("%s names a %s, not a regular file; an output must be a regular file or "
                         "not exist yet (- is standard output)",
                         "%s が%sを指しています。出力先は通常のファイルか、まだないファイルにして"
                         "ください（- は標準出力）"),
                      label, kind_name(kind));
    return -1;
}

/* Where a path's file is: its device and inode when it exists, else its
 * folder's device and inode and its last component. */
typedef struct {
    bool known, exists;
    platform_file_id id;
    const char *name; /* absent files: borrowed from the path */
} file_identity;

static file_identity identify(const char *path)
{
    file_identity id = {0};
    if (platform_file_identity(path, &id.id)) {
        id.known = id.exists = true;
        return id;
    }
    const char *slash = platform_last_separator(path);
    id.name = slash ? slash + 1 : path;
    size_t n = slash ? (size_t)(slash - path) : 0;
    char *dir = malloc(n + 2);
    if (!dir)
        abort();
    memcpy(dir, slash ? path : ".", slash ? n : 1);
    dir[slash ? n : 1] = '\0';
    if (!*dir) /* "/name": the root folder */
        memcpy(dir, slash, 2), dir[1] = '\0';
    id.known = platform_file_identity(dir, &id.id);
    free(dir);
    return id;
}

static bool same_file(const file_identity *a, const file_identity *b)
{
    if (!a->known || !b->known || a->exists != b->exists || a->id.volume != b->id.volume ||
        a->id.index != b->id.index)
        return false;
    return a->exists || strcmp(a->name, b->name) == 0;
}

int tsunagu_outputs_check(const tsunagu_named_path *outputs, size_t n_outputs,
                          const tsunagu_named_path *inputs, size_t n_inputs,
                          tsunagu_diags *diags)
{
    int rc = 0;
    for (size_t i = 0; i < n_outputs; i++) {
        const tsunagu_named_path *out = &outputs[i];
        if (!out->path)
            continue;
        bool to_stdout = strcmp(out->path, "-") == 0;
        if (!to_stdout && check_replaceable(out->path, out->label, diags) != 0) {
            rc = -1;
            continue;
        }
        file_identity me = to_stdout ? (file_identity){0} : identify(out->path);
        for (size_t j = 0; j < i; j++) {
            const tsunagu_named_path *other = &outputs[j];
            if (!other->path)
                continue;
            bool other_stdout = strcmp(other->path, "-") == 0;
            if (to_stdout != other_stdout)
                continue;
            file_identity them = other_stdout ? (file_identity){0} : identify(other->path);
            if (!to_stdout && !same_file(&me, &them))
                continue;
            tsunagu_diags_add(diags, TSUNAGU_ERROR, to_stdout ? "<stdout>" : out->path, 0,
                              TR("%s names the same file as %s %s; each output needs a file of its own",
                                 "%s が %s %s と同じファイルを指しています。出力ごとに別のファイルを指定してください"),
                              out->label, other->label, other->path);
            rc = -1;
            break;
        }
        for (size_t j = 0; !to_stdout && j < n_inputs; j++) {
            const tsunagu_named_path *in = &inputs[j];
            if (!in->path || strcmp(in->path, "-") == 0)
                continue;
            file_identity them = identify(in->path);
            if (!same_file(&me, &them))
                continue;
            tsunagu_diags_add(diags, TSUNAGU_ERROR, out->path, 0,
                              TR("%s names the same file as %s %s; writing it would destroy what is read",
                                 "%s が%s %s と同じファイルを指しています。書き込むと読み込むファイルが失われます"),
                              out->label, in->label, in->path);
            rc = -1;
            break;
        }
    }
    return rc;
}

/* Write data to a new temporary file beside path, synced.  Returns the
 * temporary's name (caller frees) or NULL with an error in diags. */
static char *write_temp(const char *path, const char *data, size_t len, tsunagu_diags *diags)
{
    /* Only a regular file is replaced (the command line checks first,
     * tsunagu_outputs_check; this holds for every other caller too). */
    if (check_replaceable(path, NULL, diags) != 0)
        return NULL;
    size_t cap = strlen(path) + 48;
    char *tmp = malloc(cap);
    if (!tmp) {
        tsunagu_diags_add(diags, TSUNAGU_ERROR, path, 0, "%s", TR("out of memory", "メモリ不足です"));
        return NULL;
    }
    /* The name is unique to this process and call; a name left over by a
     * crash is skipped (EEXIST).  The new file takes the permission bits
     * of the one it replaces (platform_create_new). */
    static atomic_uint serial;
    int fd = -1;
    /* Tracked before open(): a signal between creating the file and
     * noting its name would leave it behind. */
    for (int tries = 0; fd < 0 && tries < 100; tries++) {
        snprintf(tmp, cap, "%s.tmp.%ld.%u", path, platform_pid(), atomic_fetch_add(&serial, 1));
        staged_track(tmp);
        fd = platform_create_new(tmp, path);
        if (fd < 0)
            staged_untrack(tmp);
        if (fd < 0 && errno != EEXIST)
            break;
    }
    if (fd < 0) {
        tsunagu_diags_add(diags, TSUNAGU_ERROR, path, 0, TR("cannot write: %s", "書き込めません: %s"),
                          strerror(errno));
        free(tmp);
        return NULL;
    }
    int rc = write_all(fd, data, len);
    if (rc == 0)
        rc = platform_sync(fd);
    int saved = errno;
    if (close(fd) != 0 && rc == 0) {
        rc = -1;
        saved = errno;
    }
    if (rc != 0) {
        staged_discard(tmp);
        if (saved == EFBIG) /* SIGXFSZ ignored: the file size limit, ulimit -f */
            tsunagu_diags_add(diags, TSUNAGU_ERROR, path, 0, "%s",
                              TR("cannot write: the file size limit (ulimit -f) is reached; "
                                 "nothing was written",
                                 "書き込めません: ファイルサイズの上限 (ulimit -f) に達しました。"
                                 "何も書き込んでいません"));
        else
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
    if (platform_replace(tmp, path) != 0) {
        tsunagu_diags_add(diags, TSUNAGU_ERROR, path, 0, TR("cannot write: %s", "書き込めません: %s"),
                          strerror(errno));
        staged_discard(tmp);
        return -1;
    }
    staged_untrack(tmp); /* renamed: the name is gone */
    free(tmp);
    return 0;
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
            staged_discard(st.tmp);
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
        } else if (check_replaceable(st->path, NULL, diags) != 0) {
            rc = -1; /* something other than a file appeared since it was staged */
        } else if (platform_replace(st->tmp, st->path) != 0) {
            tsunagu_diags_add(diags, TSUNAGU_ERROR, st->path, 0,
                              TR("cannot write: %s", "書き込めません: %s"), strerror(errno));
            rc = -1;
        } else {
            staged_untrack(st->tmp);
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
            staged_discard(o->items[i].tmp);
        free(o->items[i].data);
        free(o->items[i].path);
    }
    free(o->items);
    free(o);
}

const char *tsunagu_path_base(const char *path)
{
    const char *slash = platform_last_separator(path);
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
    char *beside = platform_program_data_dir();
    const char *dirs[4] = {getenv("TSUNAGU_DATA"), beside, TSUNAGU_SOURCE_DATADIR,
                           TSUNAGU_INSTALL_DATADIR};
    char *found = NULL;
    for (int i = 0; i < 4 && !found; i++) {
        if (!dirs[i] || !*dirs[i])
            continue;
        char *p = join(dirs[i], relative);
        if (p && access(p, R_OK) == 0)
            found = p;
        else
            free(p);
    }
    free(beside);
    return found;
}
