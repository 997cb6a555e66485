// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Texts for numbers: status words, states, profiles, the version.
 */
#include <errno.h>
#include <stddef.h>
#include <string.h>

#include "internal.h"

PERSOCARD_API const char *persocard_api_version(void)
{
	return PERSOCARD_VERSION;
}

PERSOCARD_API const char *persocard_sw_str(uint16_t sw)
{
	/* 63Cx: the low nibble counts the tries left. */
	if ((sw & 0xFFF0) == PERSOCARD_SW_VERIFY_FAILED)
		return "wrong perso code";
	/* 6Cxx: the low byte is the Le that would do. */
	if ((sw & 0xFF00) == PERSOCARD_SW_WRONG_LE)
		return "wrong Le";
	if ((sw & 0xFF00) == 0x6100)
		return "response bytes still available";

	switch (sw) {
	case PERSOCARD_SW_OK:
		return "success";
	case PERSOCARD_SW_MEMORY_FAILURE:
		return "memory failure";
	case PERSOCARD_SW_WRONG_LENGTH:
		return "wrong length";
	case PERSOCARD_SW_SECURITY_STATUS:
		return "security status not satisfied";
	case PERSOCARD_SW_AUTH_BLOCKED:
		return "authentication blocked";
	case PERSOCARD_SW_CONDITIONS:
		return "conditions of use not satisfied";
	case PERSOCARD_SW_WRONG_DATA:
		return "incorrect data";
	case PERSOCARD_SW_NO_MEMORY:
		return "not enough memory";
	case PERSOCARD_SW_NOT_FOUND:
		return "referenced data not found";
	case PERSOCARD_SW_LAST_EXPECTED:
		return "last command of the chain expected";
	case PERSOCARD_SW_NO_CHAINING:
		return "command chaining not supported";
	case PERSOCARD_SW_WRONG_P1P2:
		return "incorrect parameters P1-P2";
	case PERSOCARD_SW_INS_UNKNOWN:
		return "instruction not supported";
	case PERSOCARD_SW_CLA_UNKNOWN:
		return "class not supported";
	default:
		return "unknown status word";
	}
}

static const char *const state_names[] = {
	[PERSOCARD_STATE_SEMI_FINISHED]	= "SEMI_FINISHED",
	[PERSOCARD_STATE_READY]		= "READY",
	[PERSOCARD_STATE_PERSONALIZING]	= "PERSONALIZING",
	[PERSOCARD_STATE_PERSONALIZED]	= "PERSONALIZED",
	[PERSOCARD_STATE_BLOCKED]	= "BLOCKED",
};

static const char *const profile_names[] = {
	[PERSOCARD_PROFILE_PAYMENT]	= "payment",
	[PERSOCARD_PROFILE_SIM]		= "sim",
	[PERSOCARD_PROFILE_IDENTITY]	= "identity",
};

static const char *lookup(const char *const *names, size_t nr,
			  unsigned int val)
{
	if (val >= nr || !names[val]) {
		errno = EINVAL;
		return NULL;
	}

	return names[val];
}

PERSOCARD_API const char *persocard_state_name(unsigned int state)
{
	return lookup(state_names, ARRAY_SIZE(state_names), state);
}

PERSOCARD_API const char *persocard_profile_name(unsigned int profile)
{
	return lookup(profile_names, ARRAY_SIZE(profile_names), profile);
}

/* The id of profile @name, or 0. */
unsigned int profile_id(const char *name)
{
	unsigned int id;

	for (id = 1; id < ARRAY_SIZE(profile_names); id++)
		if (!strcmp(profile_names[id], name))
			return id;
	return 0;
}
