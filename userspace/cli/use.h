/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * use: what a terminal, a handset or a verifier does with a locked card's
 * application, through the library's TRANSMIT.
 */
#ifndef PERSOCARD_CLI_USE_H
#define PERSOCARD_CLI_USE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "json.h"

struct persocard_card;

struct use_ctx {
	struct persocard_card *card;
	bool json;
	struct json j;
	const char *pin;	/* --pin, or NULL */
	const char *key;	/* --key, or NULL */
	const char *amount;	/* --amount, or NULL */
	const char *un;		/* --un, or NULL */
};

static inline size_t min_len(size_t a, size_t b)
{
	return a < b ? a : b;
}

/* The largest response data use_send() returns. */
#define USE_RESP_MAX	1024

/*
 * Send @apdu (@len bytes); collect what 61xx leaves with GET RESPONSE and
 * resend with the Le 6Cxx names. Exits on a transport error.
 * Return: the status word; the data in @resp, @resp_len bytes.
 */
uint16_t use_send(struct use_ctx *u, const uint8_t *apdu, size_t len,
		  uint8_t *resp, size_t *resp_len);
/* Print "WHAT: REASON (SW xxxx)" on stderr. Return: EXIT_REFUSED. */
int use_refused(const char *what, uint16_t sw);
/* The value of @tag, searched in @p and in its constructed objects. */
const uint8_t *tlv_find(const uint8_t *p, size_t len, uint16_t tag,
			size_t *vlen);
/* One field of the answer: "key: value", or a JSON member. */
void use_field(struct use_ctx *u, const char *key, const char *value);
void use_field_hex(struct use_ctx *u, const char *key, const uint8_t *v,
		   size_t len);
void use_field_uint(struct use_ctx *u, const char *key, unsigned long v);
/* Parse exactly @len bytes of hex, else exit 2 naming @what. */
void use_hex_arg(const char *s, size_t len, const char *what, uint8_t *out);
/* A PIN of 4 to 12 digits into @out as BCD digits, one a nibble. */
int use_pin_digits(const char *pin, uint8_t *digits, size_t *n);

/* VERIFY (P2 @p2) of @pin as an ISO 9564 format 2 block; prints OK. */
int use_verify_block(struct use_ctx *u, uint8_t p2, const char *pin);

int use_payment(struct use_ctx *u, int argc, char **argv);
int use_sim(struct use_ctx *u, int argc, char **argv);
int use_identity(struct use_ctx *u, int argc, char **argv);

#endif /* PERSOCARD_CLI_USE_H */
