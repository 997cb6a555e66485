// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The CLI's side of values: libpersocard parses, this keeps the bytes and
 * turns the library's reasons into the messages the subcommands print.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "value.h"

bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

const char *skip_blanks(const char *s)
{
	while (is_blank(*s))
		s++;
	return s;
}

/* Split the next blank-separated word off *s; *s moves past its blanks. */
char *next_word(char **s)
{
	char *w = *s, *e = w;

	while (*e && !is_blank(*e))
		e++;
	if (*e)
		*e++ = '\0';
	*s = (char *)skip_blanks(e);
	return w;
}

/* Nothing but blanks, or a # comment, is left of the line. */
bool blank_or_comment(const char *s)
{
	s = skip_blanks(s);
	return !*s || *s == '#';
}

static int result(int ret, struct value *v, const struct persocard_diag *d,
		  char **err)
{
	if (!ret)
		return 0;
	v->data = NULL;
	v->len = 0;
	*err = xstrdup(d->message);
	return -1;
}

int value_parse(const char *s, const char *dir, struct value *v, char **err)
{
	struct persocard_diag d;

	return result(persocard_parse_value(s, dir, &v->data, &v->len, &d), v,
		      &d, err);
}

int hex_parse(const char *s, size_t max, const char *what, struct value *v,
	      char **err)
{
	struct persocard_diag d;

	return result(persocard_parse_hex(s, max, what, &v->data, &v->len, &d),
		      v, &d, err);
}

int code_parse(const char *s, struct value *v, char **err)
{
	struct persocard_diag d;

	return result(persocard_parse_code(s, &v->data, &v->len, &d), v, &d,
		      err);
}

void value_free(struct value *v)
{
	persocard_secret_free(v->data, v->len);
	v->data = NULL;
	v->len = 0;
}

char *hex_str(const uint8_t *data, size_t len)
{
	char *s = xmalloc(2 * len + 1);
	size_t i;

	for (i = 0; i < len; i++)
		snprintf(s + 2 * i, 3, "%02X", data[i]);
	s[2 * len] = '\0';
	return s;
}
