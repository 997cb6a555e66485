// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Parsing values and perso codes.  Every buffer is bounded by the largest
 * value the ABI takes, and wiped when freed.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "io.h"
#include "value.h"

#define VALUE_MAX	PERSOCARD_VALUE_MAX_LEN

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

int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

void value_free(struct value *v)
{
	wipe_free(v->data, v->cap);
	v->data = NULL;
	v->len = v->cap = 0;
}

static void value_alloc(struct value *v, size_t cap)
{
	v->data = xzalloc(cap);
	v->cap = cap;
	v->len = 0;
}

static int fail(struct value *v, char **err, char *message)
{
	value_free(v);
	*err = message;
	return -1;
}

/* The end of a value: blanks, then nothing or a # comment. */
static bool at_end(const char *s)
{
	s = skip_blanks(s);
	return !*s || *s == '#';
}

/* @max bytes at most, or "@what longer than @max bytes". */
static int parse_hex(const char *s, bool blanks, bool bare, size_t max,
		     const char *what, struct value *v, char **err)
{
	size_t digits = 0;
	const char *p;
	int hi = 0, d;

	for (p = s; *p; p++) {
		if (blanks && is_blank(*p)) {
			if (at_end(p))
				break;
			continue;
		}
		if (hex_digit(*p) < 0)
			return fail(v, err, bare && p == s ?
				xstrdup("not a value: give hex digits, \"quoted text\", text:TEXT or @FILE") :
				xasprintf("'%c' is not a hex digit", *p));
		digits++;
	}
	if (digits % 2)
		return fail(v, err, xasprintf("odd number of hex digits (%zu)",
					      digits));
	if (digits / 2 > max)
		return fail(v, err, xasprintf("%s longer than %zu bytes", what,
					      max));
	value_alloc(v, digits / 2);
	digits = 0;
	for (p = s; *p; p++) {
		if (is_blank(*p)) {
			if (at_end(p))
				break;
			continue;
		}
		d = hex_digit(*p);
		if (digits++ % 2)
			v->data[v->len++] = hi << 4 | d;
		else
			hi = d;
	}
	return 0;
}

static int parse_quoted(const char *s, struct value *v, char **err)
{
	const char *p = s + 1;
	int hi, lo;
	char c;

	value_alloc(v, VALUE_MAX);
	for (;;) {
		c = *p++;
		if (!c)
			return fail(v, err, xstrdup("missing closing quote"));
		if (c == '"')
			break;
		if (c == '\\') {
			switch (*p++) {
			case '\\':
				c = '\\';
				break;
			case '"':
				c = '"';
				break;
			case 'n':
				c = '\n';
				break;
			case 't':
				c = '\t';
				break;
			case 'x':
				hi = hex_digit(p[0]);
				lo = hi < 0 ? -1 : hex_digit(p[1]);
				if (lo < 0)
					return fail(v, err, xstrdup("\\x needs two hex digits"));
				c = hi << 4 | lo;
				p += 2;
				break;
			case '\0':
				return fail(v, err, xstrdup("missing closing quote"));
			default:
				return fail(v, err, xasprintf("unknown escape '\\%c' (use \\\\, \\\", \\n, \\t or \\xHH)",
							      p[-1]));
			}
		}
		if (v->len == VALUE_MAX)
			return fail(v, err, xasprintf("value longer than %d bytes",
						      VALUE_MAX));
		v->data[v->len++] = c;
	}
	if (!at_end(p))
		return fail(v, err, xasprintf("unexpected '%c' after the closing quote",
					      *skip_blanks(p)));
	return 0;
}

static int parse_file(const char *s, const char *dir, struct value *v,
		      char **err)
{
	size_t n = strlen(s), len;
	char *name, *path, *buf;

	while (n && is_blank(s[n - 1]))
		n--;
	if (!n)
		return fail(v, err, xstrdup("'@' needs a file name"));
	name = strndup(s, n);
	if (!name)
		die_nomem();
	if (dir && name[0] != '/')
		path = xasprintf("%s/%s", dir, name);
	else
		path = xstrdup(name);
	if (read_file(path, VALUE_MAX, &buf, &len)) {
		if (errno == EFBIG)
			*err = xasprintf("%s: larger than %d bytes", name,
					 VALUE_MAX);
		else
			*err = xasprintf("%s: %s", name, strerror(errno));
		free(name);
		free(path);
		return -1;
	}
	free(name);
	free(path);
	/* read_file() leaves room for a NUL: the capacity is len + 1. */
	v->data = (uint8_t *)buf;
	v->len = len;
	v->cap = len + 1;
	return 0;
}

int value_parse(const char *s, const char *dir, struct value *v, char **err)
{
	memset(v, 0, sizeof(*v));
	if (*s == '"')
		return parse_quoted(s, v, err);
	if (!strncmp(s, "text:", 5)) {
		size_t n = strlen(s + 5);

		if (n > VALUE_MAX)
			return fail(v, err, xasprintf("value longer than %d bytes",
						      VALUE_MAX));
		value_alloc(v, n);
		memcpy(v->data, s + 5, n);
		v->len = n;
		return 0;
	}
	if (*s == '@')
		return parse_file(s + 1, dir, v, err);
	if (!strncmp(s, "hex:", 4))
		return parse_hex(skip_blanks(s + 4), true, false, VALUE_MAX,
				 "value", v, err);
	if (!*s)
		return fail(v, err, xstrdup("missing value"));
	return parse_hex(s, true, true, VALUE_MAX, "value", v, err);
}

int hex_parse(const char *s, size_t max, const char *what, struct value *v,
	      char **err)
{
	memset(v, 0, sizeof(*v));
	if (!strncmp(s, "hex:", 4))
		s += 4;
	return parse_hex(skip_blanks(s), true, false, max, what, v, err);
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

int code_parse(const char *s, struct value *v, char **err)
{
	memset(v, 0, sizeof(*v));
	if (!strncmp(s, "hex:", 4)) {
		if (!s[4])
			return fail(v, err, xstrdup("hex: needs hex digits"));
		if (parse_hex(s + 4, false, false, VALUE_MAX, "value", v,
			      err)) {
			char *e = xasprintf("perso code: %s", *err);

			free(*err);
			*err = e;
			return -1;
		}
	} else {
		size_t n = strlen(s);

		/* Bounded before the copy: a code has at most 32 bytes. */
		value_alloc(v, PERSOCARD_CODE_MAX_LEN);
		v->len = n;
		if (n <= PERSOCARD_CODE_MAX_LEN)
			memcpy(v->data, s, n);
	}
	if (v->len < PERSOCARD_CODE_MIN_LEN || v->len > PERSOCARD_CODE_MAX_LEN)
		return fail(v, err, xasprintf("the perso code must be %d to %d bytes, not %zu",
					      PERSOCARD_CODE_MIN_LEN,
					      PERSOCARD_CODE_MAX_LEN, v->len));
	return 0;
}
