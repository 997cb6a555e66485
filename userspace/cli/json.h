/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A tiny JSON writer: one value on one line, separators as in cli.rst
 * ({"a": 1, "b": [2, 3]}).
 */
#ifndef PERSOCARD_CLI_JSON_H
#define PERSOCARD_CLI_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define JSON_MAX_DEPTH	8

struct json {
	FILE *out;
	unsigned int depth;
	bool first[JSON_MAX_DEPTH];	/* nothing written yet at that level */
	bool after_key;
};

void json_init(struct json *j, FILE *out);
void json_object_begin(struct json *j);
void json_object_end(struct json *j);
void json_array_begin(struct json *j);
void json_array_end(struct json *j);
void json_key(struct json *j, const char *key);
void json_string(struct json *j, const char *s);
void json_uint(struct json *j, uint64_t v);
void json_bool(struct json *j, bool v);
void json_null(struct json *j);
/* Ends the top-level value with a newline. */
void json_finish(struct json *j);

#endif /* PERSOCARD_CLI_JSON_H */
