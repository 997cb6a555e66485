/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * A transport's commands, shared by transport.c and personalize.c.
 */
#ifndef PERSOCARD_TRANSPORT_H
#define PERSOCARD_TRANSPORT_H

#include "internal.h"

struct transport_ops {
	int (*enable)(struct persocard_transport *t);
	int (*verify)(struct persocard_transport *t, const void *code,
		      size_t len);
	int (*put)(struct persocard_transport *t, uint16_t tag,
		   const uint8_t *value, size_t len);
	/* @missing has room for PERSOCARD_MAX_TAGS. */
	int (*lock)(struct persocard_transport *t, uint16_t *missing,
		    unsigned int *nr_missing);
	int (*state)(struct persocard_transport *t);
	const struct persocard_profile *(*profile)(struct persocard_transport *t);
};

struct persocard_transport {
	const struct transport_ops *ops;
	struct persocard_card *card;		/* ioctls */
	persocard_transmit_fn transmit;		/* APDUs */
	void *data;
	uint16_t last_sw;
	int have_profile;
	struct persocard_profile profile;	/* APDUs: read once */
};

#endif /* PERSOCARD_TRANSPORT_H */
