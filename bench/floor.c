// SPDX-License-Identifier: GPL-2.0
/*
 * The syscall floor: what a persocard command costs next to the cheapest
 * ioctl the same file can take, an unknown number answered ENOTTY before
 * the card or its mutex is touched.
 *
 *   bench-floor DEVICE ROUNDS ITERS
 *
 * Each round times, for every figure, ITERS reference ioctls, ITERS of
 * the figure, and ITERS reference ioctls again; the round's ratio is the
 * figure's time over the mean of the two reference runs on either side,
 * so a slow spell of the host hits both. The reported ratio is the
 * median over rounds.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/persocard.h>

#include "stats.h"

/* A number the driver does not know: the floor of an ioctl on this file. */
#define BENCH_IOC_UNKNOWN	_IOWR(PERSOCARD_IOC_MAGIC, 0x7f, struct persocard_cmd)

static const char code[] = "1234";	/* the module's default perso code */
static unsigned char value[255];

static void xioctl(int fd, unsigned long cmd, void *arg, const char *what)
{
	if (ioctl(fd, cmd, arg))
		bench_die("%s", what);
}

static void check_sw(unsigned int sw, const char *what)
{
	if (sw != PERSOCARD_SW_OK) {
		errno = 0;
		bench_die("%s: SW %04X", what, sw);
	}
}

static void enable(int fd)
{
	struct persocard_cmd c = { 0 };

	xioctl(fd, PERSOCARD_IOC_ENABLE, &c, "ENABLE PERSO");
	check_sw(c.sw, "ENABLE PERSO");
}

static void verify(int fd)
{
	struct persocard_verify v = {
		.code = (uintptr_t)code,
		.code_len = sizeof(code) - 1,
	};

	xioctl(fd, PERSOCARD_IOC_VERIFY, &v, "VERIFY PERSO CODE");
	check_sw(v.sw, "VERIFY PERSO CODE");
}

static void reset(int fd)
{
	struct persocard_cmd c = { 0 };

	xioctl(fd, PERSOCARD_IOC_RESET, &c, "RESET");
	check_sw(c.sw, "RESET");
}

static void run_unknown(int fd, unsigned int n)
{
	struct persocard_cmd c = { 0 };

	while (n--)
		if (ioctl(fd, BENCH_IOC_UNKNOWN, &c) != -1 || errno != ENOTTY)
			bench_die("the unknown ioctl was not answered ENOTTY");
}

static void run_status(int fd, unsigned int n)
{
	struct persocard_status s;

	while (n--) {
		memset(&s, 0, sizeof(s));
		xioctl(fd, PERSOCARD_IOC_STATUS, &s, "GET STATUS");
	}
}

static unsigned int put_len;

static void run_put(int fd, unsigned int n)
{
	/* The payment profile's records (0x0101): 1 to 255 bytes. */
	struct persocard_put p = {
		.value = (uintptr_t)value,
		.len = put_len,
		.tag = 0x0101,
	};

	while (n--) {
		p.sw = 0;
		xioctl(fd, PERSOCARD_IOC_PUT, &p, "PUT PERSO DATA");
		check_sw(p.sw, "PUT PERSO DATA");
	}
}

static void run_triple(int fd, unsigned int n)
{
	while (n--) {
		enable(fd);
		verify(fd);
		reset(fd);
	}
}

/* Two state changes, so two sysfs_notify() calls, and no VERIFY. */
static void run_pair(int fd, unsigned int n)
{
	while (n--) {
		enable(fd);
		reset(fd);
	}
}

/* RESET with no session: the mutex, but no state change to announce. */
static void run_reset_idle(int fd, unsigned int n)
{
	while (n--)
		reset(fd);
}

struct figure {
	const char *key;
	void (*run)(int fd, unsigned int n);
	unsigned int put_len;		/* PUT figures: inside a session */
};

static const struct figure figures[] = {
	{ "floor_ratio.get_status",		run_status, 0 },
	{ "floor_ratio.put_16",			run_put, 16 },
	{ "floor_ratio.put_64",			run_put, 64 },
	{ "floor_ratio.put_255",		run_put, 255 },
	{ "floor_ratio.enable_verify_reset",	run_triple, 0 },
	/* For the analysis of the triple: what VERIFY and a notify cost. */
	{ "floor_ratio.enable_reset",		run_pair, 0 },
	{ "floor_ratio.reset_idle",		run_reset_idle, 0 },
};

int main(int argc, char **argv)
{
	double ratio[ARRAY_SIZE(figures)][256], ns[ARRAY_SIZE(figures)][256];
	double floor_ns[256];
	unsigned int rounds, iters, r, i;
	int fd;

	if (argc != 4) {
		fprintf(stderr, "usage: %s DEVICE ROUNDS ITERS\n", argv[0]);
		return 2;
	}
	rounds = strtoul(argv[2], NULL, 0);
	iters = strtoul(argv[3], NULL, 0);
	if (!rounds || rounds > 256 || !iters) {
		fprintf(stderr, "%s: ROUNDS 1-256, ITERS > 0\n", argv[0]);
		return 2;
	}
	for (i = 0; i < sizeof(value); i++)
		value[i] = i;

	fd = open(argv[1], O_RDWR | O_CLOEXEC);
	if (fd < 0)
		bench_die("%s", argv[1]);

	/* One untimed pass of everything: caches, and a check of each path. */
	run_unknown(fd, iters);
	for (i = 0; i < ARRAY_SIZE(figures); i++) {
		put_len = figures[i].put_len;
		if (put_len) {
			enable(fd);
			verify(fd);
		}
		figures[i].run(fd, iters);
		if (put_len)
			reset(fd);
	}

	for (r = 0; r < rounds; r++) {
		double floor_sum = 0;

		for (i = 0; i < ARRAY_SIZE(figures); i++) {
			uint64_t t0, t1, t2, t3;

			put_len = figures[i].put_len;
			if (put_len) {
				enable(fd);
				verify(fd);
			}
			t0 = bench_now_ns();
			run_unknown(fd, iters);
			t1 = bench_now_ns();
			figures[i].run(fd, iters);
			t2 = bench_now_ns();
			run_unknown(fd, iters);
			t3 = bench_now_ns();
			if (put_len)
				reset(fd);

			ratio[i][r] = (double)(t2 - t1) * 2 / ((t1 - t0) + (t3 - t2));
			ns[i][r] = (double)(t2 - t1) / iters;
			floor_sum += (double)((t1 - t0) + (t3 - t2)) / 2 / iters;
		}
		floor_ns[r] = floor_sum / ARRAY_SIZE(figures);
	}

	for (i = 0; i < ARRAY_SIZE(figures); i++) {
		char key[64];

		bench_report(figures[i].key, ratio[i], rounds, "ratio");
		/* floor_ratio.x -> floor_ns.x: the absolute cost, for context. */
		snprintf(key, sizeof(key), "floor_ns.%s",
			 strchr(figures[i].key, '.') + 1);
		bench_report(key, ns[i], rounds, "ns");
	}
	bench_report("floor_ns.unknown_ioctl", floor_ns, rounds, "ns");
	close(fd);
	return 0;
}
