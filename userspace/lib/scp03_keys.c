// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * SCP03 key files and security level names.  A key file holds a card's
 * static keys: lines "kvn HH", "enc HEX", "mac HEX", "dek HEX", each once;
 * every copy of its text is wiped.  Keys never come from a command line.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "internal.h"

/* A key file is a few lines: anything larger is not one. */
#define KEYFILE_MAX	(64 * 1024)

enum { KVN, ENC, MAC, DEK, NR_FIELDS };

static const char *const field_names[NR_FIELDS] = { "kvn", "enc", "mac", "dek" };

/*
 * Hex digits, blanks allowed between bytes' digits, up to the end or a #
 * comment, into @out (room for @max bytes).  Return the number of bytes,
 * -1 for a bad digit or an odd count, -2 for more than @max bytes.
 */
static int parse_key_hex(const char *s, uint8_t *out, size_t max)
{
	size_t n = 0;
	int hi = -1, d;

	for (; *s && *s != '#'; s++) {
		if (is_blank(*s))
			continue;
		d = hex_digit(*s);
		if (d < 0)
			return -1;
		if (hi < 0) {
			hi = d;
			continue;
		}
		if (n == max)
			return -2;
		out[n++] = hi << 4 | d;
		hi = -1;
	}
	return hi < 0 ? (int)n : -1;
}

static int parse_line(struct persocard_scp03_keys *keys, char *s,
		      unsigned int line, unsigned int *seen,
		      struct persocard_diag *diag)
{
	uint8_t buf[PERSOCARD_SCP03_KEY_MAX], *dst[NR_FIELDS] = {
		NULL, keys->enc, keys->mac, keys->dek,
	};
	const char *word = next_word(&s);
	int f, n;

	for (f = 0; f < NR_FIELDS; f++)
		if (!strcmp(word, field_names[f]))
			break;
	if (f == NR_FIELDS)
		return diag_set(diag, EINVAL, line,
				"unknown word '%s': kvn, enc, mac or dek expected",
				word);
	if (seen[f])
		return diag_set(diag, EEXIST, line,
				"%s given twice (first on line %u)",
				field_names[f], seen[f]);
	if (blank_or_comment(s))
		return diag_set(diag, EINVAL, line, "%s: missing value",
				field_names[f]);
	n = parse_key_hex(s, buf, sizeof(buf));
	if (n == -1) {
		explicit_bzero(buf, sizeof(buf));
		return diag_set(diag, EINVAL, line,
				"%s: hex digits expected, in pairs",
				field_names[f]);
	}
	if (f == KVN) {
		if (n != 1 || !buf[0] || buf[0] > 0x7F)
			return diag_set(diag, EINVAL, line,
					"kvn: one byte 01 to 7F expected");
		keys->kvn = buf[0];
	} else {
		if (n != 16 && n != 24 && n != 32) {
			explicit_bzero(buf, sizeof(buf));
			if (n == -2)
				return diag_set(diag, EMSGSIZE, line,
						"%s: longer than 32 bytes: AES keys are 16, 24 or 32",
						field_names[f]);
			return diag_set(diag, EMSGSIZE, line,
					"%s: AES keys are 16, 24 or 32 bytes, not %d",
					field_names[f], n);
		}
		if (keys->len && keys->len != n) {
			explicit_bzero(buf, sizeof(buf));
			return diag_set(diag, EINVAL, line,
					"%s: %d bytes, but the keys before are %u: the three keys have one length",
					field_names[f], n, keys->len);
		}
		keys->len = n;
		memcpy(dst[f], buf, n);
		explicit_bzero(buf, sizeof(buf));
	}
	seen[f] = line;
	return 0;
}

static int parse(struct persocard_scp03_keys *keys, char *buf, size_t len,
		 struct persocard_diag *diag)
{
	unsigned int seen[NR_FIELDS] = { 0 }, line = 0;
	char *s, *nl, *nul;
	int f;

