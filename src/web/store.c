/* store.c - the data directory: DATA/events/ID/ holds one event's files.
 *
 *   meta.json          name, dates, revision, current plan and upload versions
 *   history.json       the last changes: revision, kind, time, who (change.c)
 *   upload-NNNN.dat    each attendee file uploaded, as sent
 *   check.json         the latest upload's problems and summary
 *   event.json         the event settings (tsunagu_event_to_json)
 *   pins.json          the organiser's pins from dragging people
 *   plan-NNNN.json     every plan made, never overwritten
 *   changes-NNNN.ja.txt, changes-NNNN.en.txt
 *                      what changed from plan NNNN-1 to NNNN, in each language
 *                      (stores made before 2026-12 have one changes-NNNN.txt)
 *
 * Only ids made here and names made here become paths; every write goes
 * through tsunagu_file_write_atomic, a change's files through one commit
 * (change.c), so a killed server loses nothing. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "web/web_private.h"
#include "util/platform.h"
#include "util/tr.h"

/* DIR/NAME, a new string. */
static char *path_join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *path = malloc(n);
    if (!path)
        abort();
    snprintf(path, n, "%s/%s", dir, name);
    return path;
}

static int remove_tree(const char *path);

char *web_event_file(const web_server *srv, const char *id, const char *name)
{
    if (!(web_event_id_valid(id) || web_staging_valid(id)) || strchr(name, '/'))
        abort(); /* a programming error, never client input */
    size_t n = strlen(srv->events_dir) + strlen(id) + strlen(name) + 3;
    char *path = malloc(n);
    if (!path)
        abort();
    snprintf(path, n, "%s/%s/%s", srv->events_dir, id, name);
    return path;
}

static pthread_mutex_t *event_lock(web_server *srv, const char *id)
{
    unsigned h = 2166136261u; /* FNV-1a */
    for (const char *c = id; *c; c++)
        h = (h ^ (unsigned char)*c) * 16777619u;
    return &srv->event_locks[h % WEB_EVENT_LOCKS];
}

void web_event_lock(web_server *srv, const char *id)
{
    pthread_mutex_lock(event_lock(srv, id));
}

void web_event_unlock(web_server *srv, const char *id)
{
    pthread_mutex_unlock(event_lock(srv, id));
}

void web_versioned_name(char *buf, size_t size, const char *stem, int version, const char *ext)
{
    snprintf(buf, size, "%s-%04d.%s", stem, version, ext);
}

void web_changes_name(char *buf, size_t size, int version, tsunagu_lang lang)
{
    snprintf(buf, size, "changes-%04d.%s.txt", version, lang == TSUNAGU_LANG_EN ? "en" : "ja");
}

void web_now_iso(char *buf, size_t size)
{
    time_t now = time(NULL);
    struct tm tm;
    platform_localtime(now, &tm);
    strftime(buf, size, "%Y-%m-%dT%H:%M:%S", &tm);
}

static void random_hex4(char out[5])
{
    unsigned char bytes[2] = {0, 0};
    if (!platform_random(bytes, 2)) {
        /* Uniqueness, not secrecy: the clock will do. */
        unsigned long t = (unsigned long)clock() ^ (unsigned long)time(NULL);
        bytes[0] = (unsigned char)t;
        bytes[1] = (unsigned char)(t >> 8);
    }
    snprintf(out, 5, "%02x%02x", bytes[0], bytes[1]);
}

bool web_staging_valid(const char *s)
{
    size_t n = strlen(WEB_CREATING);
    if (!s || strncmp(s, WEB_CREATING, n) != 0 || strlen(s) != n + 8)
        return false;
    for (const char *c = s + n; *c; c++)
        if (!((*c >= '0' && *c <= '9') || (*c >= 'a' && *c <= 'f')))
            return false;
    return true;
}

int web_event_stage(web_server *srv, char staging[WEB_ID_LEN + 1], tsunagu_diags *diags)
{
    for (int attempt = 0; attempt < 16; attempt++) {
        char hex[2][5];
        random_hex4(hex[0]);
        random_hex4(hex[1]);
        snprintf(staging, WEB_ID_LEN + 1, "%s%s%s", WEB_CREATING, hex[0], hex[1]);
        char *dir = path_join(srv->events_dir, staging);
        int rc = platform_mkdir(dir);
        int err = errno;
        free(dir);
        if (rc == 0)
            return 0;
        if (err != EEXIST) {
            tsunagu_diags_add(diags, TSUNAGU_ERROR, srv->events_dir, 0, "%s: %s",
                              TR("cannot make a folder for the event", "イベント用のフォルダーを作れません"),
                              strerror(err));
            return -1;
        }
    }
    tsunagu_diags_add(diags, TSUNAGU_ERROR, srv->events_dir, 0, "%s",
                      TR("cannot make a folder for the event", "イベント用のフォルダーを作れません"));
    return -1;
}

