// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Host-side unit tests of libpersocard's value, code and tag parsers: no
 * device, no guest. Each bad input gets its documented errno and message.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libpersocard.h>

#include "../lib/tap.h"
#include "unit.h"

static char tmpdir[] = "/tmp/persocard-unit.XXXXXX";
static const char *const files[] = {
	"key.bin", "big.bin", "huge.bin", "code.txt", NULL,
};

static void write_file(const char *name, const void *data, size_t len)
{
	write_in(tmpdir, name, data, len);
}

/* @s parses to the @want_len bytes @want. */
static void value_ok(const char *s, const char *dir, const void *want,
		     size_t want_len, const char *what)
{
	struct persocard_diag d = { 0 };
	uint8_t *v = NULL;
	size_t len = 0;
	int ret = persocard_parse_value(s, dir, &v, &len, &d);

	ok(!ret && len == want_len && !memcmp(v, want, len), "%s", what);
	if (ret)
		diag("refused: %s", d.message);
	persocard_secret_free(v, len);
}

/* @s is refused with @err and a message starting with @msg. */
static void value_bad(const char *s, const char *dir, int err,
		      const char *msg, const char *what)
{
	struct persocard_diag d = { 0 };
	uint8_t *v = NULL;
	size_t len = 0;
	int ret;

	errno = 0;
	ret = persocard_parse_value(s, dir, &v, &len, &d);
	ok(ret == -1 && errno == err && d.error == err &&
	   !strncmp(d.message, msg, strlen(msg)), "%s: %s", what, msg);
	if (ret != -1 || errno != err)
		diag("got %d, errno %d, \"%s\"", ret, errno, d.message);
	if (!ret)
		persocard_secret_free(v, len);
}

