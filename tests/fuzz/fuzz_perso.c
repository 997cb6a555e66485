// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libFuzzer target: libpersocard's parsers of values, hex, perso codes,
 * tag numbers and data files (persocard-perso.h), built from the
 * library's sources with the fuzzer's flags. A data file that passes
 * persocard_datafile_check() against a profile is then personalized onto
 * the card OS itself (perso_card.c) through the library's APDU transport.
 *
 * Input: a selector byte (low 3 bits: 0 value, 1 hex, 2 code, 3 tag
 * number, 4-7 data file; the next bits: the profile), then the text.
 * @FILE names a file of a small in-memory folder /fuzz (read_file() is
 * wrapped at link time): key.bin (16 bytes), big.bin (1024), huge.bin
 * (1025), empty; everything else does not exist.
 *
 * Checked: a failure sets errno, diag->error alike and a message; a
 * success returns what the syntax allows (lengths, ranges); a value
 * written back as hex and as quoted text parses to the same bytes; a data
 * file's elements have keys, lines and values in bounds; a checked file
 * has every mandatory element, each within its bounds; personalize()
 * returns 0 iff the card is PERSONALIZED, and then its public elements
 * read back as the file gave them.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpersocard.h>

#include "fzk.h"

#define check(cond, ...) do { \
	if (!(cond)) { \
		fprintf(stderr, "invariant broken at %s:%d: %s: ", \
			__FILE__, __LINE__, #cond); \
		fprintf(stderr, __VA_ARGS__); \
		fputc('\n', stderr); \
		__builtin_trap(); \
	} } while (0)

#define DIR_	"/fuzz"

/* The in-memory folder @FILE values read from (see above). */
int __wrap_read_file(const char *path, size_t max, char **buf, size_t *len);
int __wrap_read_file(const char *path, size_t max, char **bufp, size_t *lenp)
{
	static const struct { const char *name; size_t len; } files[] = {
		{ DIR_ "/key.bin", 16 }, { DIR_ "/big.bin", 1024 },
		{ DIR_ "/huge.bin", 1025 }, { DIR_ "/empty", 0 },
	};
	size_t i, j;

	if (!strcmp(path, DIR_) || !strcmp(path, DIR_ "/")) {
		errno = EISDIR;
		return -1;
	}
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		char *buf;

		if (strcmp(path, files[i].name))
			continue;
		if (files[i].len > max) {
			errno = EFBIG;
			return -1;
		}
		buf = malloc(files[i].len + 1);
		if (!buf)
			return -1;
		for (j = 0; j < files[i].len; j++)
			buf[j] = 'A' + j % 26;
		buf[files[i].len] = '\0';
		*bufp = buf;
		*lenp = files[i].len;
		return 0;
	}
	errno = ENOENT;
	return -1;
}

/* What every failure must leave: errno and @d alike, and a message. */
static void check_failure(int ret, const struct persocard_diag *d,
			  const char *what)
{
	int err = errno;

	check(ret == -1, "%s returned %d", what, ret);
	check(err && d->error == err, "%s: errno %d, diag %d", what, err,
	      d->error);
	check(memchr(d->message, '\0', sizeof(d->message)) && d->message[0],
	      "%s: message", what);
}

/* @v, @len written as hex and as quoted text parse back to themselves. */
static void check_round_trip(const uint8_t *v, size_t len)
{
	static char text[4 * PERSOCARD_VALUE_MAX_LEN + 16];
	struct persocard_diag d = { 0 };
	int form;

	for (form = 0; form < 2; form++) {
		char *p = text;
		uint8_t *back;
		size_t i, n;

		if (!len)
			break;	/* hex: needs digits; "" is checked below */
		p += sprintf(p, form ? "\"" : "hex:");
		for (i = 0; i < len; i++)
			p += sprintf(p, form ? "\\x%02X" : "%02X", v[i]);
		if (form)
			p += sprintf(p, "\"");
		check(!persocard_parse_value(text, NULL, &back, &n, &d),
		      "round trip %d: %s", form, d.message);
		check(n == len && !memcmp(back, v, len), "round trip %d", form);
		persocard_secret_free(back, n);
	}
}

