/* requests.c - "requests": the organiser's own wishes, the together and
 * apart columns of the list (an interpreter with the person they interpret
 * for, a mentor with a newcomer, two people who should not meet).  Pins
 * are always hard and belong to the layout (event/pins.c). */
#include "rules/rules_private.h"

const rule_def rule_def_requests = {
    .id = TSUNAGU_RULE_REQUESTS,
    .name = "requests",
    .kinds = RULE_BOTH,
    .defaults = {50, false},
    .label_en = "The organiser's requests (together, apart, pins)",
    .label_ja = "主催者の希望（一緒に・別々に・固定）",
};
