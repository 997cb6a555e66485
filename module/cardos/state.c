// SPDX-License-Identifier: GPL-2.0
/*
 * The state machine of a persocard card, the one table the card OS runs.
 *
 * READY and PERSONALIZING exist only inside a session, so their rows are
 * what the session's owner gets; another file gets 6985 for any command
 * but a query while a session runs (card.c), and the table is not asked.
 */
#include <linux/kernel.h>

#include "state.h"

#define SW_NOPE		PERSOCARD_SW_CONDITIONS
#define SW_BLOCKED	PERSOCARD_SW_AUTH_BLOCKED

#define GO(state)	{ .accepted = true, .next = PERSOCARD_STATE_##state }
/* Refused; the card stays where it is. */
#define NO(word)	{ .sw = (word) }
/* Refused; the owner's session aborts, back to SEMI_FINISHED. */
#define ABORT(word)	{ .aborts = true, .sw = (word) }

#define CODE		PERSOCARD_AUTH_CODE
#define SCP03		PERSOCARD_AUTH_SCP03

const struct persocard_op_desc persocard_ops[PERSOCARD_NR_OPS] = {
	[PERSOCARD_OP_ENABLE]		= { "ENABLE PERSO" },
	[PERSOCARD_OP_VERIFY]		= { "VERIFY PERSO CODE", .auth = CODE },
	[PERSOCARD_OP_PUT]		= { "PUT PERSO DATA", .auth = CODE },
	[PERSOCARD_OP_LOCK]		= { "LOCK PERSO" },
	[PERSOCARD_OP_RESET]		= { "RESET", .signal = true },
	[PERSOCARD_OP_GET_DATA]		= { "GET DATA", .query = true },
	[PERSOCARD_OP_GET_STATUS]	= { "GET STATUS", .query = true },
	[PERSOCARD_OP_SELECT]		= { "SELECT" },
	[PERSOCARD_OP_CARD_DATA]	= { "GET DATA (card)", .query = true },
	[PERSOCARD_OP_INIT_UPDATE]	= { "INITIALIZE UPDATE", .auth = SCP03 },
	[PERSOCARD_OP_EXT_AUTH]		= { "EXTERNAL AUTHENTICATE",
					    .auth = SCP03 },
	[PERSOCARD_OP_STORE]		= { "STORE DATA", .auth = SCP03 },
};

