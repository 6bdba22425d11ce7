/* change.c - how a change to an event is stored, the one way every
 * handler and every solve job stores one.
 *
 * An event has a revision (meta.json "revision"), bumped by every stored
 * change and said in every answer.  A write names the revision it was
 * based on (If-Match); when another tab changed the event since, the
 * write is refused (409) with what changed, from history.json (the last
 * HISTORY_KEEP changes: revision, kind, time, the person concerned), and
 * nothing is stored.  A change's files are staged in full first and then
 * renamed into place together, meta.json last (tsunagu_outputs): a change
 * that fails half-way leaves every file as it was. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/web_private.h"
#include "util/strbuf.h"
#include "util/tr.h"

#define HISTORY_KEEP 50 /* changes history.json remembers */

long web_revision(const json_t *meta)
{
    json_int_t r = json_integer_value(json_object_get(meta, "revision"));
    return r > 0 ? (long)r : 0;
}

void web_reply_revision(web_reply *out, long revision)
{
    snprintf(out->etag, sizeof out->etag, "\"%ld\"", revision);
}

int web_if_match_parse(const char *v, long *base)
{
    while (*v == ' ' || *v == '\t')
        v++;
    if (strcmp(v, "*") == 0) {
        *base = -1;
        return 0;
    }
    if (strncmp(v, "W/", 2) == 0)
        v += 2;
    bool quoted = *v == '"';
    v += quoted;
    if (*v < '0' || *v > '9')
        return -1;
    char *end;
    long n = strtol(v, &end, 10);
    if (quoted && *end++ != '"')
        return -1;
    while (*end == ' ' || *end == '\t')
        end++;
    if (*end || n < 0 || n > 1000000000L)
        return -1;
    *base = n;
    return 0;
}

/* The time of a change as the organiser reads it: "10:15" of "...T10:15:30". */
static void clock_of(const char *at, char out[6])
{
    const char *t = at ? strchr(at, 'T') : NULL;
    snprintf(out, 6, "%.5s", t ? t + 1 : "");
}

char *web_history_text(const json_t *e)
{
    const char *kind = json_string_value(json_object_get(e, "kind"));
    const char *name = json_string_value(json_object_get(e, "name"));
    const char *table = json_string_value(json_object_get(e, "table_label"));
    const char *file = json_string_value(json_object_get(e, "file"));
    char hhmm[6];
    clock_of(json_string_value(json_object_get(e, "at")), hhmm);
    name = name ? name : "?";
    strbuf b = {0};
    if (*hhmm)
        strbuf_addf(&b, "%s ", hhmm);
    if (!kind)
        kind = "";
    if (strcmp(kind, "created") == 0)
        strbuf_add(&b, TR("the event was made", "イベントが作られました"));
    else if (strcmp(kind, "upload") == 0)
        strbuf_addf(&b, TR("the attendee list was replaced (%s)", "名簿が差し替えられました（%s）"),
                    file ? file : "");
    else if (strcmp(kind, "settings") == 0)
        strbuf_add(&b, TR("the settings were changed", "設定が変わりました"));
    else if (json_is_true(json_object_get(e, "first")))
        strbuf_add(&b, TR("the plan was made", "席が決まりました"));
    else if (strcmp(kind, "plan") == 0)
        strbuf_add(&b, TR("the plan was made again", "席が決め直されました"));
    else if (strcmp(kind, "fresh") == 0)
        strbuf_add(&b, TR("the plan was made afresh", "席が最初から作り直されました"));
    else if (strcmp(kind, "settings_plan") == 0)
        strbuf_add(&b, TR("the settings were changed (and the plan made again with them)",
                          "設定が変わりました（その設定で席が決め直されました）"));
    else if (strcmp(kind, "move") == 0)
        strbuf_addf(&b, TR("%s was moved to %s and the plan made again",
                           "%s さんが「%s」へ移され、席が決め直されました"),
                    name, table ? table : "?");
    else if (strcmp(kind, "move_round") == 0) {
        const char *partner = json_string_value(json_object_get(e, "partner_name"));
        strbuf_addf(&b, TR("%1$s was moved to %2$s in round %3$d (changing places with %4$s)",
                           "%1$s さんが%3$d回目に「%2$s」へ移されました（%4$s さんと入れ替え）"),
                    name, table ? table : "?", (int)json_integer_value(json_object_get(e, "round")),
                    partner ? partner : "?");
    } else if (strcmp(kind, "unpin") == 0)
        strbuf_addf(&b, TR("%s's pinned seat was released", "%s さんの席の固定が外されました"), name);
    else if (strcmp(kind, "add") == 0)
        strbuf_addf(&b, TR("a walk-in was added: %s", "当日参加者が追加されました: %s さん"), name);
    else if (strcmp(kind, "remove") == 0)
        strbuf_addf(&b, TR("%s was removed (cancelled)", "%s さんが欠席として外されました"), name);
    else if (strcmp(kind, "restore") == 0)
        strbuf_addf(&b, TR("%s came after all and was seated again", "%s さんの欠席が取り消され、また座りました"), name);
    else if (strcmp(kind, "role") == 0)
        strbuf_addf(&b, TR("%s was given the role %s", "%s さんが役割「%s」になりました"), name,
                    json_string_value(json_object_get(e, "role")) ? json_string_value(json_object_get(e, "role")) : "?");
    else if (strcmp(kind, "rename") == 0)
        strbuf_addf(&b, TR("the event was renamed %s", "イベントの名前が「%s」に変わりました"), name);
    else if (strcmp(kind, "undo") == 0) {
        char back[6];
        clock_of(json_string_value(json_object_get(e, "to_at")), back);
        strbuf_addf(&b, TR("the plan of %s was brought back", "%s の席に戻されました"), *back ? back : "?");
    }
    else
        strbuf_add(&b, TR("the event was changed", "イベントが変わりました"));
    return b.data;
}

