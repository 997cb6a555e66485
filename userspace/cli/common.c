// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Messages, exit statuses, card selection and refusal reports shared by
 * the subcommands of persocard.
 */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

const char *subcommand;

static void vmsg(const char *what, const char *fmt, va_list ap)
{
	fflush(stdout);
	fputs("persocard: ", stderr);
	if (what)
		fprintf(stderr, "%s: ", what);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void msg(const char *what, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(what, fmt, ap);
	va_end(ap);
}

void die(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(subcommand, fmt, ap);
	va_end(ap);
	exit(status);
}

void die_errno(const char *fmt, ...)
{
	int err = errno;
	char *s;
	va_list ap;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		die_nomem();
	va_end(ap);
	msg(subcommand, "%s: %s", s, strerror(err));
	free(s);
	exit(EXIT_SYSTEM);
}

void die_usage(const char *fmt, ...)
{
	va_list ap;

	/* One line, as every message: scripts read them. */
	va_start(ap, fmt);
	vmsg(subcommand, fmt, ap);
	va_end(ap);
	exit(EXIT_USAGE);
}

void die_nomem(void)
{
	msg(subcommand, "%s", strerror(ENOMEM));
	exit(EXIT_SYSTEM);
}

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (!p)
		die_nomem();
	return p;
}

void *xzalloc(size_t size)
{
	void *p = calloc(1, size ? size : 1);

	if (!p)
		die_nomem();
	return p;
}

char *xstrdup(const char *s)
{
	char *p = strdup(s);

	if (!p)
		die_nomem();
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;
	int ret;

	va_start(ap, fmt);
	ret = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (ret < 0)
		die_nomem();
	return s;
}

void wipe_free(void *p, size_t len)
{
	if (!p)
		return;
	explicit_bzero(p, len);
	free(p);
}

void wipe_str(char *s)
{
	if (s)
		wipe_free(s, strlen(s));
}

void bad_option(int opt, int optopt, char **argv)
{
	const char *arg = argv[optind - 1];

	if (opt == ':')
		die_usage("option '%s' needs an argument", arg);
	if (optopt && strncmp(arg, "--", 2))
		die_usage("invalid option '-%c'", optopt);
	die_usage("invalid option '%s'", arg);
}

void no_more_args(int argc, char **argv)
{
	if (optind < argc)
		die_usage("unexpected argument '%s'", argv[optind]);
}

bool parse_uint(const char *s, unsigned long max, unsigned long *val)
{
	unsigned long v;
	char *end;

	if (*s < '0' || *s > '9')
		return false;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || v > max)
		return false;
	*val = v;
	return true;
}

void card_sel_opt(struct card_sel *sel, int opt, const char *arg)
{
	unsigned long n;

	if (sel->path || sel->by_index)
		die_usage("give one card: -c N or -d PATH, once");
	if (opt == 'd') {
		if (!*arg)
			die_usage("empty device path");
		sel->path = arg;
		return;
	}
	if (!parse_uint(arg, INT_MAX, &n))
		die_usage("invalid card number '%s'", arg);
	sel->index = n;
	sel->by_index = true;
}

const char *card_sel_name(const struct card_sel *sel, char *buf, size_t size)
{
	if (sel->path)
		return sel->path;
	snprintf(buf, size, "/dev/persocard%u", sel->by_index ? sel->index : 0);
	return buf;
}

struct persocard_card *card_open(const struct card_sel *sel)
{
	return card_open_flags(sel, 0);
}

struct persocard_card *card_open_flags(const struct card_sel *sel,
				       unsigned int flags)
{
	struct persocard_card *card;
	char buf[32], path[32];
	const char *name = card_sel_name(sel, buf, sizeof(buf));

	if (!sel->path)
		snprintf(path, sizeof(path), "/dev/persocard%u",
			 sel->by_index ? sel->index : 0);
	card = persocard_card_open_flags(sel->path ? sel->path : path, flags);
	if (card)
		return card;
	/* First contact: say what is missing, and how to get it. */
	if (errno == ENOENT && !persocard_module_loaded())
		die(EXIT_SYSTEM, "%s: the persocard module is not loaded: load it with 'persocard load' (or 'sudo modprobe persocard')",
		    name);
	/* The library's errno for these would read oddly with strerror. */
	switch (errno) {
	case ENOTTY:
		die(EXIT_SYSTEM, "%s: not a character device", name);
	case ENODEV:
		die(EXIT_SYSTEM, "%s: not a persocard card", name);
	case ENOMEDIUM:
		die(EXIT_SYSTEM, "%s: the card is out of its reader (sysfs present is 0)",
		    name);
	case EPROTO:
		die(EXIT_SYSTEM, "%s: the module speaks another ABI version",
		    name);
	default:
		die_errno("%s", name);
	}
}

