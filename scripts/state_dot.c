// SPDX-License-Identifier: GPL-2.0
/*
 * The card OS's state machine as a Graphviz graph, drawn from its own
 * table: module/cardos/state.c is linked in, built over the fuzzers'
 * shim of the kernel headers (tests/fuzz/shim/), so the diagram in
 * Documentation/persocard/ cannot say what the card does not run.
 * make state-diagram writes it; make check compares.
 *
 *   state_dot > state-machine.dot
 *
 * The output depends on the table alone, in a fixed order (states and
 * commands as numbered, status words by value), so it can be compared.
 */
#include <stdio.h>
#include <stdlib.h>

#include "state.h"

#define SF	PERSOCARD_STATE_SEMI_FINISHED

/* The ABI has the values only; a new state must be named here. */
static const char *const state_names[PERSOCARD_NR_STATES] = {
	[PERSOCARD_STATE_SEMI_FINISHED]	= "SEMI_FINISHED",
	[PERSOCARD_STATE_READY]		= "READY",
	[PERSOCARD_STATE_PERSONALIZING]	= "PERSONALIZING",
	[PERSOCARD_STATE_PERSONALIZED]	= "PERSONALIZED",
	[PERSOCARD_STATE_BLOCKED]	= "BLOCKED",
};

/* An edge's colour: which way through, or the application. */
enum kind { KIND_PLAIN, KIND_SCP03, KIND_APP, NR_KINDS };

static const char *const kind_attrs[NR_KINDS] = {
	[KIND_PLAIN]	= "",
	[KIND_SCP03]	= ", color=\"#1f5fbf\", fontcolor=\"#1f5fbf\"",
	[KIND_APP]	= ", color=\"#2e7d32\", fontcolor=\"#2e7d32\"",
};

#define ABORT_ATTRS	"style=dashed, color=\"#808080\", fontcolor=\"#606060\""
#define COUNTER_ATTRS	"style=dotted, color=\"#c62828\", fontcolor=\"#c62828\", " \
			"arrowhead=empty"

/* The table's entry; ints here, so the loops need no casts. */
static const struct persocard_transition *entry(int state, int op)
{
	return persocard_transition(state, op);
}

static enum kind op_kind(int op)
{
	if (op == PERSOCARD_OP_APP)
		return KIND_APP;
	return persocard_ops[op].auth == PERSOCARD_AUTH_SCP03 ?
	       KIND_SCP03 : KIND_PLAIN;
}

/* The APPLICATION column stands for every command app.c takes. */
static const char *op_label(int op)
{
	return op == PERSOCARD_OP_APP ? "application commands" :
	       persocard_ops[op].name;
}

/* A table session state: only there may a refusal abort a session. */
static bool in_session(int state)
{
	int op;

	for (op = 0; op < PERSOCARD_NR_OPS; op++)
		if (entry(state, op)->aborts)
			return true;
	return false;
}

/* DOT string contents: the names are plain, but stay safe if not. */
static void put_escaped(const char *s)
{
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			putchar('\\');
		putchar(*s);
	}
}

/* Names of the ops that @match picks, one per line, or ", " apart. */
static int put_ops(int state, bool (*match)(int state, int op, long arg),
		   long arg, const char *sep)
{
	int op, n = 0;

	for (op = 0; op < PERSOCARD_NR_OPS; op++) {
		if (!match(state, op, arg))
			continue;
		if (n++)
			fputs(sep, stdout);
		put_escaped(op_label(op));
	}
	return n;
}

static int count_ops(int state, bool (*match)(int state, int op, long arg),
		     long arg)
{
	int op, n = 0;

	for (op = 0; op < PERSOCARD_NR_OPS; op++)
		n += match(state, op, arg);
	return n;
}

static bool is_query(int state, int op, long arg)
{
	const struct persocard_transition *t = entry(state, op);

	return persocard_ops[op].query && t->accepted && t->next == state;
}