void web_event_unstage(web_server *srv, const char *staging)
{
    if (!web_staging_valid(staging))
        abort(); /* a programming error, never client input */
    char *dir = path_join(srv->events_dir, staging);
    remove_tree(dir);
    free(dir);
}

int web_event_publish(web_server *srv, const char *staging, char id_out[WEB_ID_LEN + 1],
                      tsunagu_diags *diags)
{
    char *from = path_join(srv->events_dir, staging);
    int err = 0;
    for (int attempt = 0; attempt < 16; attempt++) {
        time_t now = time(NULL);
        struct tm tm;
        char stamp[16], hex[5];
        platform_localtime(now, &tm);
        strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
        random_hex4(hex);
        snprintf(id_out, WEB_ID_LEN + 1, "%s-%s", stamp, hex);
        if (!web_event_id_valid(id_out))
            break;
        char *to = path_join(srv->events_dir, id_out);
        /* Taken ids: a folder (an event: never empty) or anything else
         * there refuses the rename; nothing is replaced. */
        bool taken = platform_file_kind(to, NULL, 0) != PLATFORM_ABSENT;
        int rc = taken ? -1 : platform_rename_folder(from, to);
        err = taken ? EEXIST : errno;
        free(to);
        if (rc == 0) {
            free(from);
            return 0;
        }
        if (err != EEXIST && err != ENOTEMPTY && err != ENOTDIR && err != EISDIR)
            break;
    }
    tsunagu_diags_add(diags, TSUNAGU_ERROR, srv->events_dir, 0, "%s: %s",
                      TR("cannot make a folder for the event", "イベント用のフォルダーを作れません"),
                      strerror(err ? err : EEXIST));
    remove_tree(from);
    free(from);
    id_out[0] = '\0';
    return -1;
}

bool web_event_exists(const web_server *srv, const char *id)
{
    /* The folder itself, never a link planted in its place: nothing is
     * read or written through one (it could lead out of the data folder). */
    char *folder = path_join(srv->events_dir, id);
    char *meta = web_event_file(srv, id, "meta.json");
    bool ok = platform_file_kind(folder, NULL, 0) == PLATFORM_DIRECTORY &&
              platform_file_kind(meta, NULL, 0) == PLATFORM_REGULAR;
    free(meta);
    free(folder);
    return ok;
}

char *web_event_file_read(const web_server *srv, const char *id, const char *name, size_t max,
                          size_t *len)
{
    char *path = web_event_file(srv, id, name);
    tsunagu_diags *d = tsunagu_diags_new();
    char *data = tsunagu_file_read(path, max, len, d);
    tsunagu_diags_free(d);
    free(path);
    return data;
}

int web_event_file_write(const web_server *srv, const char *id, const char *name,
                         const char *data, size_t len, tsunagu_diags *diags)
{
    char *path = web_event_file(srv, id, name);
    int rc = tsunagu_file_write_atomic(path, data, len, diags);
    free(path);
    return rc;
}

json_t *web_event_json_read(const web_server *srv, const char *id, const char *name)
{
    size_t len;
    char *data = web_event_file_read(srv, id, name, 64u << 20, &len);
    if (!data)
        return NULL;
    json_t *doc = json_loadb(data, len, 0, NULL);
    free(data);
    return doc;
}

int web_event_json_write(const web_server *srv, const char *id, const char *name,
                         const json_t *doc, tsunagu_diags *diags)
{
    char *text = json_dumps(doc, JSON_INDENT(2) | JSON_SORT_KEYS);
    if (!text)
        abort();
    size_t len = strlen(text);
    int rc = web_event_file_write(srv, id, name, text, len, diags);
    free(text);
    return rc;
}

static int newest_first(const void *a, const void *b)
{
    json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
    const char *ux = json_string_value(json_object_get(x, "updated"));
    const char *uy = json_string_value(json_object_get(y, "updated"));
    int c = strcmp(uy ? uy : "", ux ? ux : "");
    if (c)
        return c;
    return strcmp(json_string_value(json_object_get(y, "id")),
                  json_string_value(json_object_get(x, "id")));
}

