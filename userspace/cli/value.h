/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The value syntax of cli.rst (hex, "quoted text", text:, @FILE) and the
 * perso code syntax (text, or hex:).
 */
#ifndef PERSOCARD_CLI_VALUE_H
#define PERSOCARD_CLI_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct value {
	uint8_t *data;	/* wiped when freed: values may be keys */
	size_t len;
	size_t cap;
};

/*
 * value_parse() - parse the value at the start of @s, the rest of a data
 * file or shell line: hex digits (blanks between them allowed) or quoted
 * text, each optionally followed by blanks and a # comment; text: and the
 * rest of the line; @ and a file name (the rest of the line, trailing
 * blanks dropped).
 * @dir: folder a relative @FILE is taken from, or NULL for the current one.
 *
 * Return: 0, or -1 with *err an allocated message for the user.
 */
int value_parse(const char *s, const char *dir, struct value *v, char **err);

/*
 * hex_parse() - hexadecimal digits only, optionally after hex:, blanks
 * between them allowed, then optionally blanks and a # comment; at most
 * @max bytes, else "@what longer than @max bytes".
 *
 * Return: 0, or -1 with *err an allocated message for the user.
 */
int hex_parse(const char *s, size_t max, const char *what, struct value *v,
	      char **err);

/* @len bytes as upper-case hexadecimal digits, in an allocated string. */
char *hex_str(const uint8_t *data, size_t len);

/*
 * code_parse() - a perso code: its text as typed, or hex: and hex digits.
 * Its length must be PERSOCARD_CODE_MIN_LEN to PERSOCARD_CODE_MAX_LEN.
 *
 * Return: 0, or -1 with *err an allocated message for the user.
 */
int code_parse(const char *s, struct value *v, char **err);

void value_free(struct value *v);

bool is_blank(char c);
const char *skip_blanks(const char *s);
char *next_word(char **s);
bool blank_or_comment(const char *s);
int hex_digit(char c);

#endif /* PERSOCARD_CLI_VALUE_H */
