// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The chip under a card's NVM, through its debugfs folder: the power-cut
 * knob, the chip's figures and each page's program operations; and the
 * power-up after a cut, through sysfs present.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

struct persocard_maker_chip {
	unsigned long long program_ops, cuts, recoveries;
	unsigned int page_size, pages, erased;
	char unit[16];
	bool powered;
};

static int card_dir(char *buf, size_t size, const char *root,
		    unsigned int index)
{
	return card_path(buf, size, root, index);
}

/* A whole file, NUL-terminated, malloc'd: seq_file reads come in pieces. */
static char *read_text(const char *path)
{
	size_t len = 0, cap = 4096;
	char *buf, *grown;
	ssize_t n;
	int fd, err;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	buf = malloc(cap);
	if (!buf)
		goto nomem;
	for (;;) {
		if (cap - len < 2) {
			grown = cap > (1 << 24) ? NULL : realloc(buf, 2 * cap);
			if (!grown)
				goto nomem;
			buf = grown;
			cap *= 2;
		}
		n = read(fd, buf + len, cap - len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = errno;
			free(buf);
			close(fd);
			errno = err;
			return NULL;
		}
		if (!n)
			break;
		len += n;
	}
	close(fd);
	buf[len] = '\0';
	return buf;

nomem:
	free(buf);
	close(fd);
	errno = ENOMEM;
	return NULL;
}

int maker_power_cut_at(const struct maker_paths *p, unsigned int index,
		       const char *value)
{
	char dir[PATH_MAX_DEV];

	if (card_dir(dir, sizeof(dir), p->debugfs, index))
		return -1;
	return attr_writef(dir, "power_cut", value);
}

MAKER_API int persocard_maker_power_cut(unsigned int index, unsigned int op,
					unsigned int unit)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%u %u", op, unit);
	return maker_power_cut_at(&maker_system_paths, index, buf);
}

MAKER_API int persocard_maker_power_cut_off(unsigned int index)
{
	return maker_power_cut_at(&maker_system_paths, index, "off");
}

/* A decimal number, digits only, up to @end; 0 or -1. */
static int parse_ull(const char *s, char **end, unsigned long long max,
		     unsigned long long *val)
{
	unsigned long long v;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoull(s, end, 10);
	if (errno || v > max)
		return -1;
	*val = v;
	return 0;
}

int maker_power_cut_get_at(const struct maker_paths *p, unsigned int index,
			   int *armed, unsigned int *n, unsigned int *k)
{
	char dir[PATH_MAX_DEV], buf[64], *end;
	unsigned long long vn, vk;

	if (card_dir(dir, sizeof(dir), p->debugfs, index) ||
	    attr_read(dir, "power_cut", buf, sizeof(buf)))
		return -1;
	if (!strcmp(buf, "off")) {
		*armed = 0;
		return 0;
	}
	if (parse_ull(buf, &end, UINT_MAX, &vn) || *end != ' ' ||
	    parse_ull(end + 1, &end, UINT_MAX, &vk) || *end) {
		errno = EIO;
		return -1;
	}
	*armed = 1;
	*n = vn;
	*k = vk;
	return 0;
}

MAKER_API int persocard_maker_power_cut_get(unsigned int index,
					    unsigned int *op,
					    unsigned int *unit)
{
	unsigned int n = 0, k = 0;
	int armed;

	if (maker_power_cut_get_at(&maker_system_paths, index, &armed, &n, &k))
		return -1;
	if (armed) {
		if (op)
			*op = n;
		if (unit)
			*unit = k;
	}
	return armed;
}

int maker_power_up_at(const struct maker_paths *p, unsigned int index)
{
	char dir[PATH_MAX_DEV];

	if (card_dir(dir, sizeof(dir), p->sysfs, index))
		return -1;
	return attr_writef(dir, "present", "1");
}

MAKER_API int persocard_maker_power_up(unsigned int index)
{
	return maker_power_up_at(&maker_system_paths, index);
}

enum chip_field {
	F_PAGE_SIZE, F_PAGES, F_UNIT, F_ERASED, F_PROGRAM_OPS, F_POWERED,
	F_CUTS, F_RECOVERIES, NR_FIELDS
};

static const char *const field_names[NR_FIELDS] = {
	"page_size", "pages", "unit", "erased", "program_ops", "powered",
	"cuts", "recoveries",
};

