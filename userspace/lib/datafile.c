// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Data files: parsed alone (syntax, values, @FILE), then checked against
 * a card's profile (tags, lengths, mandatory elements).  Their text holds
 * keys: every copy is wiped before it is freed.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

struct element {
	unsigned int line;
	char *key;
	uint8_t *value;
	size_t len;
	const struct persocard_tag *tag;
};

struct persocard_datafile {
	struct element *el;
	size_t nr;
	unsigned int profile;		/* 0: no profile line */
	unsigned int profile_line;
	/* A copy: the file outlives the handle it was checked on. */
	struct persocard_profile prof;
	int checked;
};

/* The word "profile" starts the line: it is the profile line. */
static int is_profile_line(const char *s)
{
	s = skip_blanks(s);
	return !strncmp(s, "profile", 7) && (!s[7] || is_blank(s[7]));
}

static int parse_profile(struct persocard_datafile *df, unsigned int line,
			 char *s, struct persocard_diag *diag)
{
	char *name;

	s = (char *)skip_blanks(s);
	name = next_word(&s);

	if (!*name || *name == '#')
		return diag_set(diag, EINVAL, line, "profile needs a name");
	if (!blank_or_comment(s))
		return diag_set(diag, EINVAL, line,
				"unexpected '%s' after the profile name", s);
	if (df->profile_line)
		return diag_set(diag, EEXIST, line,
				"second profile line (the first is line %u)",
				df->profile_line);
	df->profile = profile_id(name);
	if (!df->profile)
		return diag_set(diag, ENOENT, line, "unknown profile '%s'",
				name);
	df->profile_line = line;
	return 0;
}

static int parse_line(struct persocard_datafile *df, unsigned int line,
		      char *s, const char *dir, struct persocard_diag *diag)
{
	struct element *el = &df->el[df->nr];
	char *key = next_word(&s);

	if (!*s)
		return diag_set(diag, EINVAL, line, "%s: missing value", key);
	if (persocard_parse_value(s, dir, &el->value, &el->len, diag)) {
		diag_prefix(diag, key);
		if (diag)
			diag->line = line;
		return -1;
	}
	el->key = strdup(key);
	if (!el->key) {
		persocard_secret_free(el->value, el->len);
		return diag_set(diag, ENOMEM, line, "%s", strerror(ENOMEM));
	}
	el->line = line;
	df->nr++;
	return 0;
}

static struct persocard_datafile *parse(char *buf, size_t len,
					const char *dir,
					struct persocard_diag *diag)
{
	struct persocard_datafile *df;
	size_t nr_lines = 1, i;
	unsigned int line = 0;
	char *s, *nl, *nul, **lines = NULL;
	int err;

	nul = memchr(buf, '\0', len);
	if (nul) {
		for (line = 1; nul > buf; nul--)
			line += nul[-1] == '\n';
		diag_set(diag, EINVAL, line, "a NUL byte: not a text file");
		return NULL;
	}
	for (i = 0; i < len; i++)
		nr_lines += buf[i] == '\n';
	df = calloc(1, sizeof(*df));
	/* One element per line at most: room for all of them. */
	if (df)
		df->el = calloc(nr_lines, sizeof(*df->el));
	if (!df || !df->el) {
		free(df);
		diag_set(diag, ENOMEM, 0, "%s", strerror(ENOMEM));
		return NULL;
	}
	/* Lines as strings: the profile lines first, wherever they stand. */
	lines = calloc(nr_lines, sizeof(*lines));
	if (!lines) {
		diag_set(diag, ENOMEM, 0, "%s", strerror(ENOMEM));
		goto err;
	}
	for (s = buf; s && s < buf + len; s = nl ? nl + 1 : NULL) {
		nl = strchr(s, '\n');
		if (nl) {
			*nl = '\0';
			if (nl > s && nl[-1] == '\r')
				nl[-1] = '\0';
		}
		lines[line++] = s;
		if (is_profile_line(s) &&
		    parse_profile(df, line, (char *)skip_blanks(s) + 7, diag))
			goto err;
	}
	for (i = 0; i < line; i++) {
		s = (char *)skip_blanks(lines[i]);
		if (!*s || *s == '#' || is_profile_line(s))
			continue;
		if (parse_line(df, i + 1, s, dir, diag))
			goto err;
	}
	free(lines);
	return df;

err:
	err = errno;
	free(lines);
	persocard_datafile_free(df);
	errno = err;
	return NULL;
}