/* 409: the write was based on revision base, the event is at revision now.
 * The changes since, oldest first, each with its text. */
static void reply_conflict(const web_request *req, long base, long now, web_reply *out)
{
    json_t *history = web_event_json_read(req->srv, req->route->event_id, "history.json");
    json_t *changes = json_array();
    long oldest = now + 1;
    for (size_t i = 0; i < json_array_size(history); i++) {
        json_t *e = json_array_get(history, i);
        long r = (long)json_integer_value(json_object_get(e, "revision"));
        if (r <= base || r > now)
            continue;
        oldest = r < oldest ? r : oldest;
        json_t *c = json_deep_copy(e);
        char *text = web_history_text(e);
        json_object_set_new(c, "text", json_string(text));
        free(text);
        json_array_append_new(changes, c);
    }
    json_decref(history);
    json_t *doc = json_pack(
        "{s:b, s:b, s:s, s:I, s:I, s:o, s:b}", "ok", 0, "conflict", 1, "error",
        TR("This event was changed in another tab or window after this page read it. "
           "Nothing was saved: load the latest state, then do it again.",
           "この画面を開いたあとで、別のタブ・画面でこのイベントが変更されました。"
           "何も保存していません。最新の状態を読み込んでから、もう一度やり直してください。"),
        "revision", (json_int_t)now, "base", (json_int_t)base, "changes", changes, "more",
        oldest > base + 1); /* older changes than history.json keeps */
    web_reply_json(out, 409, doc);
    web_reply_revision(out, now);
}

bool web_precondition(const web_request *req, const json_t *meta, web_reply *out)
{
    long now = web_revision(meta), base;
    if (!req->if_match) {
        web_reply_json(out, 428,
                       json_pack("{s:b, s:s, s:I}", "ok", 0, "error",
                                 TR("say which revision of the event this change is based on "
                                    "(If-Match: \"REVISION\", or * for any)",
                                    "どの版のイベントに対する変更かを指定してください"
                                    "（If-Match: \"版\"、どの版でもよければ *）"),
                                 "revision", (json_int_t)now));
        web_reply_revision(out, now);
        return false;
    }
    if (web_if_match_parse(req->if_match, &base) != 0) {
        web_reply_error(out, 400, TR("If-Match is not a revision of the event",
                                     "If-Match がイベントの版になっていません"));
        return false;
    }
    if (base >= 0 && base != now) {
        reply_conflict(req, base, now, out);
        return false;
    }
    return true;
}

json_t *web_history_entry(const char *kind)
{
    return json_pack("{s:s}", "kind", kind);
}

/* ---- committing a change ------------------------------------------------ */

struct web_commit {
    web_server *srv;
    char id[WEB_ID_LEN + 1];
    tsunagu_outputs *staged;
    int failed; /* a staging failed: finish refuses */
};

web_commit *web_commit_new(web_server *srv, const char *id)
{
    web_commit *c = calloc(1, sizeof *c);
    if (!c)
        abort();
    c->srv = srv;
    snprintf(c->id, sizeof c->id, "%s", id);
    c->staged = tsunagu_outputs_new();
    if (!c->staged)
        abort();
    return c;
}

int web_commit_add(web_commit *c, const char *name, const char *data, size_t len,
                   tsunagu_diags *diags)
{
    if (c->failed)
        return -1;
    char *path = web_event_file(c->srv, c->id, name);
    int rc = tsunagu_outputs_add(c->staged, path, data, len, diags);
    free(path);
    c->failed |= rc != 0;
    return rc;
}

int web_commit_add_json(web_commit *c, const char *name, const json_t *doc, tsunagu_diags *diags)
{
    char *text = json_dumps(doc, JSON_INDENT(2) | JSON_SORT_KEYS);
    if (!text)
        abort();
    int rc = web_commit_add(c, name, text, strlen(text), diags);
    free(text);
    return rc;
}

int web_commit_finish(web_commit *c, json_t *meta, json_t *entry, tsunagu_diags *diags)
{
    long revision = web_revision(meta) + 1;
    char stamp[32];
    web_now_iso(stamp, sizeof stamp);
    json_t *e = json_deep_copy(entry); /* borrowed: the caller's entry stays as it was */
    json_object_set_new(e, "revision", json_integer((json_int_t)revision));
    json_object_set_new(e, "at", json_string(stamp));
    if (json_object_get(meta, "plan")) /* the plan this change left (history, undo) */
        json_object_set(e, "plan", json_object_get(meta, "plan"));
    json_t *history = web_event_json_read(c->srv, c->id, "history.json");
    if (!json_is_array(history)) {
        json_decref(history);
        history = json_array();
    }
    json_array_append_new(history, e);
    while (json_array_size(history) > HISTORY_KEEP)
        json_array_remove(history, 0);
    json_t *next = json_deep_copy(meta);
    json_object_set_new(next, "revision", json_integer((json_int_t)revision));
    json_object_set_new(next, "updated", json_string(stamp));
    int rc = -1;
    /* meta.json last: until it is renamed, the change is not there. */
    if (web_commit_add_json(c, "history.json", history, diags) == 0 &&
        web_commit_add_json(c, "meta.json", next, diags) == 0)
        rc = tsunagu_outputs_commit(c->staged, diags);
    if (rc == 0)
        json_object_update(meta, next); /* the caller's meta is now the stored one */
    json_decref(next);
    json_decref(history);
    return rc;
}

void web_commit_free(web_commit *c)
{
    if (!c)
        return;
    tsunagu_outputs_free(c->staged);
    free(c);
}