const char *tag_label(const struct persocard_tag *t, uint16_t tag, char *buf,
		      size_t size)
{
	if (t && *persocard_tag_get_name(t))
		snprintf(buf, size, "%.*s", PERSOCARD_NAME_LEN,
			 persocard_tag_get_name(t));
	else
		snprintf(buf, size, "0x%04" PRIX16, tag);
	return buf;
}

const char *profile_tag_name(const struct persocard_profile *prof,
			     uint16_t tag, char *buf, size_t size)
{
	return tag_label(persocard_profile_find_tag_number(prof, tag), tag,
			 buf, size);
}

int tag_parse(const struct persocard_profile *prof, const char *s,
	      uint16_t *tag, const struct persocard_tag **t)
{
	const struct persocard_tag *d;

	if (!*s)
		return -1;
	if (*s >= '0' && *s <= '9') {
		if (persocard_parse_tag_number(s, tag))
			return -1;
		*t = persocard_profile_find_tag_number(prof, *tag);
		return 0;
	}
	d = persocard_profile_find_tag(prof, s);
	if (!d)
		return -1;
	*tag = persocard_tag_get_tag(d);
	*t = d;
	return 0;
}

const char *profile_str(unsigned int profile)
{
	const char *s = persocard_profile_name(profile);

	return s ? s : "unknown";
}

const char *state_str(unsigned int state)
{
	const char *s = persocard_state_name(state);

	return s ? s : "UNKNOWN";
}

const char *card_state(struct persocard_card *card)
{
	struct persocard_card_status *st = persocard_card_get_status(card);
	const char *s;

	if (!st)
		return "UNKNOWN";
	s = state_str(persocard_card_status_get_state(st));
	persocard_card_status_free(st);
	return s;
}

void print_ok_state(const char *what, const char *state)
{
	printf("%s: OK (SW 9000), %s\n", what, state);
	fflush(stdout);
}

void print_ok(struct persocard_card *card, const char *what)
{
	print_ok_state(what, card_state(card));
}

void print_step_line(const char *what, const char *name, uint16_t tag,
		     size_t len, const char *state)
{
	printf("%s: %s (0x%04" PRIX16 ", %zu %s): OK (SW 9000), %s\n",
	       what, name, tag, len, len == 1 ? "byte" : "bytes", state);
	fflush(stdout);
}

void print_put_line(const char *name, uint16_t tag, size_t len,
		    const char *state)
{
	print_step_line("put", name, tag, len, state);
}

void print_put_ok(struct persocard_card *card, uint16_t tag, size_t len)
{
	char name[TAG_NAME_SIZE];

	print_put_line(profile_tag_name(persocard_card_get_profile(card), tag,
					name, sizeof(name)),
		       tag, len, card_state(card));
}

const char *card_strerror(int err)
{
	/* An open card answers ENODEV only once taken out of its reader. */
	if (err == ENODEV)
		return "No such device (the card is out of its reader)";
	return strerror(err);
}

int report_failure(struct persocard_card *card, const char *what,
		   const char *tag, const uint16_t *missing,
		   unsigned int nr_missing)
{
	int err = errno;
	uint16_t sw = persocard_card_last_sw(card);

	if (err != EREMOTEIO || !sw) {
		msg(what, "%s%s%s", tag ? tag : "", tag ? ": " : "",
		    card_strerror(err));
		return EXIT_SYSTEM;
	}
	return report_refusal(persocard_card_get_profile(card), what, tag, sw,
			      missing, nr_missing);
}

int report_refusal(const struct persocard_profile *prof, const char *what,
		   const char *tag, uint16_t sw, const uint16_t *missing,
		   unsigned int nr_missing)
{
	char name[TAG_NAME_SIZE];
	unsigned int i, tries;

	fflush(stdout);
	fprintf(stderr, "persocard: %s: ", what);
	if (tag)
		fprintf(stderr, "%s: ", tag);
	fputs(persocard_sw_str(sw), stderr);
	if ((sw & 0xFFF0) == PERSOCARD_SW_VERIFY_FAILED) {
		tries = sw & 0xF;
		if (!tries)
			fputs(", no tries left, card blocked", stderr);
		else
			fprintf(stderr, ", %u %s left", tries,
				tries == 1 ? "try" : "tries");
	}
	if (sw == PERSOCARD_SW_WRONG_DATA && missing && nr_missing) {
		fputs(", missing:", stderr);
		for (i = 0; i < nr_missing; i++)
			fprintf(stderr, "%s %s (0x%04" PRIX16 ")",
				i ? "," : "",
				profile_tag_name(prof, missing[i], name,
						 sizeof(name)),
				missing[i]);
	}
	fprintf(stderr, " (SW %04" PRIX16 ")\n", sw);
	return EXIT_REFUSED;
}
