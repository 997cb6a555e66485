// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Values and perso codes.  Every buffer is bounded by the largest value
 * the ABI takes, and wiped when freed: values may be keys.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define VALUE_MAX	PERSOCARD_VALUE_MAX_LEN

struct buf {
	uint8_t *data;
	size_t len;
	size_t cap;
};

static int buf_alloc(struct buf *b, size_t cap, struct persocard_diag *diag)
{
	b->data = calloc(1, cap ? cap : 1);
	b->cap = cap ? cap : 1;
	b->len = 0;
	if (!b->data)
		return diag_set(diag, ENOMEM, 0, "%s", strerror(ENOMEM));
	return 0;
}

static int fail(struct buf *b, struct persocard_diag *diag, int err,
		const char *fmt, ...) PRINTF(4, 5);

static int fail(struct buf *b, struct persocard_diag *diag, int err,
		const char *fmt, ...)
{
	va_list ap;

	persocard_secret_free(b->data, b->cap);
	b->data = NULL;
	va_start(ap, fmt);
	diag_vset(diag, err, 0, fmt, ap);
	va_end(ap);
	return -1;
}

/* Hand the bytes over, in a buffer of their own size: the rest is wiped. */
static int give(struct buf *b, uint8_t **out, size_t *len,
		struct persocard_diag *diag)
{
	uint8_t *p = malloc(b->len ? b->len : 1);

	if (!p)
		return fail(b, diag, ENOMEM, "%s", strerror(ENOMEM));
	memcpy(p, b->data, b->len);
	persocard_secret_free(b->data, b->cap);
	*out = p;
	*len = b->len;
	return 0;
}

/* The end of a value: blanks, then nothing or a # comment. */
static int at_end(const char *s)
{
	return blank_or_comment(s);
}

/* @max bytes at most, or "@what longer than @max bytes". */
static int parse_hex(const char *s, int blanks, int bare, size_t max,
		     const char *what, struct buf *b,
		     struct persocard_diag *diag)
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
		if (hex_digit(*p) < 0) {
			if (bare && p == s)
				return fail(b, diag, EINVAL, "not a value: give hex digits, \"quoted text\", text:TEXT or @FILE");
			return fail(b, diag, EINVAL, "'%c' is not a hex digit",
				    *p);
		}
		digits++;
	}
	if (digits % 2)
		return fail(b, diag, EINVAL, "odd number of hex digits (%zu)",
			    digits);
	if (digits / 2 > max)
		return fail(b, diag, EMSGSIZE, "%s longer than %zu bytes",
			    what, max);
	if (buf_alloc(b, digits / 2, diag))
		return -1;
	digits = 0;
	for (p = s; *p; p++) {
		if (is_blank(*p)) {
			if (at_end(p))
				break;
			continue;
		}
		d = hex_digit(*p);
		if (digits++ % 2)
			b->data[b->len++] = hi << 4 | d;
		else
			hi = d;
	}
	return 0;
}

static int parse_escape(const char **pp, char *c, struct buf *b,
			struct persocard_diag *diag)
{
	const char *p = *pp;
	int hi, lo;

	switch (*p++) {
	case '\\':
		*c = '\\';
		break;
	case '"':
		*c = '"';
		break;
	case 'n':
		*c = '\n';
		break;
	case 't':
		*c = '\t';
		break;
	case 'x':
		hi = hex_digit(p[0]);
		lo = hi < 0 ? -1 : hex_digit(p[1]);
		if (lo < 0)
			return fail(b, diag, EINVAL,
				    "\\x needs two hex digits");
		*c = hi << 4 | lo;
		p += 2;
		break;
	case '\0':
		return fail(b, diag, EINVAL, "missing closing quote");
	default:
		return fail(b, diag, EINVAL,
			    "unknown escape '\\%c' (use \\\\, \\\", \\n, \\t or \\xHH)",
			    p[-1]);
	}
	*pp = p;
	return 0;
}

static int parse_quoted(const char *s, struct buf *b,
			struct persocard_diag *diag)
{
	const char *p = s + 1;
	char c;

	if (buf_alloc(b, VALUE_MAX, diag))
		return -1;
	for (;;) {
		c = *p++;
		if (!c)
			return fail(b, diag, EINVAL, "missing closing quote");
		if (c == '"')
			break;
		if (c == '\\' && parse_escape(&p, &c, b, diag))
			return -1;
		if (b->len == VALUE_MAX)
			return fail(b, diag, EMSGSIZE,
				    "value longer than %d bytes", VALUE_MAX);
		b->data[b->len++] = c;
	}
	if (!at_end(p))
		return fail(b, diag, EINVAL,
			    "unexpected '%c' after the closing quote",
			    *skip_blanks(p));
	return 0;
}

