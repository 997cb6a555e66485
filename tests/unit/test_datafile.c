// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Host-side unit tests of libpersocard's data-file parser and its check
 * against a profile (read from a card in memory: fake_card.h). Each bad
 * file gets its documented errno, line and message.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpersocard.h>

#include "../lib/tap.h"
#include "fake_card.h"
#include "unit.h"

static char tmpdir[] = "/tmp/persocard-unit.XXXXXX";
static const char *const files[] = { "good.perso", "key.bin", NULL };
static const struct persocard_profile *prof;

#define KEY	"0123456789ABCDEF0123456789ABCDEF"

/* @text parses and checks, or fails with @err on @line, @msg first. */
static void file_bad(const char *text, int err, unsigned int line,
		     const char *msg, const char *what)
{
	struct persocard_diag d = { 0 };
	struct persocard_datafile *df;
	int ret = -1;

	errno = 0;
	df = persocard_datafile_parse(text, strlen(text), tmpdir, &d);
	if (df)
		ret = persocard_datafile_check(df, prof, &d);
	ok(ret == -1 && errno == err && d.error == err && d.line == line &&
	   !strncmp(d.message, msg, strlen(msg)), "%s: line %u: %s", what,
	   line, msg);
	if (ret != -1 || errno != err || d.line != line)
		diag("got errno %d, line %u: \"%s\"", errno, d.line, d.message);
	persocard_datafile_free(df);
}

static void test_good(void)
{
	static const char good[] =
		"# a payment card\r\n"
		"profile payment\r\n"
		"\n"
		"pan 5413 3300 89   # PAN\r\n"
		"  0x5F20 \"J SMITH\"\n"
		"key @key.bin\n"
		"23040x 00";	/* not reached: the last line is checked below */
	struct persocard_diag d = { 0 };
	struct persocard_datafile *df;
	const struct persocard_tag *t;
	const uint8_t *v;
	char path[256];
	size_t len;

	write_in(tmpdir, "key.bin", "0123456789ABCDEF", 16);
	df = persocard_datafile_parse(good, strlen(good) - 10, tmpdir, &d);
	ok(df != NULL, "a good file parses");
	if (!df) {
		diag("%u: %s", d.line, d.message);
		skip(12, "no file");
		return;
	}
	is_str(persocard_datafile_get_profile_name(df), "payment",
	       "its profile line");
	is_int(persocard_datafile_get_nr_elements(df), 3, "three elements");
	is_str(persocard_datafile_get_key(df, 1), "0x5F20",
	       "a key as written");
	is_int(persocard_datafile_get_line(df, 2), 6, "on its line");
	v = persocard_datafile_get_value(df, 0, &len);
	ok(v && len == 5 && !memcmp(v, "\x54\x13\x33\x00\x89", 5),
	   "hex with blanks and a comment, CRLF");
	v = persocard_datafile_get_value(df, 2, &len);
	ok(v && len == 16 && !memcmp(v, "0123456789ABCDEF", 16),
	   "@FILE relative to the data file's folder");
	ok(!persocard_datafile_get_tag(df, 0) && errno == ENOENT,
	   "no tag before the check");
	ok(!persocard_datafile_get_key(df, 3) && errno == ERANGE,
	   "element 3: ERANGE");
	ok(!persocard_datafile_check(df, prof, &d), "checks against the profile");
	t = persocard_datafile_get_tag(df, 1);
	ok(t && persocard_tag_get_tag(t) == 0x5F20 &&
	   !strcmp(persocard_tag_get_name(t), "holder"),
	   "a number binds to the profile's element");
	persocard_datafile_free(df);

	/* Read from a path: @FILE is taken from the file's own folder. */
	write_in(tmpdir, "good.perso", "pan 5413330089\nkey @key.bin\n", 28);
	snprintf(path, sizeof(path), "%s/good.perso", tmpdir);
	df = persocard_datafile_read(path, &d);
	ok(df && !persocard_datafile_check(df, prof, &d),
	   "read from its path, @FILE beside it");
	persocard_datafile_free(df);
	snprintf(path, sizeof(path), "%s/no.perso", tmpdir);
	errno = 0;
	ok(!persocard_datafile_read(path, &d) && errno == ENOENT &&
	   d.line == 0, "a missing data file: ENOENT");
}

