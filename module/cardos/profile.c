// SPDX-License-Identifier: GPL-2.0
/*
 * The application fields persocard cards are made for.
 *
 * Tags follow EMV CPS data grouping identifiers where a payment card has
 * one; SIM and identity cards use the same 16-bit space. Secret elements
 * sit in 0x8000-0x8FFF, the CPS range for data that travels encrypted.
 */
#include <linux/kernel.h>
#include <linux/string.h>

#include "profile.h"

#define MANDATORY	PERSOCARD_TAG_MANDATORY
#define SECRET		PERSOCARD_TAG_SECRET

static const struct persocard_element payment_elements[] = {
	{ 0x0101, "records",		1,  255, MANDATORY, PERSOCARD_FMT_BINARY },
	{ 0x0102, "records_2",		1,  255, 0, PERSOCARD_FMT_BINARY },
	{ 0x5A00, "pan",		5,   10, MANDATORY, PERSOCARD_FMT_BCD },
	{ 0x5F24, "expiry",		3,    3, MANDATORY, PERSOCARD_FMT_DATE },
	{ 0x5F20, "cardholder",		2,   26, 0, PERSOCARD_FMT_TEXT },
	{ 0x9102, "select_response",	1,  255, MANDATORY, PERSOCARD_FMT_BINARY },
	{ 0x9104, "gpo_response",	1,  255, MANDATORY, PERSOCARD_FMT_BINARY },
	{ 0x3000, "app_data",		1,  255, 0, PERSOCARD_FMT_BINARY },
	{ 0x9000, "key_check_values",	3,    9, MANDATORY, PERSOCARD_FMT_BINARY },
	{ 0x9010, "pin_try_limit",	2,    2, MANDATORY, PERSOCARD_FMT_TRIES },
	{ 0x8000, "icc_keys",		48,  96, MANDATORY | SECRET, PERSOCARD_FMT_BINARY },
	{ 0x8010, "pin_block",		8,   16, MANDATORY | SECRET, PERSOCARD_FMT_BINARY },
	{ 0x8101, "rsa_private_exp",	64, 256, SECRET, PERSOCARD_FMT_BINARY },
};

static const struct persocard_element sim_elements[] = {
	{ 0x2FE2, "iccid",		10,  10, MANDATORY, PERSOCARD_FMT_BCD },
	{ 0x6F07, "imsi",		9,    9, MANDATORY, PERSOCARD_FMT_BINARY },
	{ 0x6F46, "spn",		1,   17, 0, PERSOCARD_FMT_TEXT },
	{ 0x6F40, "msisdn",		1,   20, 0, PERSOCARD_FMT_BINARY },
	{ 0x6F38, "service_table",	1,   32, MANDATORY, PERSOCARD_FMT_BINARY },
	{ 0x8F01, "ki",			16,  16, MANDATORY | SECRET, PERSOCARD_FMT_BINARY },
	{ 0x8F02, "opc",		16,  16, MANDATORY | SECRET, PERSOCARD_FMT_BINARY },
	{ 0x8F03, "pin1",		8,    8, MANDATORY | SECRET, PERSOCARD_FMT_BINARY },
	{ 0x8F04, "puk1",		8,    8, MANDATORY | SECRET, PERSOCARD_FMT_BINARY },
};

static const struct persocard_element identity_elements[] = {
	{ 0x0101, "document_number",	1,   20, MANDATORY, PERSOCARD_FMT_TEXT },
	{ 0x0102, "surname",		1,   64, MANDATORY, PERSOCARD_FMT_TEXT },
	{ 0x0103, "given_names",	1,   64, MANDATORY, PERSOCARD_FMT_TEXT },
	{ 0x0104, "birth_date",		3,    3, MANDATORY, PERSOCARD_FMT_DATE },
	{ 0x0105, "expiry",		3,    3, MANDATORY, PERSOCARD_FMT_DATE },
	{ 0x0106, "nationality",	3,    3, MANDATORY, PERSOCARD_FMT_TEXT },
	{ 0x0201, "portrait",		1, 1024, 0, PERSOCARD_FMT_BINARY },
	{ 0x0301, "certificate",	1, 1024, MANDATORY, PERSOCARD_FMT_BINARY },
	{ 0x8101, "auth_key",		32,  32, MANDATORY | SECRET, PERSOCARD_FMT_BINARY },
	{ 0x8102, "sign_key",		32,  32, SECRET, PERSOCARD_FMT_BINARY },
	{ 0x8103, "pin",		8,    8, MANDATORY | SECRET, PERSOCARD_FMT_BINARY },
};

