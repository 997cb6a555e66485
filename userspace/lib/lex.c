// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Blanks, words and hex digits: the lexemes of data files and values.
 */
#include "internal.h"

int is_blank(char c)
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
int blank_or_comment(const char *s)
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