static void fuzz_value(const char *s)
{
	struct persocard_diag d = { 0 };
	uint8_t *v;
	size_t len;
	int ret;

	errno = 0;
	ret = persocard_parse_value(s, DIR_, &v, &len, &d);
	if (ret) {
		check_failure(ret, &d, "parse_value");
		return;
	}
	check(v && len <= PERSOCARD_VALUE_MAX_LEN, "a value of %zu bytes", len);
	check_round_trip(v, len);
	persocard_secret_free(v, len);
}

static void fuzz_hex(const char *s, size_t max)
{
	struct persocard_diag d = { 0 };
	uint8_t *v;
	size_t len;
	int ret;

	errno = 0;
	ret = persocard_parse_hex(s, max, "APDU", &v, &len, &d);
	if (ret) {
		check_failure(ret, &d, "parse_hex");
		return;
	}
	check(v && len <= max, "%zu hex bytes, at most %zu", len, max);
	persocard_secret_free(v, len);
}

static void fuzz_code(const char *s)
{
	struct persocard_diag d = { 0 };
	uint8_t *v;
	size_t len;
	int ret;

	errno = 0;
	ret = persocard_parse_code(s, &v, &len, &d);
	if (ret) {
		check_failure(ret, &d, "parse_code");
		return;
	}
	check(len >= PERSOCARD_CODE_MIN_LEN && len <= PERSOCARD_CODE_MAX_LEN,
	      "a code of %zu bytes", len);
	persocard_secret_free(v, len);
}

static void fuzz_tag(const char *s)
{
	char text[16];
	uint16_t tag, back;

	errno = 0;
	if (persocard_parse_tag_number(s, &tag)) {
		check(errno == EINVAL, "parse_tag_number: errno %d", errno);
		return;
	}
	snprintf(text, sizeof(text), "0x%04X", tag);
	check(!persocard_parse_tag_number(text, &back) && back == tag,
	      "tag %s", text);
	snprintf(text, sizeof(text), "%u", tag);
	check(!persocard_parse_tag_number(text, &back) && back == tag,
	      "tag %s", text);
}

/* Personalize @df onto a new card: 0 iff PERSONALIZED, values read back. */
static void personalize(struct persocard_transport *t, struct fzk_card *card,
			struct persocard_datafile *df)
{
	static uint8_t value[PERSOCARD_VALUE_MAX_LEN];
	size_t i, n = persocard_datafile_get_nr_elements(df);
	int ret;

	ret = persocard_personalize(t, df, FZK_CODE, strlen(FZK_CODE), 0,
				    NULL, NULL);
	check((ret == 0) == (fzk_state(card) == PERSOCARD_STATE_PERSONALIZED),
	      "personalize %d, state %d", ret, fzk_state(card));
	if (ret)
		return;
	for (i = 0; i < n; i++) {
		const struct persocard_tag *tag = persocard_datafile_get_tag(df, i);
		const uint8_t *v;
		size_t len;
		uint16_t got, sw;

		v = persocard_datafile_get_value(df, i, &len);
		sw = fzk_get_data(card, persocard_tag_get_tag(tag), value, &got);
		if (persocard_tag_is_secret(tag))
			check(sw == PERSOCARD_SW_SECURITY_STATUS,
			      "secret %s: %04x", persocard_tag_get_name(tag), sw);
		else
			check(sw == PERSOCARD_SW_OK && got == len &&
			      !memcmp(value, v, len), "%s reads back %04x",
			      persocard_tag_get_name(tag), sw);
	}
}