static void test_values(void)
{
	char big[2 * 1025 + 1], file[1025];

	value_ok("5413330089", NULL, "\x54\x13\x33\x00\x89", 5, "hex digits");
	value_ok("54 13 3300\t89", NULL, "\x54\x13\x33\x00\x89", 5,
		 "hex with blanks between");
	value_ok("hex:0a0B", NULL, "\x0a\x0b", 2, "hex: prefix, either case");
	value_ok("0A0B   # a comment", NULL, "\x0a\x0b", 2,
		 "hex then a comment");
	value_ok("\"AB\\x41\\n\\t\\\\\\\"\"", NULL, "ABA\n\t\\\"", 7,
		 "quoted text with every escape");
	value_ok("\"J SMITH\"  # holder", NULL, "J SMITH", 7,
		 "quoted text then a comment");
	value_ok("text:a b # not a comment", NULL, "a b # not a comment", 19,
		 "text: takes the rest verbatim");
	value_ok("\"\"", NULL, "", 0, "an empty quoted value");

	write_file("key.bin", "0123456789ABCDEF", 16);
	value_ok("@key.bin  ", tmpdir, "0123456789ABCDEF", 16,
		 "@FILE relative to the given folder, trailing blanks dropped");
	memset(file, 'x', sizeof(file));
	write_file("big.bin", file, 1024);
	value_ok("@big.bin", tmpdir, file, 1024, "@FILE of 1024 bytes");
	write_file("huge.bin", file, 1025);

	value_bad("0G", NULL, EINVAL, "'G' is not a hex digit", "bad hex");
	value_bad("ABC", NULL, EINVAL, "odd number of hex digits (3)",
		  "odd digits");
	value_bad("zz", NULL, EINVAL, "not a value: give hex digits",
		  "not a value");
	value_bad("", NULL, EINVAL, "missing value", "empty");
	memset(big, 'A', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	value_bad(big, NULL, EMSGSIZE, "value longer than 1024 bytes",
		  "oversize hex");
	value_bad("\"abc", NULL, EINVAL, "missing closing quote",
		  "truncated quoted text");
	value_bad("\"abc\\", NULL, EINVAL, "missing closing quote",
		  "truncated after a backslash");
	value_bad("\"\\q\"", NULL, EINVAL, "unknown escape '\\q'",
		  "unknown escape");
	value_bad("\"\\x4\"", NULL, EINVAL, "\\x needs two hex digits",
		  "short \\x");
	value_bad("\"a\" b", NULL, EINVAL, "unexpected 'b' after the closing quote",
		  "text after the quote");
	value_bad("@", NULL, EINVAL, "'@' needs a file name", "bare @");
	value_bad("@nofile.bin", tmpdir, ENOENT, "nofile.bin: No such file",
		  "missing @FILE");
	value_bad("@huge.bin", tmpdir, EMSGSIZE,
		  "huge.bin: larger than 1024 bytes", "oversize @FILE");
	memset(big, 'a', 1030);
	memcpy(big, "text:", 5);
	big[1030] = '\0';
	value_bad(big, NULL, EMSGSIZE, "value longer than 1024 bytes",
		  "oversize text:");
}

static void test_hex_and_codes(void)
{
	struct persocard_diag d = { 0 };
	uint8_t *v = NULL;
	char code[40];
	size_t len = 0;

	ok(!persocard_parse_hex("80 CA 5A 00 00", 1033, "APDU", &v, &len, &d) &&
	   len == 5 && !memcmp(v, "\x80\xCA\x5A\x00\x00", 5), "an APDU in hex");
	persocard_secret_free(v, len);
	errno = 0;
	ok(persocard_parse_hex("80CA5A0000", 4, "APDU", &v, &len, &d) == -1 &&
	   errno == EMSGSIZE && !strcmp(d.message, "APDU longer than 4 bytes"),
	   "hex over its bound: EMSGSIZE");
	ok(persocard_parse_hex("\"text\"", 8, "APDU", &v, &len, &d) == -1 &&
	   errno == EINVAL, "hex only: no quoted text");

	ok(!persocard_parse_code("1234", &v, &len, &d) && len == 4 &&
	   !memcmp(v, "1234", 4), "a code as typed");
	persocard_secret_free(v, len);
	ok(!persocard_parse_code("hex:00FF0102", &v, &len, &d) && len == 4 &&
	   !memcmp(v, "\x00\xFF\x01\x02", 4), "a code in hex:");
	persocard_secret_free(v, len);
	errno = 0;
	ok(persocard_parse_code("123", &v, &len, &d) == -1 &&
	   errno == EMSGSIZE &&
	   !strcmp(d.message, "the perso code must be 4 to 32 bytes, not 3"),
	   "a short code: EMSGSIZE");
	memset(code, '7', 33);
	code[33] = '\0';
	ok(persocard_parse_code(code, &v, &len, &d) == -1 && errno == EMSGSIZE,
	   "a 33-byte code: EMSGSIZE");
	ok(persocard_parse_code("hex:", &v, &len, &d) == -1 &&
	   errno == EINVAL && !strcmp(d.message, "hex: needs hex digits"),
	   "hex: alone: EINVAL");
	ok(persocard_parse_code("hex:3G313233", &v, &len, &d) == -1 &&
	   errno == EINVAL &&
	   !strcmp(d.message, "perso code: 'G' is not a hex digit"),
	   "a code with bad hex: EINVAL, named");
}

static void test_code_sources(void)
{
	struct persocard_diag d = { 0 };
	char path[256];
	uint8_t *v = NULL;
	size_t len = 0;

	write_file("code.txt", "4321\r\nsecond line\n", 18);
	snprintf(path, sizeof(path), "%s/code.txt", tmpdir);
	ok(!persocard_code_from_file(path, &v, &len, &d) && len == 4 &&
	   !memcmp(v, "4321", 4), "a code file's first line, CR dropped");
	persocard_secret_free(v, len);
	snprintf(path, sizeof(path), "%s/no-code.txt", tmpdir);
	errno = 0;
	ok(persocard_code_from_file(path, &v, &len, &d) == -1 &&
	   errno == ENOENT, "a missing code file: ENOENT");

	unsetenv("PERSOCARD_CODE");
	is_int(persocard_code_from_env(&v, &len, &d), 0, "PERSOCARD_CODE unset");
	setenv("PERSOCARD_CODE", "hex:31323334", 1);
	ok(persocard_code_from_env(&v, &len, &d) == 1 && len == 4 &&
	   !memcmp(v, "1234", 4), "PERSOCARD_CODE in hex:");
	persocard_secret_free(v, len);
	setenv("PERSOCARD_CODE", "12", 1);
	ok(persocard_code_from_env(&v, &len, &d) == -1 && errno == EMSGSIZE,
	   "a short PERSOCARD_CODE: EMSGSIZE");
	unsetenv("PERSOCARD_CODE");
}

static void test_tag_numbers(void)
{
	static const char *const bad[] = {
		"5A00", "0x", "-1", "+1", " 1", "0x15A00", "65536", "", "0xG",
	};
	uint16_t tag = 0;
	size_t i;

	ok(!persocard_parse_tag_number("0x5A00", &tag) && tag == 0x5A00,
	   "0x5A00");
	ok(!persocard_parse_tag_number("0x5a00", &tag) && tag == 0x5A00,
	   "0x5a00");
	ok(!persocard_parse_tag_number("23040", &tag) && tag == 0x5A00,
	   "23040");
	ok(!persocard_parse_tag_number("65535", &tag) && tag == 0xFFFF,
	   "65535");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ok(persocard_parse_tag_number(bad[i], &tag) == -1 &&
		   errno == EINVAL, "'%s' is no tag number: EINVAL", bad[i]);
}

int main(void)
{
	plan(51);
	if (!mkdtemp(tmpdir))
		bail_out("mkdtemp");
	test_values();
	test_hex_and_codes();
	test_code_sources();
	test_tag_numbers();
	cleanup(tmpdir, files);
	return done();
}
