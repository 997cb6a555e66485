// SPDX-License-Identifier: GPL-2.0
/*
 * Complete personalizations per second, through libpersocard and through
 * the persocard CLI, and how they scale over threads.
 *
 *   bench-perso perso FILE NR_CARDS ROUNDS COUNT CLI_COUNT PERSOCARD [KEYFILE]
 *   bench-perso scale FILE NR_CARDS ROUNDS COUNT
 *   bench-perso phases FILE NR_CARDS ROUNDS COUNT KEY
 *
 * A personalization: open the card, then persocard_personalize() over its
 * ioctls (ENABLE PERSO, VERIFY PERSO CODE, one PUT PERSO DATA per element
 * of FILE, a persocard data file read by libpersocard as the CLI reads
 * it: every element of the payment profile; LOCK PERSO), close; then the
 * card's factory reset (libpersocard-maker), which makes it blank again.
 *
 * perso: each round times COUNT personalizations with their factory
 * reset (perso_per_s.lib), COUNT on fresh cards without it, the cards
 * being reset untimed afterwards (perso_per_s.lib_no_reset), and
 * CLI_COUNT runs of "PERSOCARD personalize -c N --code 1234 FILE", one
 * process each, with the factory reset (perso_per_s.cli), beside as
 * many runs of "PERSOCARD --version" (perso_per_s.cli_version_only): the
 * price of a process alone.  With KEYFILE, an SCP03 key set, each round
 * also times COUNT personalizations over SCP03 with their factory reset
 * (persocard_personalize_scp03() over the TRANSMIT ioctl, the cards
 * given the key set untimed first), at the CLI's default level cdec-rmac
 * (perso_per_s.lib_scp03) and at cmac (perso_per_s.lib_scp03_cmac), and
 * COUNT at cdec-rmac on fresh cards (perso_per_s.lib_scp03_no_reset);
 * the cards go back to the perso code, untimed, before the CLI's runs.
 *
 * scale: each round times 1, 2 and 4 threads, each personalizing and
 * resetting its own cards (card i belongs to thread i % T), COUNT
 * personalizations per thread; scaling.tN_over_t1 is the round's
 * throughput with N threads over that with one.
 *
 * phases: where the time of one personalization goes. Each round times
 * every step of COUNT personalizations apart, from the library's report
 * of each command; KEY.STEP_us is the median over rounds of a step's mean
 * time, in microseconds.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libpersocard.h>
#include <persocard-maker.h>

#include "stats.h"

#define MAX_ROUNDS	64

static const char code[] = "1234";	/* the module's default perso code */

/* KEYFILE's key set, for the SCP03 figures. */
static struct persocard_scp03_keys keys;
static bool have_keys;

/* FILE, parsed and checked once by libpersocard: the CLI's own format. */
static struct persocard_datafile *df;

static struct persocard_card *open_card(unsigned int index)
{
	struct persocard_card *card = persocard_card_open_index(index);

	if (!card)
		bench_die("open /dev/persocard%u", index);
	return card;
}

static void read_elements(const char *path)
{
	struct persocard_card *card = open_card(0);
	struct persocard_diag d;

	df = persocard_datafile_read(path, &d);
	if (!df || persocard_datafile_check(df, persocard_card_get_profile(card),
					    &d)) {
		errno = 0;
		bench_die("%s:%u: %s", path, d.line, d.message);
	}
	persocard_card_close(card);
}

static void lib_fail(struct persocard_card *card, const char *what)
{
	if (errno == EREMOTEIO && persocard_card_last_sw(card))
		fprintf(stderr, "card %u: %s: SW %04X (%s)\n",
			persocard_card_index(card), what,
			persocard_card_last_sw(card),
			persocard_sw_str(persocard_card_last_sw(card)));
	else
		perror(what);
	exit(1);
}

/* One library call, over the card's ioctls; @step may time each command. */
static void perso_run(struct persocard_card *card, persocard_step_fn step,
		      void *data)
{
	struct persocard_transport *t = persocard_transport_new_card(card);

	if (!t)
		bench_die("transport");
	if (persocard_personalize(t, df, code, sizeof(code) - 1, 0, step,
				  data))
		lib_fail(card, "personalize");
	persocard_transport_free(t);
}

static void personalize(unsigned int index)
{
	struct persocard_card *card = open_card(index);

	perso_run(card, NULL, NULL);
	persocard_card_close(card);
}

static void factory_reset(unsigned int index)
{
	if (persocard_maker_factory_reset(index))
		bench_die("factory reset of card %u", index);
}