/* A JSON file of folder DIR/ID (new reference), or NULL. */
static json_t *folder_json(const char *dir, const char *name)
{
    char *path = path_join(dir, name);
    tsunagu_diags *quiet = tsunagu_diags_new();
    size_t len;
    char *data = tsunagu_file_read(path, 64u << 20, &len, quiet);
    json_t *doc = data ? json_loadb(data, len, 0, NULL) : NULL;
    free(data);
    tsunagu_diags_free(quiet);
    free(path);
    return doc;
}

/* The bytes of the files under path, links not followed. */
static unsigned long long tree_bytes(const char *path)
{
    platform_kind kind = platform_file_kind(path, NULL, 0);
    if (kind == PLATFORM_REGULAR) {
        struct stat st;
        return stat(path, &st) == 0 ? (unsigned long long)st.st_size : 0;
    }
    if (kind != PLATFORM_DIRECTORY)
        return 0;
    unsigned long long sum = 0;
    DIR *dir = opendir(path);
    struct dirent *de;
    while (dir && (de = readdir(dir)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        char *child = path_join(path, de->d_name);
        sum += tree_bytes(child);
        free(child);
    }
    if (dir)
        closedir(dir);
    return sum;
}

/* One event of the list: its meta.json with "id", the day's "date" from
 * its settings ("" when none) and the "bytes" of its folder.  A folder
 * without a readable meta.json (a crash as the event was made) is no event
 * to open: NULL, or with every, {"id", "broken": true, ...}, the
 * administrator's list showing every folder that may hold a list. */
static json_t *list_entry(const char *events_dir, const char *id, bool every)
{
    char *folder = path_join(events_dir, id);
    /* A link in place of a folder is never followed: no event, and
     * nothing of it read (it could lead out of the data folder). */
    bool real = platform_file_kind(folder, NULL, 0) == PLATFORM_DIRECTORY;
    json_t *meta = real ? folder_json(folder, "meta.json") : NULL;
    if (!json_is_object(meta)) {
        json_decref(meta);
        meta = every ? json_pack("{s:b}", "broken", 1) : NULL;
    }
    if (!meta) {
        free(folder);
        return NULL;
    }
    json_t *settings = real ? folder_json(folder, "event.json") : NULL;
    const char *date = json_string_value(json_object_get(settings, "date"));
    json_object_set_new(meta, "id", json_string(id));
    json_object_set_new(meta, "date", json_string(date ? date : ""));
    json_object_set_new(meta, "bytes", json_integer((json_int_t)tree_bytes(folder)));
    json_decref(settings);
    free(folder);
    return meta;
}

json_t *web_store_list(const char *events_dir, bool every)
{
    json_t *list = json_array();
    DIR *dir = opendir(events_dir);
    if (!dir)
        return list;
    size_t n = 0, cap = 16;
    json_t **items = malloc(cap * sizeof *items);
    if (!items)
        abort();
    struct dirent *de;
    while ((de = readdir(dir)) != NULL) {
        /* not ours, or being deleted (.deleting-ID-xxxxxxxx) */
        if (!web_event_id_valid(de->d_name))
            continue;
        json_t *meta = list_entry(events_dir, de->d_name, every);
        if (!meta)
            continue;
        if (n == cap) {
            cap *= 2;
            items = realloc(items, cap * sizeof *items);
            if (!items)
                abort();
        }
        items[n++] = meta;
    }
    closedir(dir);
    qsort(items, n, sizeof *items, newest_first);
    for (size_t i = 0; i < n; i++)
        json_array_append_new(list, items[i]);
    free(items);
    return list;
}

json_t *web_event_list(const web_server *srv)
{
    return web_store_list(srv->events_dir, false);
}

/* ---- deleting an event -------------------------------------------------- */

/* Remove path and everything under it; a link is removed, never followed.
 * Goes on past a failure; 0, or -1 with errno of the last one. */
static int remove_tree(const char *path)
{
    if (platform_file_kind(path, NULL, 0) != PLATFORM_DIRECTORY)
        return platform_remove_file(path);
    int rc = 0, err = 0;
    DIR *dir = opendir(path);
    struct dirent *de;
    while (dir && (de = readdir(dir)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        char *child = path_join(path, de->d_name);
        if (remove_tree(child) != 0) {
            rc = -1;
            err = errno;
        }
        free(child);
    }
    if (dir)
        closedir(dir);
    /* the folder goes last: until then it is only hidden */
    if (platform_remove_folder(path) != 0) {
        rc = -1;
        err = errno;
    }
    errno = err;
    return rc;
}

/* Whether name is a staged file a killed writer left: NAME.tmp.PID.N
 * (tsunagu_file_write_atomic, tsunagu_outputs). */
static bool stray_temp(const char *name)
{
    const char *t = strstr(name, ".tmp.");
    if (!t || t == name)
        return false;
    const char *c = t + 5;
    int dots = 0, digits = 0;
    for (; *c; c++) {
        if (*c == '.' && digits) {
            dots++;
            digits = 0;
        } else if (*c >= '0' && *c <= '9') {
            digits++;
        } else {
            return false;
        }
    }
    return dots == 1 && digits > 0;
}

/* What a killed writer left in event folder path: its staged files, or
 * the whole folder when it never became an event (no meta.json: the first
 * commit renames meta.json last).  How many went. */
static int sweep_event(const char *path)
{
    if (platform_file_kind(path, NULL, 0) != PLATFORM_DIRECTORY)
        return 0; /* a link is not ours to clean */
    char *meta = path_join(path, "meta.json");
    bool event = platform_file_kind(meta, NULL, 0) != PLATFORM_ABSENT;
    free(meta);
    if (!event)
        return remove_tree(path) == 0;
    int removed = 0;
    DIR *dir = opendir(path);
    struct dirent *de;
    while (dir && (de = readdir(dir)) != NULL) {
        if (!stray_temp(de->d_name))
            continue;
        char *file = path_join(path, de->d_name);
        if (platform_file_kind(file, NULL, 0) == PLATFORM_REGULAR)
            removed += platform_remove_file(file) == 0;
        free(file);
    }
    if (dir)
        closedir(dir);
    return removed;
}

int web_store_sweep(const char *events_dir, bool unfinished)
{
    int removed = 0;
    DIR *dir = opendir(events_dir);
    struct dirent *de;
    while (dir && (de = readdir(dir)) != NULL) {
        const char *name = de->d_name;
        bool deleting = strncmp(name, WEB_DELETING, strlen(WEB_DELETING)) == 0;
        bool creating = unfinished && strncmp(name, WEB_CREATING, strlen(WEB_CREATING)) == 0;
        if (!deleting && !creating && !(unfinished && web_event_id_valid(name)))
            continue;
        char *path = path_join(events_dir, name);
        if (deleting || creating)
            removed += remove_tree(path) == 0;
        else
            removed += sweep_event(path);
        free(path);
    }
    if (dir)
        closedir(dir);
    return removed;
}

int web_store_delete(const char *events_dir, const char *id, tsunagu_diags *diags)
{
    if (!web_event_id_valid(id))
        return WEB_DELETE_MISSING; /* nothing else ever becomes a path */
    char *folder = path_join(events_dir, id);
    platform_kind kind = platform_file_kind(folder, NULL, 0);
    if (kind != PLATFORM_DIRECTORY && kind != PLATFORM_LINK) {
        free(folder);
        return WEB_DELETE_MISSING;
    } /* a link planted in the folder's place goes itself, never what it names */
    /* First out of sight in one step: a reader sees the whole event or
     * none of it, and a crash leaves a hidden folder that the next start
     * removes (web_store_sweep). */
    char hidden_name[64], hex[2][5];
    random_hex4(hex[0]);
    random_hex4(hex[1]);
    snprintf(hidden_name, sizeof hidden_name, "%s%s-%s%s", WEB_DELETING, id, hex[0], hex[1]);
    char *hidden = path_join(events_dir, hidden_name);
    int rc = WEB_DELETE_OK;
    if (platform_rename_folder(folder, hidden) != 0) {
        int err = errno;
        rc = err == ENOENT ? WEB_DELETE_MISSING : WEB_DELETE_FAILED;
        if (rc == WEB_DELETE_FAILED)
            tsunagu_diags_add(diags, TSUNAGU_ERROR, folder, 0, "%s: %s",
                              TR("cannot delete the event's folder", "イベントのフォルダーを削除できません"),
                              strerror(err));
    } else if (remove_tree(hidden) != 0) {
        /* gone from every list already; what is left goes at the next start */
        tsunagu_diags_add(diags, TSUNAGU_WARNING, hidden, 0, "%s: %s",
                          TR("some files of the deleted event could not be removed yet; they will be "
                             "removed when tsunagu serve next starts",
                             "削除したイベントのファイルの一部をまだ消せません。次に tsunagu serve を"
                             "起動したときに消します"),
                          strerror(errno));
    }
    free(hidden);
    free(folder);
    return rc;
}

/* ---- templates: the bundled event files ------------------------------- */

static bool template_name_ok(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n > 40)
        return false;
    for (const char *c = name; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '-' || *c == '_'))
            return false;
    return true;
}