static const struct persocard_profile profiles[] = {
	{ PERSOCARD_PROFILE_PAYMENT, "payment",
	  payment_elements, ARRAY_SIZE(payment_elements) },
	{ PERSOCARD_PROFILE_SIM, "sim",
	  sim_elements, ARRAY_SIZE(sim_elements) },
	{ PERSOCARD_PROFILE_IDENTITY, "identity",
	  identity_elements, ARRAY_SIZE(identity_elements) },
};

static_assert(ARRAY_SIZE(payment_elements) <= PERSOCARD_MAX_TAGS);
static_assert(ARRAY_SIZE(sim_elements) <= PERSOCARD_MAX_TAGS);
static_assert(ARRAY_SIZE(identity_elements) <= PERSOCARD_MAX_TAGS);

/**
 * persocard_profile_by_id() - look a profile up by its ABI number
 * @id: &enum persocard_profile_id.
 *
 * Return: the profile, or NULL if @id names none.
 */
const struct persocard_profile *persocard_profile_by_id(u32 id)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(profiles); i++)
		if (profiles[i].id == id)
			return &profiles[i];
	return NULL;
}

/**
 * persocard_profile_by_name() - look a profile up by name
 * @name: "payment", "sim" or "identity"; a trailing newline is ignored.
 *
 * Return: the profile, or NULL if @name names none.
 */
const struct persocard_profile *persocard_profile_by_name(const char *name)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(profiles); i++)
		if (sysfs_streq(name, profiles[i].name))
			return &profiles[i];
	return NULL;
}

/**
 * persocard_profile_index() - position of a tag in a profile
 * @profile: the card's profile.
 * @tag: the tag looked for.
 *
 * Return: the index into @profile->elements, or -1 if the tag is unknown.
 */
int persocard_profile_index(const struct persocard_profile *profile, u16 tag)
{
	unsigned int i;

	for (i = 0; i < profile->nr_elements; i++)
		if (profile->elements[i].tag == tag)
			return i;
	return -1;
}

static bool bcd_valid(const u8 *value, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		u8 hi = value[i] >> 4, lo = value[i] & 0xf;
		bool last = i == len - 1;

		if (hi > 9 || (lo > 9 && !(last && lo == 0xf)))
			return false;
	}
	return true;
}

static bool date_valid(const u8 *value)
{
	unsigned int month, day;

	if (!bcd_valid(value, 3) || (value[2] & 0xf) == 0xf)
		return false;
	month = (value[1] >> 4) * 10 + (value[1] & 0xf);
	day = (value[2] >> 4) * 10 + (value[2] & 0xf);
	return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

static bool text_valid(const u8 *value, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (value[i] < 0x20 || value[i] > 0x7e)
			return false;
	return true;
}

/**
 * persocard_value_valid() - check a value's content against its element
 * @el: the element.
 * @value: the value.
 * @len: its length, already within @el's bounds.
 *
 * Return: true if the card accepts the value.
 */
bool persocard_value_valid(const struct persocard_element *el,
			   const u8 *value, size_t len)
{
	switch (el->format) {
	case PERSOCARD_FMT_BCD:
		return bcd_valid(value, len);
	case PERSOCARD_FMT_TEXT:
		return text_valid(value, len);
	case PERSOCARD_FMT_DATE:
		return len == 3 && date_valid(value);
	case PERSOCARD_FMT_TRIES:
		return len == 2 && value[0] >= 1 && value[0] <= 15 &&
		       value[1] <= value[0];
	default:
		return true;
	}
}