/* Cards 0 to @count - 1 by SCP03 with KEYFILE's keys, or by code again. */
static void set_auth(unsigned int count, bool scp03)
{
	unsigned int i;
	int ret;

	for (i = 0; i < count; i++) {
		/* A factory reset may keep the key set, as it keeps the code. */
		if (persocard_maker_get_auth(i) ==
		    (scp03 ? PERSOCARD_MAKER_AUTH_SCP03 : PERSOCARD_MAKER_AUTH_CODE))
			continue;
		ret = scp03 ?
			persocard_maker_set_scp03_keys(i, keys.kvn, keys.enc,
						       keys.mac, keys.dek,
						       keys.len) :
			persocard_maker_clear_scp03_keys(i);
		if (ret)
			bench_die("card %u: scp03_keys", i);
	}
}

/* One SCP03 personalization of card @index at @level. */
static void personalize_scp03(unsigned int index, unsigned int level)
{
	struct persocard_card *card = open_card(index);
	struct persocard_transport *t = persocard_transport_new_card(card);

	if (!t)
		bench_die("transport");
	if (persocard_personalize_scp03(t, df, &keys, level, 0, NULL, NULL))
		lib_fail(card, "personalize_scp03");
	persocard_transport_free(t);
	persocard_card_close(card);
}

/* COUNT SCP03 personalizations, each with its reset if @reset: per s. */
static double scp03_round(unsigned int count, unsigned int level, bool reset)
{
	unsigned int i;
	uint64_t t0, t1;

	set_auth(count, true);
	t0 = bench_now_ns();
	for (i = 0; i < count; i++) {
		personalize_scp03(i, level);
		if (reset)
			factory_reset(i);
	}
	t1 = bench_now_ns();
	if (!reset)
		for (i = 0; i < count; i++)
			factory_reset(i);
	return count * 1e9 / (double)(t1 - t0);
}

static const char *cli_path, *data_path;

/* persocard personalize -c INDEX, or persocard --version if @version_only. */
static void run_cli(unsigned int index, bool version_only)
{
	char card[16];
	char *argv[] = { (char *)cli_path, "personalize", "-c", card,
			 "--code", (char *)code, (char *)data_path, NULL };
	char *version_argv[] = { (char *)cli_path, "--version", NULL };
	posix_spawn_file_actions_t fa;
	int status;
	pid_t pid;

	snprintf(card, sizeof(card), "%u", index);
	/* Its line per command would only time the pipe to our caller. */
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	errno = posix_spawn(&pid, cli_path, &fa, NULL,
			    version_only ? version_argv : argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (errno)
		bench_die("%s", cli_path);
	if (waitpid(pid, &status, 0) < 0)
		bench_die("waitpid");
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		errno = 0;
		bench_die("%s personalize -c %u: status %#x", cli_path, index,
			  status);
	}
}

static void personalize_cli(unsigned int index)
{
	run_cli(index, false);
}

static double per_second(unsigned int n, uint64_t t0, uint64_t t1)
{
	return n * 1e9 / (double)(t1 - t0);
}