static int parse_file(const char *s, const char *dir, struct buf *b,
		      struct persocard_diag *diag)
{
	size_t n = strlen(s), len;
	char *path, *buf;
	int ret, err;

	while (n && is_blank(s[n - 1]))
		n--;
	if (!n)
		return fail(b, diag, EINVAL, "'@' needs a file name");
	if (dir && s[0] != '/')
		ret = asprintf(&path, "%s/%.*s", dir, (int)n, s);
	else
		ret = asprintf(&path, "%.*s", (int)n, s);
	if (ret < 0)
		return fail(b, diag, ENOMEM, "%s", strerror(ENOMEM));
	ret = read_file(path, VALUE_MAX, &buf, &len);
	err = errno;
	free(path);
	if (ret && err == EFBIG)
		return fail(b, diag, EMSGSIZE, "%.*s: larger than %d bytes",
			    (int)n, s, VALUE_MAX);
	if (ret)
		return fail(b, diag, err, "%.*s: %s", (int)n, s,
			    strerror(err));
	/* read_file() leaves room for a NUL: the capacity is len + 1. */
	b->data = (uint8_t *)buf;
	b->len = len;
	b->cap = len + 1;
	return 0;
}

static int value(const char *s, const char *dir, struct buf *b,
		 struct persocard_diag *diag)
{
	size_t n;

	if (*s == '"')
		return parse_quoted(s, b, diag);
	if (!strncmp(s, "text:", 5)) {
		n = strlen(s + 5);
		if (n > VALUE_MAX)
			return fail(b, diag, EMSGSIZE,
				    "value longer than %d bytes", VALUE_MAX);
		if (buf_alloc(b, n, diag))
			return -1;
		memcpy(b->data, s + 5, n);
		b->len = n;
		return 0;
	}
	if (*s == '@')
		return parse_file(s + 1, dir, b, diag);
	if (!strncmp(s, "hex:", 4))
		return parse_hex(skip_blanks(s + 4), 1, 0, VALUE_MAX, "value",
				 b, diag);
	if (!*s)
		return fail(b, diag, EINVAL, "missing value");
	return parse_hex(s, 1, 1, VALUE_MAX, "value", b, diag);
}

PERSOCARD_API int persocard_parse_value(const char *s, const char *dir,
					uint8_t **out, size_t *len,
					struct persocard_diag *diag)
{
	struct buf b = { 0 };

	if (!s || !out || !len)
		return diag_set(diag, EINVAL, 0, "%s", strerror(EINVAL));
	if (value(s, dir, &b, diag))
		return -1;
	return give(&b, out, len, diag);
}

PERSOCARD_API int persocard_parse_hex(const char *s, size_t max,
				      const char *what, uint8_t **out,
				      size_t *len, struct persocard_diag *diag)
{
	struct buf b = { 0 };

	if (!s || !out || !len)
		return diag_set(diag, EINVAL, 0, "%s", strerror(EINVAL));
	if (!strncmp(s, "hex:", 4))
		s += 4;
	if (parse_hex(skip_blanks(s), 1, 0, max, what ? what : "value", &b,
		      diag))
		return -1;
	return give(&b, out, len, diag);
}

PERSOCARD_API int persocard_parse_code(const char *s, uint8_t **out,
				       size_t *len,
				       struct persocard_diag *diag)
{
	struct buf b = { 0 };
	size_t n;

	if (!s || !out || !len)
		return diag_set(diag, EINVAL, 0, "%s", strerror(EINVAL));
	if (!strncmp(s, "hex:", 4)) {
		if (!s[4])
			return fail(&b, diag, EINVAL, "hex: needs hex digits");
		if (parse_hex(s + 4, 0, 0, VALUE_MAX, "value", &b, diag)) {
			diag_prefix(diag, "perso code");
			return -1;
		}
	} else {
		n = strlen(s);
		/* Bounded before the copy: a code has at most 32 bytes. */
		if (buf_alloc(&b, PERSOCARD_CODE_MAX_LEN, diag))
			return -1;
		b.len = n;
		if (n <= PERSOCARD_CODE_MAX_LEN)
			memcpy(b.data, s, n);
	}
	if (b.len < PERSOCARD_CODE_MIN_LEN || b.len > PERSOCARD_CODE_MAX_LEN)
		return fail(&b, diag, EMSGSIZE,
			    "the perso code must be %d to %d bytes, not %zu",
			    PERSOCARD_CODE_MIN_LEN, PERSOCARD_CODE_MAX_LEN,
			    b.len);
	return give(&b, out, len, diag);
}