/* The id of an own event file: its base name without .json, lower case,
 * other characters as '-'.  Into out (64 bytes). */
static void own_id(const char *path, char out[64])
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = 0;
    for (const char *c = base; *c && n < 40; c++) {
        if (strcmp(c, ".json") == 0)
            break;
        char ch = *c >= 'A' && *c <= 'Z' ? (char)(*c - 'A' + 'a') : *c;
        out[n++] = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' ? ch : '-';
    }
    out[n] = '\0';
    if (!n)
        snprintf(out, 64, "own");
}

tsunagu_event *web_template_load(const web_server *srv, const char *name, tsunagu_diags *diags)
{
    if (!name || !*name)
        return tsunagu_event_load_default(diags);
    for (int k = 0; srv && k < srv->opt.n_event_files; k++) {
        char id[64];
        own_id(srv->opt.event_files[k], id);
        if (strcmp(id, name) == 0)
            return tsunagu_event_load(srv->opt.event_files[k], diags);
    }
    char rel[64];
    if (!template_name_ok(name)) {
        tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0, "%s",
                          TR("no such kind of event", "その種類のイベントはありません"));
        return NULL;
    }
    snprintf(rel, sizeof rel, "events/%s.json", name);
    char *path = tsunagu_data_path(rel);
    if (!path) {
        tsunagu_diags_add(diags, TSUNAGU_ERROR, NULL, 0, "%s",
                          TR("no such kind of event", "その種類のイベントはありません"));
        return NULL;
    }
    tsunagu_event *e = tsunagu_event_load(path, diags);
    free(path);
    return e;
}

