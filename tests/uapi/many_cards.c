// SPDX-License-Identifier: GPL-2.0
/*
 * Many cards on one module, made and removed through configfs:
 *
 *   many_cards make N      mkdir, settings and live for N cards
 *                          ("many0".."manyN-1", profiles in turn); prints
 *                          the index of the first card of each profile
 *   many_cards remove N    live 0 and rmdir for each of them
 *
 * It speaks configfs directly, as the ABI test it is; TAP on stdout.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define GROUP	"/sys/kernel/config/persocard"

static const char *const profiles[] = { "payment", "sim", "identity" };

static int put(const char *card, const char *attr, const char *value)
{
	char path[256];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), GROUP "/%s/%s", card, attr);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return -1;
	n = write(fd, value, strlen(value));
	close(fd);
	return n == (ssize_t)strlen(value) ? 0 : -1;
}

static int get_index(const char *card)
{
	char path[256], buf[64];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), GROUP "/%s/dev_name", card);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	return strncmp(buf, "persocard", 9) ? -1 : atoi(buf + 9);
}

static int make(unsigned int nr)
{
	int first[3] = { -1, -1, -1 };
	unsigned int i, made = 0;
	char name[32], path[64];

	for (i = 0; i < nr; i++) {
		snprintf(name, sizeof(name), "many%u", i);
		snprintf(path, sizeof(path), GROUP "/%s", name);
		if (mkdir(path, 0755))
			break;
		/* 2048: the record's two copies leave an identity's data room. */
		if (put(name, "profile", profiles[i % 3]) ||
		    put(name, "nvm_size", "2048") || put(name, "live", "1"))
			break;
		if (first[i % 3] < 0)
			first[i % 3] = get_index(name);
		made++;
	}
	printf("%s %u - %u cards made and live (%s)\n",
	       made == nr ? "ok" : "not ok", 1, made,
	       made == nr ? "all" : strerror(errno));
	printf("%s 2 - each profile's first card has a device\n",
	       first[0] >= 0 && first[1] >= 0 && first[2] >= 0 ? "ok" : "not ok");
	fprintf(stderr, "FIRST %d %d %d\n", first[0], first[1], first[2]);
	return made == nr ? 0 : 1;
}

static int remove_all(unsigned int nr)
{
	unsigned int i, removed = 0;
	char name[32], path[64];
	struct stat st;

	for (i = 0; i < nr; i++) {
		snprintf(name, sizeof(name), "many%u", i);
		snprintf(path, sizeof(path), GROUP "/%s", name);
		if (put(name, "live", "0") || rmdir(path))
			continue;
		removed++;
	}
	printf("%s 1 - %u cards removed\n", removed == nr ? "ok" : "not ok",
	       removed);
	printf("%s 2 - none left in configfs\n",
	       stat(GROUP "/many0", &st) ? "ok" : "not ok");
	return removed == nr ? 0 : 1;
}

int main(int argc, char **argv)
{
	unsigned int nr;

	if (argc != 3 || !(nr = strtoul(argv[2], NULL, 10))) {
		fprintf(stderr, "usage: many_cards make|remove N\n");
		return 2;
	}
	if (!strcmp(argv[1], "make"))
		return make(nr);
	if (!strcmp(argv[1], "remove"))
		return remove_all(nr);
	fprintf(stderr, "many_cards: unknown action %s\n", argv[1]);
	return 2;
}
