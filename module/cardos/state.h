/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The card OS's state machine as a table: for each state and command,
 * whether the command is accepted, the state it leads to, and for a
 * refusal its status word and whether it aborts the session. The card OS
 * consults it for every command; Documentation/persocard/state-machine.rst
 * explains it.
 */
#ifndef _PERSOCARD_STATE_H
#define _PERSOCARD_STATE_H

#include <linux/types.h>
#include <linux/persocard.h>

/**
 * enum persocard_op - the commands the state machine knows
 * @PERSOCARD_OP_ENABLE: ENABLE PERSO.
 * @PERSOCARD_OP_VERIFY: VERIFY PERSO CODE.
 * @PERSOCARD_OP_PUT: PUT PERSO DATA.
 * @PERSOCARD_OP_LOCK: LOCK PERSO.
 * @PERSOCARD_OP_RESET: a warm reset.
 * @PERSOCARD_OP_GET_DATA: GET DATA of a public element.
 * @PERSOCARD_OP_GET_STATUS: GET STATUS.
 * @PERSOCARD_OP_SELECT: SELECT of a security domain.
 * @PERSOCARD_OP_CARD_DATA: GET DATA of the security domain's objects (card
 *	data, key information, CPLC).
 * @PERSOCARD_OP_INIT_UPDATE: INITIALIZE UPDATE, the secure channel's first
 *	half.
 * @PERSOCARD_OP_EXT_AUTH: EXTERNAL AUTHENTICATE, its second.
 * @PERSOCARD_OP_STORE: STORE DATA of DGIs.
 * @PERSOCARD_OP_APP: a command of the locked card's application (app.c):
 *	its own table says which.
 * @PERSOCARD_NR_OPS: their number.
 */
enum persocard_op {
	PERSOCARD_OP_ENABLE,
	PERSOCARD_OP_VERIFY,
	PERSOCARD_OP_PUT,
	PERSOCARD_OP_LOCK,
	PERSOCARD_OP_RESET,
	PERSOCARD_OP_GET_DATA,
	PERSOCARD_OP_GET_STATUS,
	PERSOCARD_OP_SELECT,
	PERSOCARD_OP_CARD_DATA,
	PERSOCARD_OP_INIT_UPDATE,
	PERSOCARD_OP_EXT_AUTH,
	PERSOCARD_OP_STORE,
	PERSOCARD_OP_APP,
	PERSOCARD_NR_OPS
};

/* States are numbered from 1 in the ABI; row 0 of the table is unused. */
#define PERSOCARD_NR_STATES	(PERSOCARD_STATE_BLOCKED + 1)

/**
 * struct persocard_transition - what one state does with one command
 * @accepted: the command runs; it may still fail on its own terms (a
 *	wrong code, a bad value), which refuses it and aborts the session.
 * @aborts: a refusal ends the sender's session (only a session's owner
 *	reaches the table while a session runs).
 * @next: the state after the command succeeds.
 * @sw: the status word of a refusal.
 */
struct persocard_transition {
	bool accepted;
	bool aborts;
	u8 next;
	u16 sw;
};

/**
 * enum persocard_auth - how a card's bureau authenticates
 * @PERSOCARD_AUTH_ANY: (of a command) either way.
 * @PERSOCARD_AUTH_CODE: with the perso code, VERIFY PERSO CODE.
 * @PERSOCARD_AUTH_SCP03: with a GlobalPlatform SCP03 secure channel.
 */
enum persocard_auth {
	PERSOCARD_AUTH_ANY,
	PERSOCARD_AUTH_CODE,
	PERSOCARD_AUTH_SCP03,
};

/**
 * struct persocard_op_desc - what the table needs to know of a command
 * @name: its name, as the docs and the diagram show it.
 * @query: it reads and never starts, ends or needs a session, so another
 *	file's session does not stand in its way.
 * @signal: it is the reader's, not a command the bureau sends (a reset):
 *	a secure channel does not ask it for a MAC.
 * @auth: the cards it exists on; on the others it is refused with 6985
 *	(and the owner's session aborts).
 */
struct persocard_op_desc {
	const char *name;
	bool query;
	bool signal;
	u8 auth;
};

extern const struct persocard_op_desc persocard_ops[PERSOCARD_NR_OPS];

const struct persocard_transition *
persocard_transition(enum persocard_state state, enum persocard_op op);

#endif /* _PERSOCARD_STATE_H */