static int by_id(const void *a, const void *b)
{
    const char *x = json_string_value(json_object_get(*(json_t *const *)a, "id"));
    const char *y = json_string_value(json_object_get(*(json_t *const *)b, "id"));
    /* the bundled day first, then by name */
    bool dx = strcmp(x, "tsunagarou") == 0, dy = strcmp(y, "tsunagarou") == 0;
    return dx != dy ? (dx ? -1 : 1) : strcmp(x, y);
}

json_t *web_templates(const web_server *srv)
{
    json_t *list = json_array();
    for (int k = 0; srv && k < srv->opt.n_event_files; k++) {
        char id[64];
        own_id(srv->opt.event_files[k], id);
        tsunagu_diags *quiet = tsunagu_diags_new();
        tsunagu_event *e = tsunagu_event_load(srv->opt.event_files[k], quiet);
        tsunagu_diags_free(quiet);
        if (e)
            json_array_append_new(list, json_pack("{s:s, s:s}", "id", id, "title",
                                                  e->title ? e->title : id));
        tsunagu_event_free(e);
    }
    char *dir = tsunagu_data_path("events");
    DIR *d = dir ? opendir(dir) : NULL;
    json_t *items[64];
    size_t n = 0;
    struct dirent *ent;
    while (d && n < 64 && (ent = readdir(d)) != NULL) {
        size_t len = strlen(ent->d_name);
        if (len < 6 || strcmp(ent->d_name + len - 5, ".json") != 0)
            continue;
        char name[64];
        snprintf(name, sizeof name, "%.*s", (int)(len - 5), ent->d_name);
        if (!template_name_ok(name))
            continue;
        tsunagu_diags *quiet = tsunagu_diags_new();
        tsunagu_event *e = web_template_load(NULL, name, quiet);
        tsunagu_diags_free(quiet);
        if (e)
            items[n++] = json_pack("{s:s, s:s}", "id", name, "title", e->title ? e->title : name);
        tsunagu_event_free(e);
    }
    if (d)
        closedir(d);
    free(dir);
    qsort(items, n, sizeof *items, by_id);
    for (size_t i = 0; i < n; i++)
        json_array_append_new(list, items[i]);
    return list;
}