static int cmd_perso(unsigned int nr_cards, unsigned int rounds,
		     unsigned int count, unsigned int cli_count)
{
	double lib[MAX_ROUNDS], fresh[MAX_ROUNDS], cli[MAX_ROUNDS];
	double reset_ms[MAX_ROUNDS], version[MAX_ROUNDS];
	double scp03[MAX_ROUNDS], scp03_cmac[MAX_ROUNDS];
	double scp03_fresh[MAX_ROUNDS];
	unsigned int r, i;
	uint64_t t0, t1;

	if (count > nr_cards || cli_count > nr_cards) {
		errno = 0;
		bench_die("COUNT and CLI_COUNT: at most NR_CARDS (%u)", nr_cards);
	}
	/* Untimed: every path once, and every card blank. */
	for (i = 0; i < nr_cards; i++) {
		personalize(i);
		factory_reset(i);
	}
	personalize_cli(0);
	factory_reset(0);
	if (have_keys) {
		scp03_round(count, PERSOCARD_SCP03_CMAC | PERSOCARD_SCP03_CDEC |
			    PERSOCARD_SCP03_RMAC, true);
		set_auth(count, false);
	}

	for (r = 0; r < rounds; r++) {
		t0 = bench_now_ns();
		for (i = 0; i < count; i++) {
			personalize(i);
			factory_reset(i);
		}
		t1 = bench_now_ns();
		lib[r] = per_second(count, t0, t1);

		t0 = bench_now_ns();
		for (i = 0; i < count; i++)
			personalize(i);
		t1 = bench_now_ns();
		fresh[r] = per_second(count, t0, t1);
		for (i = 0; i < count; i++)
			factory_reset(i);

		/* The same cards over SCP03, then by code again, untimed. */
		if (have_keys) {
			scp03[r] = scp03_round(count, PERSOCARD_SCP03_CMAC |
					       PERSOCARD_SCP03_CDEC |
					       PERSOCARD_SCP03_RMAC, true);
			scp03_cmac[r] = scp03_round(count, PERSOCARD_SCP03_CMAC,
						    true);
			scp03_fresh[r] = scp03_round(count, PERSOCARD_SCP03_CMAC |
						     PERSOCARD_SCP03_CDEC |
						     PERSOCARD_SCP03_RMAC, false);
			set_auth(count, false);
		}

		t0 = bench_now_ns();
		for (i = 0; i < cli_count; i++) {
			personalize_cli(i);
			factory_reset(i);
		}
		t1 = bench_now_ns();
		cli[r] = per_second(cli_count, t0, t1);

		/* The reference of the CLI figure: a process that does nothing. */
		t0 = bench_now_ns();
		for (i = 0; i < cli_count; i++)
			run_cli(i, true);
		t1 = bench_now_ns();
		version[r] = per_second(cli_count, t0, t1);

		/* What the reset adds to one personalization, in ms. */
		reset_ms[r] = 1e3 / lib[r] - 1e3 / fresh[r];
	}
	bench_report("perso_per_s.lib", lib, rounds, "1/s");
	bench_report("perso_per_s.lib_no_reset", fresh, rounds, "1/s");
	bench_report("perso_per_s.cli", cli, rounds, "1/s");
	bench_report("perso_ms.factory_reset", reset_ms, rounds, "ms");
	bench_report("perso_per_s.cli_version_only", version, rounds, "1/s");
	if (have_keys) {
		bench_report("perso_per_s.lib_scp03", scp03, rounds, "1/s");
		bench_report("perso_per_s.lib_scp03_cmac", scp03_cmac, rounds,
			     "1/s");
		bench_report("perso_per_s.lib_scp03_no_reset", scp03_fresh,
			     rounds, "1/s");
	}
	return 0;
}

struct worker {
	pthread_t thread;
	unsigned int first, step, nr_cards, count;
};

static void *worker_run(void *arg)
{
	struct worker *w = arg;
	unsigned int i, card = w->first;

	for (i = 0; i < w->count; i++) {
		personalize(card);
		factory_reset(card);
		card += w->step;
		if (card >= w->nr_cards)
			card = w->first;
	}
	return NULL;
}

static double run_threads(unsigned int nr_threads, unsigned int nr_cards,
			  unsigned int count)
{
	struct worker w[4];
	unsigned int i;
	uint64_t t0, t1;

	t0 = bench_now_ns();
	for (i = 0; i < nr_threads; i++) {
		w[i] = (struct worker){ .first = i, .step = nr_threads,
					.nr_cards = nr_cards, .count = count };
		errno = pthread_create(&w[i].thread, NULL, worker_run, &w[i]);
		if (errno)
			bench_die("pthread_create");
	}
	for (i = 0; i < nr_threads; i++)
		pthread_join(w[i].thread, NULL);
	t1 = bench_now_ns();
	return per_second(nr_threads * count, t0, t1);
}

static int cmd_scale(unsigned int nr_cards, unsigned int rounds,
		     unsigned int count)
{
	double t1[MAX_ROUNDS], t2[MAX_ROUNDS], t4[MAX_ROUNDS];
	double r21[MAX_ROUNDS], r41[MAX_ROUNDS];
	unsigned int r;

	if (nr_cards < 4) {
		errno = 0;
		bench_die("scale: at least 4 cards");
	}
	run_threads(2, nr_cards, 4);	/* untimed warm-up */
	for (r = 0; r < rounds; r++) {
		t1[r] = run_threads(1, nr_cards, count);
		t2[r] = run_threads(2, nr_cards, count);
		t4[r] = run_threads(4, nr_cards, count);
		r21[r] = t2[r] / t1[r];
		r41[r] = t4[r] / t1[r];
	}
	bench_report("scaling.t2_over_t1", r21, rounds, "ratio");
	bench_report("scaling.t4_over_t1", r41, rounds, "ratio");
	bench_report("scaling.t1_per_s", t1, rounds, "1/s");
	bench_report("scaling.t2_per_s", t2, rounds, "1/s");
	bench_report("scaling.t4_per_s", t4, rounds, "1/s");
	return 0;
}