/* @arg: the edge's target state * NR_KINDS + its kind. */
static bool on_edge(int state, int op, long arg)
{
	const struct persocard_transition *t = entry(state, op);
	int to = arg / NR_KINDS;

	if (!t->accepted || t->next != to || op_kind(op) != arg % NR_KINDS)
		return false;
	/* A query never changes the state: the legend names them. */
	return !(to == state && persocard_ops[op].query);
}

/* @arg: a status word. */
static bool aborts_with(int state, int op, long arg)
{
	const struct persocard_transition *t = entry(state, op);

	return !t->accepted && t->aborts && t->sw == arg;
}

/*
 * Not the table's: the try counter (card.c, card_gp.c). Every command
 * that authenticates the bureau, the ones taking a session into
 * PERSONALIZING, spends a try first; a wrong one at the last try leaves
 * the card BLOCKED (63C0), a counter of 0 in NVM.
 */
static bool spends_try(int state, int op, long arg)
{
	const struct persocard_transition *t = entry(state, op);

	return t->accepted && state != PERSOCARD_STATE_PERSONALIZING &&
	       t->next == PERSOCARD_STATE_PERSONALIZING &&
	       persocard_ops[op].auth != PERSOCARD_AUTH_ANY;
}

static void put_states(void)
{
	int s;

	printf("\t// Kept in NVM (double border) or in RAM, in a session (dashed).\n");
	for (s = SF; s < PERSOCARD_NR_STATES; s++) {
		printf("\t%s [label=\"%s (%d)\\n%s\", tooltip=\"queries answered: ",
		       state_names[s], state_names[s], s,
		       in_session(s) ? "RAM, in a session" : "kept in NVM");
		if (!put_ops(s, is_query, 0, ", "))
			fputs("none", stdout);
		printf("\", %s];\n", in_session(s) ?
		       "style=\"rounded,dashed\"" :
		       "style=\"rounded,bold\", peripheries=2");
	}
}

/* @loops: the edges that keep the state, else those that change it. */
static void put_transitions(bool loops)
{
	int s, to, k, n;

	for (s = SF; s < PERSOCARD_NR_STATES; s++)
		for (to = SF, n = 0; to < PERSOCARD_NR_STATES; to++)
			for (k = 0; k < NR_KINDS; k++) {
				long arg = (long)to * NR_KINDS + k;
				bool loop = to == s;

				if (loop != loops || !count_ops(s, on_edge, arg))
					continue;
				printf("\t%s -> %s [label=\"", state_names[s],
				       state_names[to]);
				put_ops(s, on_edge, arg, "\\n");
				printf("\"%s", kind_attrs[k]);
				/* A second loop below the state, not over the first. */
				if (loops && n++)
					printf(", tailport=s, headport=s");
				printf("];\n");
			}
}

/* One dashed edge per state and status word; the commands in its tooltip. */
static void put_aborts(void)
{
	int s, op, prev;

	for (s = SF; s < PERSOCARD_NR_STATES; s++)
		for (op = 0; op < PERSOCARD_NR_OPS; op++) {
			int sw = entry(s, op)->sw;

			if (!aborts_with(s, op, sw))
				continue;
			/* Each word once per state, where it first appears. */
			for (prev = 0; prev < op; prev++)
				if (aborts_with(s, prev, sw))
					break;
			if (prev < op)
				continue;
			printf("\t%s -> %s [label=\"abort (%04X)\", tooltip=\"",
			       state_names[s], state_names[SF], sw);
			put_ops(s, aborts_with, sw, ", ");
			printf("\", %s];\n", ABORT_ATTRS);
		}
}

static void put_counter_rule(void)
{
	int s;

	for (s = SF; s < PERSOCARD_NR_STATES; s++) {
		if (!count_ops(s, spends_try, 0))
			continue;
		printf("\t%s -> %s [label=\"", state_names[s],
		       state_names[PERSOCARD_STATE_BLOCKED]);
		put_ops(s, spends_try, 0, "\\n");
		printf("\\nwrong, last try (%04X)\", %s];\n",
		       PERSOCARD_SW_VERIFY_FAILED, COUNTER_ATTRS);
	}
}