PERSOCARD_API struct persocard_datafile *
persocard_datafile_parse(const char *text, size_t len, const char *dir,
			 struct persocard_diag *diag)
{
	struct persocard_datafile *df;
	char *buf;
	int err;

	if (!text && len) {
		diag_set(diag, EINVAL, 0, "%s", strerror(EINVAL));
		return NULL;
	}
	buf = malloc(len + 1);
	if (!buf) {
		diag_set(diag, ENOMEM, 0, "%s", strerror(ENOMEM));
		return NULL;
	}
	if (len)
		memcpy(buf, text, len);
	buf[len] = '\0';
	df = parse(buf, len, dir, diag);
	err = errno;
	persocard_secret_free(buf, len + 1);
	errno = err;
	return df;
}

PERSOCARD_API struct persocard_datafile *
persocard_datafile_read(const char *path, struct persocard_diag *diag)
{
	struct persocard_datafile *df;
	const char *slash;
	char *buf, *dir = NULL;
	size_t len;
	int ret, err;

	if (!path) {
		diag_set(diag, EINVAL, 0, "%s", strerror(EINVAL));
		return NULL;
	}
	if (!strcmp(path, "-")) {
		ret = read_all(STDIN_FILENO, PERSOCARD_FILE_MAX, &buf, &len);
	} else {
		ret = read_file(path, PERSOCARD_FILE_MAX, &buf, &len);
		slash = strrchr(path, '/');
		if (!ret && slash) {
			dir = slash == path ? strdup("/") :
			      strndup(path, slash - path);
			if (!dir) {
				persocard_secret_free(buf, len + 1);
				diag_set(diag, ENOMEM, 0, "%s",
					 strerror(ENOMEM));
				return NULL;
			}
		}
	}
	if (ret && errno == EFBIG) {
		diag_set(diag, EFBIG, 0, "larger than %d bytes",
			 PERSOCARD_FILE_MAX);
		return NULL;
	}
	if (ret) {
		diag_set(diag, errno, 0, "%s", strerror(errno));
		return NULL;
	}
	df = parse(buf, len, dir, diag);
	err = errno;
	persocard_secret_free(buf, len + 1);
	free(dir);
	errno = err;
	return df;
}

static int check_element(struct persocard_datafile *df, size_t i,
			 const struct persocard_profile *prof,
			 struct persocard_diag *diag)
{
	struct element *el = &df->el[i];
	const struct persocard_tag *t;
	size_t j;

	t = persocard_profile_find_tag(prof, el->key);
	if (!t)
		return diag_set(diag, ENOENT, el->line,
				"no element '%s' in the %s profile", el->key,
				persocard_profile_name(prof->id) ?: "unknown");
	for (j = 0; j < i; j++)
		if (df->el[j].tag == t)
			return diag_set(diag, EEXIST, el->line,
					"%s: given twice (first on line %u)",
					t->name, df->el[j].line);
	el->tag = t;
	if (el->len >= t->min_len && el->len <= t->max_len)
		return 0;
	if (t->min_len == t->max_len)
		return diag_set(diag, ERANGE, el->line,
				"%s: %zu bytes, must be %u", t->name, el->len,
				t->min_len);
	return diag_set(diag, ERANGE, el->line, "%s: %zu bytes, must be %u to %u",
			t->name, el->len, t->min_len, t->max_len);
}

