/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * What the parts of libpersocard share; never installed.
 */
#ifndef PERSOCARD_INTERNAL_H
#define PERSOCARD_INTERNAL_H

#include <libpersocard.h>
#include <stdarg.h>
#include <stdint.h>

/* Everything else stays hidden: -fvisibility=hidden is the default. */
#define PERSOCARD_API __attribute__((visibility("default")))
#define PRINTF(f, a)	__attribute__((format(printf, f, a)))
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

#define PERSOCARD_SYSFS_CLASS	"/sys/class/persocard"
#define PERSOCARD_DEV_PREFIX	"/dev/persocard"

/* Longest data file or code file read. */
#define PERSOCARD_FILE_MAX	(1024 * 1024)

struct persocard_tag {
	uint16_t tag;
	uint16_t min_len;
	uint16_t max_len;
	uint16_t flags;
	char name[PERSOCARD_NAME_LEN];
};

struct persocard_profile {
	unsigned int id;
	unsigned int nr_tags;
	struct persocard_tag tags[PERSOCARD_MAX_TAGS];
};

struct persocard_card {
	int fd;
	char *path;
	unsigned int index;
	uint16_t last_sw;
	/* Read once at open: the profile of a used card cannot change. */
	struct persocard_profile profile;
};

struct persocard_card_status {
	struct persocard_status st;
};

struct persocard_card_info {
	struct persocard_info info;
};

int persocard_ioctl(struct persocard_card *card, unsigned long request,
		    void *arg, const uint16_t *sw);

/*
 * Send a command whose argument @arg has a status word in arg->sw: 0 on
 * 9000, else -1 with errno (EREMOTEIO for a refusal). Records last_sw.
 */
#define card_ioctl(card, request, arg) \
	persocard_ioctl(card, request, arg, &(arg)->sw)

/* profile.c: the PROFILE ioctl, descriptor by descriptor. */
int profile_read(struct persocard_card *card);
void tag_from_desc(struct persocard_tag *t, const struct persocard_tag_desc *d);

/* diag.c: fill @diag (may be NULL), set errno; return -1. */
int diag_set(struct persocard_diag *diag, int err, unsigned int line,
	     const char *fmt, ...) PRINTF(4, 5);
int diag_vset(struct persocard_diag *diag, int err, unsigned int line,
	      const char *fmt, va_list ap) PRINTF(4, 0);

void diag_prefix(struct persocard_diag *diag, const char *prefix);

/* io.c: whole files, buffers grown by copy and wipe (never realloc). */
int read_all(int fd, size_t max, char **buf, size_t *len);
int read_file(const char *path, size_t max, char **buf, size_t *len);

/* lex.c: the blanks and words of the language. */
int is_blank(char c);
const char *skip_blanks(const char *s);
char *next_word(char **s);
int blank_or_comment(const char *s);
int hex_digit(char c);

/* datafile.c: whether @df was checked against a profile equal to @prof. */
int datafile_checked(const struct persocard_datafile *df,
		     const struct persocard_profile *prof);

/* apdu.c: the commands as APDUs; each returns the APDU's length. */
#define APDU_BLOCK_MAX	255	/* a short Lc: longer values chain */
#define APDU_RESP_MAX	(256 + 2)	/* short Le at most, and SW1 SW2 */
size_t apdu_enable(uint8_t *apdu);
size_t apdu_verify(uint8_t *apdu, const void *code, size_t len);
size_t apdu_put_block(uint8_t *apdu, uint16_t tag, const uint8_t *data,
		      size_t len, int more);
size_t apdu_lock(uint8_t *apdu);
size_t apdu_get_status(uint8_t *apdu);
size_t apdu_get_tag(uint8_t *apdu, unsigned int index);
int apdu_tag_decode(const uint8_t *resp, size_t len, struct persocard_tag *t,
		    unsigned int *nr_tags);

/* names.c */
unsigned int profile_id(const char *name);

#endif /* PERSOCARD_INTERNAL_H */