static const struct persocard_transition
persocard_transitions[PERSOCARD_NR_STATES][PERSOCARD_NR_OPS] = {
	[PERSOCARD_STATE_SEMI_FINISHED] = {
		[PERSOCARD_OP_ENABLE]		= GO(READY),
		[PERSOCARD_OP_VERIFY]		= NO(SW_NOPE),
		[PERSOCARD_OP_PUT]		= NO(SW_NOPE),
		[PERSOCARD_OP_LOCK]		= NO(SW_NOPE),
		[PERSOCARD_OP_RESET]		= GO(SEMI_FINISHED),
		[PERSOCARD_OP_GET_DATA]		= NO(SW_NOPE),
		[PERSOCARD_OP_GET_STATUS]	= GO(SEMI_FINISHED),
		[PERSOCARD_OP_SELECT]		= GO(SEMI_FINISHED),
		[PERSOCARD_OP_CARD_DATA]	= GO(SEMI_FINISHED),
		[PERSOCARD_OP_INIT_UPDATE]	= NO(SW_NOPE),
		[PERSOCARD_OP_EXT_AUTH]		= NO(SW_NOPE),
		[PERSOCARD_OP_STORE]		= NO(SW_NOPE),
	},
	[PERSOCARD_STATE_READY] = {
		[PERSOCARD_OP_ENABLE]		= ABORT(SW_NOPE),
		[PERSOCARD_OP_VERIFY]		= GO(PERSONALIZING),
		[PERSOCARD_OP_PUT]		= ABORT(SW_NOPE),
		[PERSOCARD_OP_LOCK]		= ABORT(SW_NOPE),
		[PERSOCARD_OP_RESET]		= GO(SEMI_FINISHED),
		[PERSOCARD_OP_GET_DATA]		= NO(SW_NOPE),
		[PERSOCARD_OP_GET_STATUS]	= GO(READY),
		[PERSOCARD_OP_SELECT]		= GO(SEMI_FINISHED),
		[PERSOCARD_OP_CARD_DATA]	= GO(READY),
		[PERSOCARD_OP_INIT_UPDATE]	= GO(READY),
		[PERSOCARD_OP_EXT_AUTH]		= GO(PERSONALIZING),
		[PERSOCARD_OP_STORE]		= ABORT(SW_NOPE),
	},
	[PERSOCARD_STATE_PERSONALIZING] = {
		[PERSOCARD_OP_ENABLE]		= ABORT(SW_NOPE),
		[PERSOCARD_OP_VERIFY]		= ABORT(SW_NOPE),
		[PERSOCARD_OP_PUT]		= GO(PERSONALIZING),
		[PERSOCARD_OP_LOCK]		= GO(PERSONALIZED),
		[PERSOCARD_OP_RESET]		= GO(SEMI_FINISHED),
		[PERSOCARD_OP_GET_DATA]		= NO(SW_NOPE),
		[PERSOCARD_OP_GET_STATUS]	= GO(PERSONALIZING),
		[PERSOCARD_OP_SELECT]		= GO(SEMI_FINISHED),
		[PERSOCARD_OP_CARD_DATA]	= GO(PERSONALIZING),
		[PERSOCARD_OP_INIT_UPDATE]	= ABORT(SW_NOPE),
		[PERSOCARD_OP_EXT_AUTH]		= ABORT(SW_NOPE),
		[PERSOCARD_OP_STORE]		= GO(PERSONALIZING),
	},
	[PERSOCARD_STATE_PERSONALIZED] = {
		[PERSOCARD_OP_ENABLE]		= NO(SW_NOPE),
		[PERSOCARD_OP_VERIFY]		= NO(SW_NOPE),
		[PERSOCARD_OP_PUT]		= NO(SW_NOPE),
		[PERSOCARD_OP_LOCK]		= NO(SW_NOPE),
		[PERSOCARD_OP_RESET]		= GO(PERSONALIZED),
		[PERSOCARD_OP_GET_DATA]		= GO(PERSONALIZED),
		[PERSOCARD_OP_GET_STATUS]	= GO(PERSONALIZED),
		[PERSOCARD_OP_SELECT]		= GO(PERSONALIZED),
		[PERSOCARD_OP_CARD_DATA]	= GO(PERSONALIZED),
		[PERSOCARD_OP_INIT_UPDATE]	= NO(SW_NOPE),
		[PERSOCARD_OP_EXT_AUTH]		= NO(SW_NOPE),
		[PERSOCARD_OP_STORE]		= NO(SW_NOPE),
	},
	[PERSOCARD_STATE_BLOCKED] = {
		[PERSOCARD_OP_ENABLE]		= NO(SW_BLOCKED),
		[PERSOCARD_OP_VERIFY]		= NO(SW_BLOCKED),
		[PERSOCARD_OP_PUT]		= NO(SW_BLOCKED),
		[PERSOCARD_OP_LOCK]		= NO(SW_BLOCKED),
		[PERSOCARD_OP_RESET]		= GO(BLOCKED),
		[PERSOCARD_OP_GET_DATA]		= NO(SW_NOPE),
		[PERSOCARD_OP_GET_STATUS]	= GO(BLOCKED),
		[PERSOCARD_OP_SELECT]		= GO(BLOCKED),
		[PERSOCARD_OP_CARD_DATA]	= GO(BLOCKED),
		[PERSOCARD_OP_INIT_UPDATE]	= NO(SW_BLOCKED),
		[PERSOCARD_OP_EXT_AUTH]		= NO(SW_BLOCKED),
		[PERSOCARD_OP_STORE]		= NO(SW_BLOCKED),
	},
};

/**
 * persocard_transition() - look up what @state does with @op
 * @state: a state of &enum persocard_state.
 * @op: a command.
 *
 * Return: the table's entry.
 */
const struct persocard_transition *
persocard_transition(enum persocard_state state, enum persocard_op op)
{
	return &persocard_transitions[state][op];
}