	nul = memchr(buf, '\0', len);
	if (nul) {
		for (line = 1; nul > buf; nul--)
			line += nul[-1] == '\n';
		return diag_set(diag, EINVAL, line, "a NUL byte: not a text file");
	}
	for (s = buf; s && s < buf + len; s = nl ? nl + 1 : NULL) {
		nl = strchr(s, '\n');
		if (nl) {
			*nl = '\0';
			if (nl > s && nl[-1] == '\r')
				nl[-1] = '\0';
		}
		line++;
		if (blank_or_comment(s))
			continue;
		if (parse_line(keys, (char *)skip_blanks(s), line, seen, diag))
			return -1;
	}
	for (f = 0; f < NR_FIELDS; f++)
		if (!seen[f])
			return diag_set(diag, ENODATA, 0, "no %s line",
					field_names[f]);
	return 0;
}

PERSOCARD_API int persocard_scp03_keys_parse(const char *text, size_t len,
					     struct persocard_scp03_keys *keys,
					     struct persocard_diag *diag)
{
	char *buf;
	int ret, err;

	if ((!text && len) || !keys)
		return diag_set(diag, EINVAL, 0, "%s", strerror(EINVAL));
	memset(keys, 0, sizeof(*keys));
	buf = malloc(len + 1);
	if (!buf)
		return diag_set(diag, ENOMEM, 0, "%s", strerror(ENOMEM));
	if (len)
		memcpy(buf, text, len);
	buf[len] = '\0';
	ret = parse(keys, buf, len, diag);
	err = errno;
	persocard_secret_free(buf, len + 1);
	if (ret)
		persocard_scp03_keys_wipe(keys);
	errno = err;
	return ret;
}

PERSOCARD_API int persocard_scp03_keys_read(const char *path,
					    struct persocard_scp03_keys *keys,
					    struct persocard_diag *diag)
{
	char *buf;
	size_t len;
	int ret, err;

	if (!path || !keys)
		return diag_set(diag, EINVAL, 0, "%s", strerror(EINVAL));
	if (!strcmp(path, "-"))
		ret = read_all(STDIN_FILENO, KEYFILE_MAX, &buf, &len);
	else
		ret = read_file(path, KEYFILE_MAX, &buf, &len);
	if (ret && errno == EFBIG)
		return diag_set(diag, EFBIG, 0,
				"larger than %d bytes: not a key file",
				KEYFILE_MAX);
	if (ret)
		return diag_set(diag, errno, 0, "%s", strerror(errno));
	ret = persocard_scp03_keys_parse(buf, len, keys, diag);
	err = errno;
	persocard_secret_free(buf, len + 1);
	errno = err;
	return ret;
}

PERSOCARD_API void persocard_scp03_keys_wipe(struct persocard_scp03_keys *keys)
{
	if (keys)
		explicit_bzero(keys, sizeof(*keys));
}

static const struct {
	const char *name;
	unsigned int level;
} levels[] = {
	{ "cmac", PERSOCARD_SCP03_CMAC },
	{ "cdec", PERSOCARD_SCP03_CMAC | PERSOCARD_SCP03_CDEC },
	{ "rmac", PERSOCARD_SCP03_CMAC | PERSOCARD_SCP03_RMAC },
	{ "cdec-rmac", PERSOCARD_SCP03_CMAC | PERSOCARD_SCP03_CDEC |
		       PERSOCARD_SCP03_RMAC },
	{ "all", PERSOCARD_SCP03_CMAC | PERSOCARD_SCP03_CDEC |
		 PERSOCARD_SCP03_RMAC | PERSOCARD_SCP03_RENC },
};

PERSOCARD_API int persocard_scp03_level_parse(const char *s,
					      unsigned int *level)
{
	unsigned int i, v;
	int hi, lo;

	if (!s || !level)
		goto bad;
	for (i = 0; i < ARRAY_SIZE(levels); i++)
		if (!strcasecmp(s, levels[i].name)) {
			*level = levels[i].level;
			return 0;
		}
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		s += 2;
	hi = hex_digit(s[0]);
	lo = hi < 0 ? -1 : hex_digit(s[1]);
	if (lo < 0 || s[2])
		goto bad;
	v = hi << 4 | lo;
	for (i = 0; i < ARRAY_SIZE(levels); i++)
		if (v == levels[i].level) {
			*level = v;
			return 0;
		}
bad:
	errno = EINVAL;
	return -1;
}
