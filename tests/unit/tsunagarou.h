/* tsunagarou.h - the indices of the bundled つながろう会 professions table
 * (data/professions/tsunagarou.json), for the unit tests that read lists
 * against it.  The library knows no profession by name. */
#ifndef TSUNAGU_TEST_TSUNAGAROU_H
#define TSUNAGU_TEST_TSUNAGAROU_H

enum {
    TSUNAGU_MSW = 0,    /* hospital medical social worker */
    TSUNAGU_CSS = 1,    /* 相談支援専門員, consultation support specialist */
    TSUNAGU_CENTER = 2, /* 中核地域生活支援センター staff */
    TSUNAGU_OTHER = 3   /* organisers, observers: not seated */
};

#endif
