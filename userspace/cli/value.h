/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Values and perso codes as the subcommands hold them, parsed by
 * libpersocard (the syntax of cli.rst lives there), and the blanks and
 * words of a shell line.
 */
#ifndef PERSOCARD_CLI_VALUE_H
#define PERSOCARD_CLI_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct value {
	uint8_t *data;	/* wiped when freed: values may be keys */
	size_t len;
};

/*
 * value_parse(), hex_parse(), code_parse() - persocard_parse_value(),
 * persocard_parse_hex() and persocard_parse_code() into @v.
 *
 * Return: 0, or -1 with *err an allocated message for the user.
 */
int value_parse(const char *s, const char *dir, struct value *v, char **err);
int hex_parse(const char *s, size_t max, const char *what, struct value *v,
	      char **err);
int code_parse(const char *s, struct value *v, char **err);

void value_free(struct value *v);

/* @len bytes as upper-case hexadecimal digits, in an allocated string. */
char *hex_str(const uint8_t *data, size_t len);

bool is_blank(char c);
const char *skip_blanks(const char *s);
char *next_word(char **s);
bool blank_or_comment(const char *s);

#endif /* PERSOCARD_CLI_VALUE_H */