static int check_mandatory(const struct persocard_datafile *df,
			   const struct persocard_profile *prof,
			   struct persocard_diag *diag)
{
	char list[sizeof(diag->message)] = "";
	unsigned int i, missing = 0;
	size_t j, n = 0;

	for (i = 0; i < prof->nr_tags; i++) {
		const struct persocard_tag *t = &prof->tags[i];

		if (!(t->flags & PERSOCARD_TAG_MANDATORY))
			continue;
		for (j = 0; j < df->nr; j++)
			if (df->el[j].tag == t)
				break;
		if (j < df->nr)
			continue;
		if (n < sizeof(list))
			n += snprintf(list + n, sizeof(list) - n,
				      "%s%s (0x%04" PRIX16 ")",
				      missing ? ", " : "", t->name, t->tag);
		missing++;
	}
	if (!missing)
		return 0;
	return diag_set(diag, ENODATA, 0, "missing mandatory element%s: %s",
			missing > 1 ? "s" : "", list);
}

PERSOCARD_API int
persocard_datafile_check(struct persocard_datafile *df,
			 const struct persocard_profile *prof,
			 struct persocard_diag *diag)
{
	const char *card = persocard_profile_name(prof->id) ?: "unknown";
	size_t i;

	df->checked = 0;
	for (i = 0; i < df->nr; i++)
		df->el[i].tag = NULL;
	df->prof = *prof;
	prof = &df->prof;
	if (df->profile && df->profile != prof->id)
		return diag_set(diag, EMEDIUMTYPE, df->profile_line,
				"the file is for a %s card, the card is %s",
				persocard_profile_name(df->profile), card);
	for (i = 0; i < df->nr; i++)
		if (check_element(df, i, prof, diag))
			return -1;
	if (check_mandatory(df, prof, diag))
		return -1;
	df->checked = 1;
	return 0;
}

PERSOCARD_API void persocard_datafile_free(struct persocard_datafile *df)
{
	size_t i;

	if (!df)
		return;
	for (i = 0; i < df->nr; i++) {
		persocard_secret_free(df->el[i].value, df->el[i].len);
		free(df->el[i].key);
	}
	free(df->el);
	free(df);
}

PERSOCARD_API const char *
persocard_datafile_get_profile_name(const struct persocard_datafile *df)
{
	return df->profile ? persocard_profile_name(df->profile) : NULL;
}

PERSOCARD_API size_t
persocard_datafile_get_nr_elements(const struct persocard_datafile *df)
{
	return df->nr;
}

static const struct element *element(const struct persocard_datafile *df,
				     size_t index)
{
	if (index >= df->nr) {
		errno = ERANGE;
		return NULL;
	}
	return &df->el[index];
}

PERSOCARD_API const char *
persocard_datafile_get_key(const struct persocard_datafile *df, size_t index)
{
	const struct element *el = element(df, index);

	return el ? el->key : NULL;
}

PERSOCARD_API unsigned int
persocard_datafile_get_line(const struct persocard_datafile *df, size_t index)
{
	const struct element *el = element(df, index);

	return el ? el->line : 0;
}

PERSOCARD_API const uint8_t *
persocard_datafile_get_value(const struct persocard_datafile *df,
			     size_t index, size_t *len)
{
	const struct element *el = element(df, index);

	if (!el)
		return NULL;
	*len = el->len;
	/* A zero-length value still has a buffer: NULL means an error. */
	return el->value;
}

PERSOCARD_API const struct persocard_tag *
persocard_datafile_get_tag(const struct persocard_datafile *df, size_t index)
{
	const struct element *el = element(df, index);

	if (el && !el->tag)
		errno = ENOENT;
	return el ? el->tag : NULL;
}

int datafile_checked(const struct persocard_datafile *df,
		     const struct persocard_profile *prof)
{
	return df->checked && !memcmp(&df->prof, prof, sizeof(*prof));
}