/* One "key value" line into @chip; an unknown key is a newer module's. */
static int chip_line(struct persocard_maker_chip *chip, char *line,
		     unsigned int *seen)
{
	char *val = strchr(line, ' '), *end;
	unsigned long long v = 0;
	int f;

	if (!val)
		return -1;
	*val++ = '\0';
	for (f = 0; f < NR_FIELDS; f++)
		if (!strcmp(line, field_names[f]))
			break;
	if (f == NR_FIELDS)
		return 0;
	if (*seen & (1u << f))
		return -1;
	*seen |= 1u << f;
	if (f == F_UNIT) {
		if (!*val || strlen(val) >= sizeof(chip->unit))
			return -1;
		strcpy(chip->unit, val);
		return 0;
	}
	if (f == F_ERASED) {
		/* 0xff, as the kernel prints it. */
		errno = 0;
		v = strtoull(val, &end, 0);
		if (*val < '0' || *val > '9' || *end || errno || v > 0xff)
			return -1;
	} else if (parse_ull(val, &end, ULLONG_MAX, &v) || *end) {
		return -1;
	}
	switch (f) {
	case F_PAGE_SIZE:
	case F_PAGES:
		if (v > UINT_MAX)
			return -1;
		if (f == F_PAGE_SIZE)
			chip->page_size = v;
		else
			chip->pages = v;
		break;
	case F_ERASED:
		chip->erased = v;
		break;
	case F_PROGRAM_OPS:
		chip->program_ops = v;
		break;
	case F_POWERED:
		if (v > 1)
			return -1;
		chip->powered = v;
		break;
	case F_CUTS:
		chip->cuts = v;
		break;
	case F_RECOVERIES:
		chip->recoveries = v;
		break;
	}
	return 0;
}

struct persocard_maker_chip *maker_chip_get_at(const struct maker_paths *p,
					       unsigned int index)
{
	struct persocard_maker_chip *chip;
	char path[PATH_MAX_DEV], *text, *line, *save = NULL;
	unsigned int seen = 0;

	if (card_dir(path, sizeof(path) - 8, p->debugfs, index))
		return NULL;
	strcat(path, "/chip");
	text = read_text(path);
	if (!text)
		return NULL;
	chip = calloc(1, sizeof(*chip));
	if (!chip) {
		free(text);
		errno = ENOMEM;
		return NULL;
	}
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save))
		if (chip_line(chip, line, &seen))
			break;
	free(text);
	if (line || seen != (1u << NR_FIELDS) - 1) {
		free(chip);
		errno = EIO;
		return NULL;
	}
	return chip;
}

MAKER_API struct persocard_maker_chip *
persocard_maker_chip_get(unsigned int index)
{
	return maker_chip_get_at(&maker_system_paths, index);
}

MAKER_API void persocard_maker_chip_free(struct persocard_maker_chip *chip)
{
	free(chip);
}

MAKER_API unsigned int
persocard_maker_chip_page_size(const struct persocard_maker_chip *chip)
{
	return chip->page_size;
}

MAKER_API unsigned int
persocard_maker_chip_pages(const struct persocard_maker_chip *chip)
{
	return chip->pages;
}

MAKER_API const char *
persocard_maker_chip_unit(const struct persocard_maker_chip *chip)
{
	return chip->unit;
}

MAKER_API unsigned int
persocard_maker_chip_erased(const struct persocard_maker_chip *chip)
{
	return chip->erased;
}

MAKER_API unsigned long long
persocard_maker_chip_program_ops(const struct persocard_maker_chip *chip)
{
	return chip->program_ops;
}

MAKER_API bool
persocard_maker_chip_powered(const struct persocard_maker_chip *chip)
{
	return chip->powered;
}

MAKER_API unsigned long long
persocard_maker_chip_cuts(const struct persocard_maker_chip *chip)
{
	return chip->cuts;
}

MAKER_API unsigned long long
persocard_maker_chip_recoveries(const struct persocard_maker_chip *chip)
{
	return chip->recoveries;
}

/* Lines "PAGE OPS", pages 0, 1, ... in order. */
ssize_t maker_endurance_at(const struct maker_paths *p, unsigned int index,
			   unsigned long long **ops)
{
	char path[PATH_MAX_DEV], *text, *s, *end;
	unsigned long long page, v, *out = NULL, *grown;
	size_t n = 0, cap = 0;

	if (card_dir(path, sizeof(path) - 16, p->debugfs, index))
		return -1;
	strcat(path, "/endurance");
	text = read_text(path);
	if (!text)
		return -1;
	for (s = text; *s; s = *end ? end + 1 : end) {
		if (parse_ull(s, &end, SIZE_MAX, &page) || *end != ' ' ||
		    page != n || parse_ull(end + 1, &end, ULLONG_MAX, &v) ||
		    (*end != '\n' && *end))
			goto bad;
		if (n == cap) {
			cap = cap ? 2 * cap : 256;
			grown = realloc(out, cap * sizeof(*out));
			if (!grown) {
				free(out);
				free(text);
				errno = ENOMEM;
				return -1;
			}
			out = grown;
		}
		out[n++] = v;
	}
	free(text);
	if (!n) {
		free(out);
		errno = EIO;
		return -1;
	}
	*ops = out;
	return n;

bad:
	free(out);
	free(text);
	errno = EIO;
	return -1;
}

MAKER_API ssize_t persocard_maker_endurance(unsigned int index,
					    unsigned long long **ops)
{
	return maker_endurance_at(&maker_system_paths, index, ops);
}