/* Whether some state refuses a command with @sw and stays put. */
static bool keeps_with(int sw)
{
	int s, op;

	for (s = SF; s < PERSOCARD_NR_STATES; s++)
		for (op = 0; op < PERSOCARD_NR_OPS; op++) {
			const struct persocard_transition *t = entry(s, op);

			if (!t->accepted && !t->aborts && t->sw == sw)
				return true;
		}
	return false;
}

/* A query's name, and where it is answered if not everywhere. */
static void put_query(int op)
{
	int s, n = 0;

	for (s = SF; s < PERSOCARD_NR_STATES; s++)
		n += is_query(s, op, 0);
	put_escaped(persocard_ops[op].name);
	if (n == PERSOCARD_NR_STATES - SF)
		return;
	printf(" (%s", n ? "in" : "nowhere");
	for (s = SF; s < PERSOCARD_NR_STATES; s++)
		if (is_query(s, op, 0))
			printf(" %s", state_names[s]);
	printf(")");
}

/* The legend's fixed lines; those naming commands come from the table. */
static const char *const legend[] = {
	"double border: kept in NVM; dashed: in RAM, only in a session",
	"black: either way or the perso code; blue: SCP03 secure channel",
	"green: the locked card's application (app.c says which)",
	"grey dashed: a refusal aborts the owner's session, as does",
	"  an accepted command failing on its own terms (63Cx, 6A80...)",
	"red dotted: the try counter's rule, not the table",
	"not drawn: the queries, which never change the state:",
};

static void put_legend(void)
{
	unsigned int i;
	int op, sw, n;

	printf("\tlegend [shape=note, fontsize=9, label=\"");
	for (i = 0; i < ARRAY_SIZE(legend); i++)
		printf("%s\\l", legend[i]);
	printf("  ");
	for (op = n = 0; op < PERSOCARD_NR_OPS; op++) {
		if (!persocard_ops[op].query)
			continue;
		printf("%s", n++ ? ", " : "");
		put_query(op);
	}
	printf(",\\l  and refusals that keep it (");
	/* In numeric order, so that no reordering of the table moves them. */
	for (sw = n = 0; sw <= 0xffff; sw++)
		if (keeps_with(sw))
			printf("%s%04X", n++ ? ", " : "", sw);
	printf(")\\l");
	for (op = 0; op < PERSOCARD_NR_OPS; op++) {
		if (!persocard_ops[op].signal)
			continue;
		put_escaped(persocard_ops[op].name);
		printf(": the reader's signal, not a command of the bureau\\l");
	}
	printf("\"];\n");
}

int main(void)
{
	int s;

	for (s = SF; s < PERSOCARD_NR_STATES; s++)
		if (!state_names[s]) {
			fprintf(stderr, "state_dot: state %d has no name\n", s);
			return EXIT_FAILURE;
		}

	/* Split, so that the tag is the output's and not this file's. */
	printf("/* SPDX-%s */\n", "License-Identifier: GPL-2.0");
	printf("/*\n * Generated from the card OS's table, module/cardos/state.c,\n"
	       " * by make state-diagram. Do not edit; make check compares.\n */\n");
	printf("digraph persocard_states {\n");
	printf("\tgraph [rankdir=LR, nodesep=0.5, ranksep=0.9, fontname=\"Helvetica\"];\n");
	printf("\tnode [shape=box, fontname=\"Helvetica\", fontsize=11];\n");
	printf("\tedge [fontname=\"Helvetica\", fontsize=9];\n\n");
	put_states();
	printf("\n\t// Accepted, to another state.\n");
	put_transitions(false);
	printf("\n\t// Accepted, the state kept (queries aside).\n");
	put_transitions(true);
	printf("\n\t// Refused, the session aborted: back to %s.\n",
	       state_names[SF]);
	put_aborts();
	printf("\n\t// Drawn from the try counter's rule, not from the table.\n");
	put_counter_rule();
	printf("\n");
	put_legend();
	printf("}\n");
	return fflush(stdout) || ferror(stdout) ? EXIT_FAILURE : EXIT_SUCCESS;
}