enum phase { OPEN, ENABLE_VERIFY, PUTS, LOCK, CLOSE, RESET, NR_PHASES };

static const char *const phase_names[NR_PHASES] = {
	"open", "enable_verify", "puts", "lock", "close", "factory_reset",
};

/* When each command of one personalization ended. */
struct stamps {
	uint64_t verify, puts, lock;
};

static void stamp(const struct persocard_step *step, void *data)
{
	struct stamps *st = data;
	uint64_t now = bench_now_ns();

	if (step->cmd == PERSOCARD_STEP_VERIFY)
		st->verify = now;
	else if (step->cmd == PERSOCARD_STEP_PUT)
		st->puts = now;
	else if (step->cmd == PERSOCARD_STEP_LOCK)
		st->lock = now;
}

static int cmd_phases(unsigned int nr_cards, unsigned int rounds,
		      unsigned int count, const char *key)
{
	static double us[NR_PHASES][MAX_ROUNDS];
	unsigned int r, i, p;

	if (count > nr_cards) {
		errno = 0;
		bench_die("COUNT: at most NR_CARDS (%u)", nr_cards);
	}
	for (r = 0; r < rounds; r++) {
		uint64_t sum[NR_PHASES] = { 0 };

		for (i = 0; i < count; i++) {
			struct persocard_card *card;
			struct stamps st = { 0 };
			uint64_t t[NR_PHASES + 1];

			t[0] = bench_now_ns();
			card = open_card(i);
			t[1] = bench_now_ns();
			perso_run(card, stamp, &st);
			t[2] = st.verify;
			t[3] = st.puts ? st.puts : st.verify;
			t[4] = st.lock;
			persocard_card_close(card);
			t[5] = bench_now_ns();
			factory_reset(i);
			t[6] = bench_now_ns();
			for (p = 0; p < NR_PHASES; p++)
				sum[p] += t[p + 1] - t[p];
		}
		for (p = 0; p < NR_PHASES; p++)
			us[p][r] = sum[p] / 1e3 / count;
	}
	for (p = 0; p < NR_PHASES; p++) {
		char name[96];

		snprintf(name, sizeof(name), "%.60s.%s_us", key, phase_names[p]);
		bench_report(name, us[p], rounds, "us");
	}
	return 0;
}

int main(int argc, char **argv)
{
	unsigned int nr_cards, rounds, count;

	if (argc < 6 || (!strcmp(argv[1], "perso") && argc != 8 && argc != 9) ||
	    (!strcmp(argv[1], "scale") && argc != 6) ||
	    (!strcmp(argv[1], "phases") && argc != 7)) {
		fprintf(stderr,
			"usage: %s perso FILE NR_CARDS ROUNDS COUNT CLI_COUNT PERSOCARD [KEYFILE]\n"
			"       %s scale FILE NR_CARDS ROUNDS COUNT\n"
			"       %s phases FILE NR_CARDS ROUNDS COUNT KEY\n",
			argv[0], argv[0], argv[0]);
		return 2;
	}
	data_path = argv[2];
	nr_cards = strtoul(argv[3], NULL, 0);
	rounds = strtoul(argv[4], NULL, 0);
	count = strtoul(argv[5], NULL, 0);
	if (!rounds || rounds > MAX_ROUNDS || !count || !nr_cards) {
		fprintf(stderr, "%s: ROUNDS 1-%d, COUNT and NR_CARDS > 0\n",
			argv[0], MAX_ROUNDS);
		return 2;
	}
	read_elements(data_path);

	if (!strcmp(argv[1], "perso")) {
		cli_path = argv[7];
		if (argc == 9) {
			struct persocard_diag d = { 0 };

			if (persocard_scp03_keys_read(argv[8], &keys, &d)) {
				errno = 0;
				bench_die("%s:%u: %s", argv[8], d.line,
					  d.message);
			}
			have_keys = true;
		}
		return cmd_perso(nr_cards, rounds, count,
				 strtoul(argv[6], NULL, 0));
	}
	if (!strcmp(argv[1], "scale"))
		return cmd_scale(nr_cards, rounds, count);
	if (!strcmp(argv[1], "phases"))
		return cmd_phases(nr_cards, rounds, count, argv[6]);
	fprintf(stderr, "%s: unknown mode %s\n", argv[0], argv[1]);
	return 2;
}
