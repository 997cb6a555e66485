// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Reading and checking a data file.  Its text holds keys: the buffer is
 * wiped before it is freed, and so is every value.
 */
#include <errno.h>
#include <stdarg.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common.h"
#include "datafile.h"
#include "io.h"

struct parser {
	const struct card_profile *prof;
	const char *name;	/* for messages */
	char *dir;		/* folder of relative @FILE paths */
	char **lines;
	size_t nr_lines;
};

static int PRINTF(3, 4) error(const struct parser *p, unsigned int line,
			      const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		die_nomem();
	va_end(ap);
	if (line)
		msg(subcommand, "%s:%u: %s", p->name, line, s);
	else
		msg(subcommand, "%s: %s", p->name, s);
	free(s);
	return -1;
}

static int check_profile(struct parser *p)
{
	const char *card_profile = profile_str(p->prof->id);
	unsigned int first = 0, i, id;
	char *s, *w, *name;
	bool known;

	for (i = 0; i < p->nr_lines; i++) {
		s = (char *)skip_blanks(p->lines[i]);
		if (strncmp(s, "profile", 7) || (s[7] && !is_blank(s[7])))
			continue;
		next_word(&s);
		name = next_word(&s);
		if (!*name || *name == '#')
			return error(p, i + 1, "profile needs a name");
		if (!blank_or_comment(s))
			return error(p, i + 1, "unexpected '%s' after the profile name",
				     s);
		if (first)
			return error(p, i + 1, "second profile line (the first is line %u)",
				     first);
		first = i + 1;
		known = false;
		for (id = 1; (w = (char *)persocard_profile_name(id)); id++)
			known |= !strcmp(w, name);
		if (!known)
			return error(p, i + 1, "unknown profile '%s'", name);
		if (strcmp(name, card_profile))
			return error(p, i + 1, "the file is for a %s card, the card is %s",
				     name, card_profile);
	}
	return 0;
}

static int check_line(struct parser *p, unsigned int line, char *s,
		      struct data_file *df)
{
	const struct persocard_tag_desc *desc;
	struct data_element *el;
	char *token, *err;
	uint16_t tag;
	size_t i;

	token = next_word(&s);
	if (!strcmp(token, "profile"))
		return 0;	/* checked first, by check_profile() */
	desc = profile_lookup(p->prof, token);
	if (!desc)
		return error(p, line, "no element '%s' in the %s profile",
			     token, profile_str(p->prof->id));
	tag = desc->tag;
	if (!*s)
		return error(p, line, "%s: missing value", desc->name);
	for (i = 0; i < df->nr; i++)
		if (df->el[i].tag == tag)
			return error(p, line, "%s: given twice (first on line %u)",
				     desc->name, df->el[i].line);
	el = &df->el[df->nr];
	if (value_parse(s, p->dir, &el->value, &err)) {
		error(p, line, "%s: %s", desc->name, err);
		free(err);
		return -1;
	}
	df->nr++;
	el->line = line;
	el->tag = tag;
	el->desc = desc;
	if (el->value.len < desc->min_len || el->value.len > desc->max_len) {
		if (desc->min_len == desc->max_len)
			return error(p, line, "%s: %zu bytes, must be %u",
				     desc->name, el->value.len, desc->min_len);
		return error(p, line, "%s: %zu bytes, must be %u to %u",
			     desc->name, el->value.len, desc->min_len,
			     desc->max_len);
	}
	return 0;
}

static int check_mandatory(struct parser *p, const struct data_file *df)
{
	const struct persocard_tag_desc *d;
	unsigned int i, missing = 0;
	char *list = NULL, *s;
	size_t j;

	for (i = 0; i < p->prof->nr_tags; i++) {
		d = &p->prof->tags[i];
		if (!(d->flags & PERSOCARD_TAG_MANDATORY))
			continue;
		for (j = 0; j < df->nr; j++)
			if (df->el[j].tag == d->tag)
				break;
		if (j < df->nr)
			continue;
		s = xasprintf("%s%s%s (0x%04" PRIX16 ")", list ? list : "",
			      list ? ", " : "", d->name, d->tag);
		free(list);
		list = s;
		missing++;
	}
	if (!missing)
		return 0;
	error(p, 0, "missing mandatory element%s: %s", missing > 1 ? "s" : "",
	      list);
	free(list);
	return -1;
}

static void split_lines(struct parser *p, char *buf, size_t len)
{
	size_t n = 1, i;
	char *s;

	for (i = 0; i < len; i++)
		n += buf[i] == '\n';
	p->lines = xmalloc(n * sizeof(*p->lines));
	p->nr_lines = 0;
	for (s = buf; s; ) {
		char *nl = strchr(s, '\n');

		if (nl) {
			*nl = '\0';
			if (nl > s && nl[-1] == '\r')
				nl[-1] = '\0';
		}
		/* A file ending in "\n" has no last, empty line. */
		if (nl || *s || !p->nr_lines || s != buf + len)
			p->lines[p->nr_lines++] = s;
		s = nl ? nl + 1 : NULL;
	}
}

int data_file_load(const struct card_profile *prof, const char *path,
		   struct data_file *df)
{
	struct parser p = { .prof = prof, .name = path };
	const char *slash;
	size_t len, i;
	char *buf, *s;
	int ret;

	memset(df, 0, sizeof(*df));
	if (!strcmp(path, "-")) {
		p.name = "<stdin>";
		ret = read_all(STDIN_FILENO, IO_MAX_FILE, &buf, &len);
	} else {
		ret = read_file(path, IO_MAX_FILE, &buf, &len);
		slash = strrchr(path, '/');
		if (slash)
			p.dir = slash == path ? xstrdup("/") :
				strndup(path, slash - path);
		if (slash && !p.dir)
			die_nomem();
	}
	if (ret) {
		if (errno == EFBIG)
			error(&p, 0, "larger than %d bytes", IO_MAX_FILE);
		else
			error(&p, 0, "%s", strerror(errno));
		free(p.dir);
		return -1;
	}
	s = memchr(buf, '\0', len);
	if (s) {
		for (i = 1; s > buf; s--)
			i += s[-1] == '\n';
		error(&p, i, "a NUL byte: not a text file");
		wipe_free(buf, len + 1);
		free(p.dir);
		return -1;
	}
	split_lines(&p, buf, len);
	/* One element per line at most: room for all of them. */
	df->el = xzalloc((p.nr_lines + 1) * sizeof(*df->el));

	ret = check_profile(&p);
	for (i = 0; !ret && i < p.nr_lines; i++) {
		s = (char *)skip_blanks(p.lines[i]);
		if (*s && *s != '#')
			ret = check_line(&p, i + 1, s, df);
	}
	if (!ret)
		ret = check_mandatory(&p, df);

	wipe_free(buf, len + 1);
	free(p.lines);
	free(p.dir);
	if (ret)
		data_file_free(df);
	return ret;
}

void data_file_free(struct data_file *df)
{
	size_t i;

	for (i = 0; i < df->nr; i++)
		value_free(&df->el[i].value);
	free(df->el);
	df->el = NULL;
	df->nr = 0;
}