static void check_checked(struct persocard_datafile *df,
			  const struct persocard_profile *prof)
{
	size_t i, n = persocard_datafile_get_nr_elements(df);
	unsigned int j;

	for (i = 0; i < n; i++) {
		const struct persocard_tag *tag = persocard_datafile_get_tag(df, i);
		size_t len;

		check(tag, "element %zu has no tag after the check", i);
		persocard_datafile_get_value(df, i, &len);
		check(len >= persocard_tag_get_min_len(tag) &&
		      len <= persocard_tag_get_max_len(tag),
		      "%s of %zu bytes passed", persocard_tag_get_name(tag), len);
	}
	for (j = 0; j < persocard_profile_get_nr_tags(prof); j++) {
		const struct persocard_tag *tag = persocard_profile_get_tag(prof, j);
		bool found = false;

		if (!persocard_tag_is_mandatory(tag))
			continue;
		for (i = 0; i < n; i++)
			found |= persocard_datafile_get_tag(df, i) != NULL &&
				 persocard_tag_get_tag(persocard_datafile_get_tag(df, i)) ==
				 persocard_tag_get_tag(tag);
		check(found, "mandatory %s missing", persocard_tag_get_name(tag));
	}
}

static void fuzz_datafile(const uint8_t *data, size_t size, unsigned int profile)
{
	struct persocard_diag d = { 0 };
	struct persocard_datafile *df;
	struct persocard_transport *t;
	const struct persocard_profile *prof;
	struct fzk_card *card;
	unsigned int lines = 1;
	char *text = malloc(size ? size : 1);	/* exactly: no NUL after it */
	size_t i, n;
	int ret;

	memcpy(text, data, size);
	for (i = 0; i < size; i++)
		lines += data[i] == '\n';
	errno = 0;
	df = persocard_datafile_parse(text, size, DIR_, &d);
	if (!df) {
		check_failure(-1, &d, "datafile_parse");
		check(d.line <= lines, "line %u of %u", d.line, lines);
		free(text);
		return;
	}
	n = persocard_datafile_get_nr_elements(df);
	for (i = 0; i < n; i++) {
		const char *key = persocard_datafile_get_key(df, i);
		unsigned int line = persocard_datafile_get_line(df, i);
		size_t len;
		const uint8_t *v = persocard_datafile_get_value(df, i, &len);

		check(key && *key && v && len <= PERSOCARD_VALUE_MAX_LEN,
		      "element %zu", i);
		check(line >= 1 && line <= lines, "line %u of %u", line, lines);
		check(!persocard_datafile_get_tag(df, i) && errno == ENOENT,
		      "a tag before the check");
	}
	check(!persocard_datafile_get_key(df, n) && errno == ERANGE,
	      "key past the end");

	card = fzk_card_new(profile);
	t = persocard_transport_new_apdu(fzk_transmit, card);
	check(t, "transport");
	prof = persocard_transport_get_profile(t);
	check(prof && persocard_profile_get_id(prof) == profile,
	      "the card's profile");
	errno = 0;
	ret = persocard_datafile_check(df, prof, &d);
	if (ret) {
		check_failure(ret, &d, "datafile_check");
		check(d.line <= lines, "line %u of %u", d.line, lines);
	} else {
		check_checked(df, prof);
		personalize(t, card, df);
	}
	persocard_transport_free(t);
	fzk_card_free(card);
	persocard_datafile_free(df);
	free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t sel;
	char *s;

	if (!size)
		return 0;
	sel = data[0];
	data++;
	size--;
	if ((sel & 7) >= 4) {
		fuzz_datafile(data, size, 1 + (sel >> 3) % 3);
		return 0;
	}
	s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	switch (sel & 7) {
	case 0:
		fuzz_value(s);
		break;
	case 1:
		fuzz_hex(s, (sel >> 3) * 40);
		break;
	case 2:
		fuzz_code(s);
		break;
	default:
		fuzz_tag(s);
		break;
	}
	free(s);
	return 0;
}
