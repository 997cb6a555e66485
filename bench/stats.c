// SPDX-License-Identifier: GPL-2.0
/*
 * Timing and summary helpers shared by the persocard benchmarks.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "stats.h"

uint64_t bench_now_ns(void)
{
	struct timespec ts;

	/*
	 * CLOCK_MONOTONIC through the vDSO: cheap next to an ioctl, as long
	 * as the guest's clocksource is the TSC (guest-bench.sh checks).
	 */
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

double bench_median(double *v, size_t n)
{
	if (!n)
		return 0;
	qsort(v, n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* JSON has no inf or nan: a clock that did not move gives null. */
static void print_number(const char *name, double v)
{
	if (isfinite(v))
		printf("\"%s\": %.6g, ", name, v);
	else
		printf("\"%s\": null, ", name);
}

void bench_report(const char *key, double *v, size_t n, const char *unit)
{
	double med = bench_median(v, n);

	printf("{\"key\": \"%s\", ", key);
	print_number("median", med);
	print_number("min", n ? v[0] : 0);
	print_number("max", n ? v[n - 1] : 0);
	printf("\"n\": %zu, \"unit\": \"%s\"}\n", n, unit);
	fflush(stdout);
}

void bench_note(const char *key, const char *value)
{
	printf("{\"key\": \"%s\", \"value\": \"%s\"}\n", key, value);
	fflush(stdout);
}

void bench_die(const char *fmt, ...)
{
	int err = errno;
	va_list ap;

	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (err)
		fprintf(stderr, ": %s", strerror(err));
	fputc('\n', stderr);
	exit(1);
}
