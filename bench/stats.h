/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Timing and summary helpers shared by the persocard benchmarks.
 *
 * Every figure is reported as one JSON object on a line of its own,
 *   {"key": "floor_ratio.put_16", "median": 1.9, "min": 1.8, "max": 2.4,
 *    "n": 31, "unit": "ratio"}
 * which bench/report.py gathers into bench.json.
 */
#ifndef PERSOCARD_BENCH_STATS_H
#define PERSOCARD_BENCH_STATS_H

#include <stddef.h>
#include <stdint.h>

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

uint64_t bench_now_ns(void);

/* Sorts @v in place; returns its median (mean of the middle two if even). */
double bench_median(double *v, size_t n);

/* Prints the JSON line for @key: median, min and max of @v[0..n-1]. */
void bench_report(const char *key, double *v, size_t n, const char *unit);

/* Prints {"key": @key, "value": "@value"}: what a card answered, etc. */
void bench_note(const char *key, const char *value);

/* Exits with a message naming the failed step (errno appended if set). */
void __attribute__((noreturn, format(printf, 1, 2)))
bench_die(const char *fmt, ...);

#endif /* PERSOCARD_BENCH_STATS_H */