static void test_bad(void)
{
	static const char nul[] = "pan 5413330089\nkey \0 00\n";
	struct persocard_diag d = { 0 };
	char big[64 + 2 * 1025];

	errno = 0;
	ok(!persocard_datafile_parse(nul, sizeof(nul) - 1, NULL, &d) &&
	   errno == EINVAL && d.line == 2 &&
	   !strcmp(d.message, "a NUL byte: not a text file"),
	   "a NUL byte: EINVAL on its line");
	file_bad("pan 5413330089\nkey 01G3\n", EINVAL, 2,
		 "key: 'G' is not a hex digit", "bad hex");
	file_bad("pan 541333008\n", EINVAL, 1,
		 "pan: odd number of hex digits (9)", "odd digits");
	file_bad("pan 5413330089\nholder \"J SMI", EINVAL, 2,
		 "holder: missing closing quote", "a file cut in a quote");
	file_bad("pan 5413330089\nkey", EINVAL, 2, "key: missing value",
		 "a file cut after a tag");
	file_bad("pan @nokey.bin\n", ENOENT, 1,
		 "pan: nokey.bin: No such file", "a missing @FILE");
	memcpy(big, "big ", 4);
	memset(big + 4, 'A', 2 * 1025);
	big[4 + 2 * 1025] = '\0';
	file_bad(big, EMSGSIZE, 1, "big: value longer than 1024 bytes",
		 "an oversize value");
	file_bad("profile\n", EINVAL, 1, "profile needs a name",
		 "profile without a name");
	file_bad("profile payment sim\n", EINVAL, 1,
		 "unexpected 'sim' after the profile name", "two profile names");
	file_bad("profile bank\n", ENOENT, 1, "unknown profile 'bank'",
		 "an unknown profile");
	file_bad("profile payment\npan 5413330089\nprofile payment\n", EEXIST,
		 3, "second profile line (the first is line 1)",
		 "a second profile line");
	file_bad("profile sim\npan 5413330089\n", EMEDIUMTYPE, 1,
		 "the file is for a sim card, the card is payment",
		 "a file for another profile");
	file_bad("pan 5413330089\nnope 00\nkey " KEY "\n", ENOENT, 2,
		 "no element 'nope' in the payment profile", "an unknown tag");
	file_bad("pan 5413330089\n0x1234 00\n", ENOENT, 2,
		 "no element '0x1234' in the payment profile",
		 "a number the profile lacks");
	file_bad("pan 5413330089\nkey " KEY "\n0x5A00 5413330089\n", EEXIST, 3,
		 "pan: given twice (first on line 1)",
		 "an element given twice, by name then number");
	file_bad("pan 54133300\nkey " KEY "\n", ERANGE, 1,
		 "pan: 4 bytes, must be 5 to 10", "a value too short");
	file_bad("pan 5413330089\nkey 00\n", ERANGE, 2,
		 "key: 1 byte", "a fixed length");
	file_bad("pan 5413330089\n", ENODATA, 0,
		 "missing mandatory element: key (0x8000)",
		 "a mandatory element missing");
	file_bad("# nothing\n", ENODATA, 0,
		 "missing mandatory elements: pan (0x5A00), key (0x8000)",
		 "an empty file");
}

int main(void)
{
	struct fake_card card = { 0 };
	struct persocard_transport *t;

	plan(32);
	if (!mkdtemp(tmpdir))
		bail_out("mkdtemp");
	t = persocard_transport_new_apdu(fake_transmit, &card);
	prof = t ? persocard_transport_get_profile(t) : NULL;
	if (!prof)
		bail_out("no profile from the card in memory");
	test_good();
	test_bad();
	persocard_transport_free(t);
	cleanup(tmpdir, files);
	return done();
}
