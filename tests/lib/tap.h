/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * A tiny TAP 13 producer for the library's tests: one header, no library.
 *
 *	plan(3);		(or plan(0): done() prints the plan)
 *	ok(x == 1, "x is one");
 *	is_int(f(), -1, "f fails");
 *	is_str(name, "pan", "the name");
 *	return done();
 *
 * A failed check prints what was expected and what came, as a "#"
 * diagnostic; done() returns the exit status (1 if a check failed or the
 * plan was not kept).
 */
#ifndef PERSOCARD_TAP_H
#define PERSOCARD_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static unsigned int tap_planned, tap_run, tap_failed;

static inline void plan(unsigned int n)
{
	tap_planned = n;
	printf("TAP version 13\n");
	if (n)
		printf("1..%u\n", n);
	fflush(stdout);
}

static inline void diag(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
static inline void diag(const char *fmt, ...)
{
	va_list ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

static inline int tap_vok(int cond, const char *fmt, va_list ap)
{
	tap_run++;
	if (!cond)
		tap_failed++;
	printf("%sok %u - ", cond ? "" : "not ", tap_run);
	vprintf(fmt, ap);
	printf("\n");
	fflush(stdout);
	return cond;
}

static inline int ok(int cond, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static inline int ok(int cond, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cond = tap_vok(cond, fmt, ap);
	va_end(ap);
	return cond;
}

static inline int is_int(long long got, long long expected,
			 const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static inline int is_int(long long got, long long expected,
			 const char *fmt, ...)
{
	va_list ap;
	int cond = got == expected;

	va_start(ap, fmt);
	tap_vok(cond, fmt, ap);
	va_end(ap);
	if (!cond)
		diag("expected %lld (0x%llx), got %lld (0x%llx)", expected,
		     expected, got, got);
	return cond;
}

static inline int is_str(const char *got, const char *expected,
			 const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static inline int is_str(const char *got, const char *expected,
			 const char *fmt, ...)
{
	va_list ap;
	int cond;

	cond = got && expected ? !strcmp(got, expected) : got == expected;
	va_start(ap, fmt);
	tap_vok(cond, fmt, ap);
	va_end(ap);
	if (!cond)
		diag("expected \"%s\", got \"%s\"",
		     expected ? expected : "(null)", got ? got : "(null)");
	return cond;
}

static inline void skip(unsigned int n, const char *why)
{
	while (n--) {
		tap_run++;
		printf("ok %u # SKIP %s\n", tap_run, why);
	}
	fflush(stdout);
}

/* Stop the run: the rest would only fail for the same reason. */
static inline void bail_out(const char *why)
{
	printf("Bail out! %s\n", why);
	fflush(stdout);
}

static inline int done(void)
{
	/* No plan() up front: the plan comes last, as TAP allows. */
	if (!tap_planned) {
		tap_planned = tap_run;
		printf("1..%u\n", tap_run);
	}
	if (tap_run != tap_planned)
		diag("planned %u tests, ran %u", tap_planned, tap_run);
	if (tap_failed)
		diag("failed %u of %u", tap_failed, tap_run);
	return tap_failed || tap_run != tap_planned;
}

#endif /* PERSOCARD_TAP_H */
