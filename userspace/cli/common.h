/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What every subcommand of persocard shares: exit statuses, messages,
 * card selection and the report of a command the card refused.
 */
#ifndef PERSOCARD_CLI_COMMON_H
#define PERSOCARD_CLI_COMMON_H

#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>

#include <libpersocard.h>

/* The exit statuses of cli.rst. */
enum {
	EXIT_REFUSED	= 1,	/* the card refused a command */
	EXIT_USAGE	= 2,	/* bad usage, argument, value or data file */
	EXIT_SYSTEM	= 3,	/* device or system error */
};

#define PRINTF(f, a)	__attribute__((format(printf, f, a)))
#define NORETURN	__attribute__((noreturn))
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* The subcommand running, for "persocard: SUBCOMMAND: DETAIL". */
extern const char *subcommand;

void msg(const char *what, const char *fmt, ...) PRINTF(2, 3);
void NORETURN die(int status, const char *fmt, ...) PRINTF(2, 3);
void NORETURN die_errno(const char *fmt, ...) PRINTF(1, 2);
void NORETURN die_usage(const char *fmt, ...) PRINTF(1, 2);
void NORETURN die_nomem(void);

void *xmalloc(size_t size);
void *xzalloc(size_t size);
char *xstrdup(const char *s);
char *xasprintf(const char *fmt, ...) PRINTF(1, 2);
void wipe_free(void *p, size_t len);
void wipe_str(char *s);

/* getopt_long error handling, shared by every subcommand's option loop. */
void NORETURN bad_option(int opt, int optopt, char **argv);
void no_more_args(int argc, char **argv);

/* -c N, -d PATH */
struct card_sel {
	const char *path;
	unsigned int index;
	bool by_index;
};

#define CARD_LONGOPTS \
	{ "card",	required_argument,	NULL,	'c' }, \
	{ "device",	required_argument,	NULL,	'd' }
#define CARD_SHORTOPTS	"c:d:"

void card_sel_opt(struct card_sel *sel, int opt, const char *arg);
const char *card_sel_name(const struct card_sel *sel, char *buf, size_t size);
struct persocard_card *card_open(const struct card_sel *sel);
struct persocard_card *card_open_flags(const struct card_sel *sel,
				       unsigned int flags);

bool parse_uint(const char *s, unsigned long max, unsigned long *val);

/* A tag's name, or "0x5A00" when @t is NULL or has none. */
const char *tag_label(const struct persocard_tag *t, uint16_t tag, char *buf,
		      size_t size);
#define TAG_NAME_SIZE	(PERSOCARD_NAME_LEN + 8)

/* The name of tag @tag in @prof, or "0x5A00" for one it lacks. */
const char *profile_tag_name(const struct persocard_profile *prof,
			     uint16_t tag, char *buf, size_t size);

/*
 * Look a tag up by name or number.  A number outside the profile is
 * accepted (*t NULL) so the card can answer 6A88 for it; an unknown
 * name is not, as it has no number to send.
 */
int tag_parse(const struct persocard_profile *prof, const char *s,
	      uint16_t *tag, const struct persocard_tag **t);

const char *profile_str(unsigned int profile);
const char *state_str(unsigned int state);
const char *card_state(struct persocard_card *card);

/* Print "WHAT: OK (SW 9000), STATE" after a command the card accepted. */
void print_ok(struct persocard_card *card, const char *what);
void print_ok_state(const char *what, const char *state);

/*
 * Print "put: NAME (0xTAG, N bytes): OK (SW 9000), STATE" after an accepted
 * PUT PERSO DATA, so a log shows which element went where.
 */
void print_put_ok(struct persocard_card *card, uint16_t tag, size_t len);
void print_put_line(const char *name, uint16_t tag, size_t len,
		    const char *state);
/* The same line for command @what (store-data: its first element). */
void print_step_line(const char *what, const char *name, uint16_t tag,
		     size_t len, const char *state);

/* strerror(), for an error of a card already open. */
const char *card_strerror(int err);

/*
 * Report a command that failed: a refusal as "WHAT: [TAG: ]TEXT (SW XXXX)",
 * anything else with strerror.  @missing lists LOCK's missing elements.
 *
 * Return: EXIT_REFUSED or EXIT_SYSTEM.
 */
int report_failure(struct persocard_card *card, const char *what,
		   const char *tag, const uint16_t *missing,
		   unsigned int nr_missing);

/*
 * Report status word @sw refusing @what, as report_failure() does; @prof
 * names the missing elements.
 *
 * Return: EXIT_REFUSED.
 */
int report_refusal(const struct persocard_profile *prof, const char *what,
		   const char *tag, uint16_t sw, const uint16_t *missing,
		   unsigned int nr_missing);

#endif /* PERSOCARD_CLI_COMMON_H */
