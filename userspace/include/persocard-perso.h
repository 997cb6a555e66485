/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libpersocard's personalization language: values, perso codes, data
 * files, the APDU encoding of each command, and a whole personalization
 * in one call over a transport (the card's ioctls, or APDUs through a
 * transmit function the caller gives, e.g. PC/SC's SCardTransmit).
 * Included by <libpersocard.h>; the syntax is Documentation/persocard/cli.rst's.
 *
 * Parsers do not print: a failure fills a struct persocard_diag with an
 * errno-like code, the line (data files) and a message for the user.
 * Every buffer they return may hold a key or a code: free it with
 * persocard_secret_free(), which wipes it.
 */
#ifndef PERSOCARD_PERSO_H
#define PERSOCARD_PERSO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct persocard_card;
struct persocard_profile;
struct persocard_tag;

/**
 * struct persocard_datafile - a parsed data file (opaque).
 */
struct persocard_datafile;

/**
 * struct persocard_transport - how commands reach a card (opaque).
 */
struct persocard_transport;

/**
 * struct persocard_diag - why a parser refused its input
 * @error: EINVAL (syntax: bad hex, odd digits, a missing quote, a NUL
 *	byte, a missing value), EMSGSIZE (a value longer than
 *	%PERSOCARD_VALUE_MAX_LEN, or a code outside 4 to 32 bytes), EFBIG (a
 *	data or code file over 1 MiB), ENOENT (an unknown tag or profile),
 *	EEXIST (an element given twice, a second profile line), ERANGE (a
 *	length outside the element's bounds), ENODATA (mandatory elements
 *	missing), EMEDIUMTYPE (the file is for another profile), ENOTTY (no
 *	terminal to prompt on), or the errno of reading a file (an @FILE
 *	that does not exist: ENOENT).
 * @line: line of the data file, from 1; 0 for the file as a whole.
 * @message: the reason, in English, without the file name or line.
 */
struct persocard_diag {
	int error;
	unsigned int line;
	char message[240];
};

/**
 * persocard_secret_free() - wipe and free a buffer this library returned.
 * @p: the buffer, or NULL.
 * @len: its length, as returned.
 */
void persocard_secret_free(void *p, size_t len);

/**
 * persocard_parse_value() - a value: hex digits (blanks between them
 * allowed, optionally after hex:) or "quoted text" (escapes \\ \" \n \t
 * \xHH), each optionally followed by blanks and a # comment; text: and the
 * rest of the text verbatim; @ and a file name (trailing blanks dropped).
 * @s: the text.
 * @dir: folder a relative @FILE is taken from; NULL for the current one.
 * @value: receives an allocated buffer (persocard_secret_free()).
 * @len: receives its length, at most %PERSOCARD_VALUE_MAX_LEN.
 * @diag: receives the reason of a failure; may be NULL.
 *
 * Return: 0, or -1 with errno and @diag->error set alike.
 */
int persocard_parse_value(const char *s, const char *dir, uint8_t **value,
			  size_t *len, struct persocard_diag *diag);

/**
 * persocard_parse_hex() - hexadecimal digits only, optionally after hex:,
 * blanks between them allowed, then optionally blanks and a # comment.
 * @s: the text.
 * @max: most bytes accepted (else EMSGSIZE, "WHAT longer than MAX bytes").
 * @what: what the bytes are, for the message ("APDU").
 * @value: receives an allocated buffer (persocard_secret_free()).
 * @len: receives its length.
 * @diag: receives the reason of a failure; may be NULL.
 *
 * Return: 0, or -1 with errno.
 */
int persocard_parse_hex(const char *s, size_t max, const char *what,
			uint8_t **value, size_t *len,
			struct persocard_diag *diag);

/**
 * persocard_parse_code() - a perso code: its text as typed, or hex: and
 * hex digits; %PERSOCARD_CODE_MIN_LEN to %PERSOCARD_CODE_MAX_LEN bytes.
 * @s: the text.
 * @code: receives an allocated buffer (persocard_secret_free()).
 * @len: receives its length.
 * @diag: receives the reason of a failure; may be NULL.
 *
 * Return: 0, or -1 with errno (EINVAL, EMSGSIZE).
 */
int persocard_parse_code(const char *s, uint8_t **code, size_t *len,
			 struct persocard_diag *diag);

/**
 * persocard_code_from_file() - a perso code: the first line of a file.
 * @path: the file; "-" for standard input.
 * @code: receives an allocated buffer (persocard_secret_free()).
 * @len: receives its length.
 * @diag: receives the reason of a failure; may be NULL.
 *
 * Return: 0, or -1 with errno.
 */
int persocard_code_from_file(const char *path, uint8_t **code, size_t *len,
			     struct persocard_diag *diag);

/**
 * persocard_code_from_env() - a perso code from PERSOCARD_CODE.
 * @code: receives an allocated buffer (persocard_secret_free()).
 * @len: receives its length.
 * @diag: receives the reason of a failure; may be NULL.
 *
 * Return: 1 and the code, 0 if PERSOCARD_CODE is unset or empty, or -1
 * with errno for a malformed one.
 */
int persocard_code_from_env(uint8_t **code, size_t *len,
			    struct persocard_diag *diag);

/**
 * persocard_code_prompt() - ask for the perso code on the terminal of
 * standard input, without echo; the prompt goes to standard error.
 * @device: the card, named in the prompt.
 * @code: receives an allocated buffer (persocard_secret_free()).
 * @len: receives its length.
 * @diag: receives the reason of a failure; may be NULL.
 *
 * A signal during the prompt restores the terminal before it acts.
 *
 * Return: 0, or -1 with errno (ENOTTY: standard input is no terminal).
 */
int persocard_code_prompt(const char *device, uint8_t **code, size_t *len,
			  struct persocard_diag *diag);

/**
 * persocard_datafile_parse() - parse a data file's text: one element per
 * line, TAG, blanks, VALUE (persocard_parse_value()); blank and # lines
 * skipped; at most one "profile NAME" line.  The syntax, the values and
 * every @FILE are checked here; tags, lengths and mandatory elements by
 * persocard_datafile_check(), against a card's profile.
 * @text: the file's bytes; a NUL byte among them is refused.
 * @len: their number.
 * @dir: folder of relative @FILE paths, or NULL for the current one.
 * @diag: receives the first error; may be NULL.
 *
 * Return: the file, to free with persocard_datafile_free(), or NULL with
 * errno.
 */
struct persocard_datafile *persocard_datafile_parse(const char *text,
						    size_t len,
						    const char *dir,
						    struct persocard_diag *diag);

/**
 * persocard_datafile_read() - read and parse a data file.
 * @path: the file ("-": standard input, @FILE relative to the current
 *	folder); at most 1 MiB; relative @FILE paths are taken from its
 *	folder.
 * @diag: receives the first error; may be NULL.
 *
 * Return: as persocard_datafile_parse().
 */
struct persocard_datafile *persocard_datafile_read(const char *path,
						   struct persocard_diag *diag);

/**
 * persocard_datafile_check() - check a parsed file against a profile: its
 * profile line, known tags each given once, lengths within each element's
 * bounds, every mandatory element present.  On success the elements are
 * bound to the tags of a copy of @profile that the file keeps.
 * @df: the file.
 * @profile: the card's profile.
 * @diag: receives the first error; may be NULL.
 *
 * Return: 0, or -1 with errno.
 */
int persocard_datafile_check(struct persocard_datafile *df,
			     const struct persocard_profile *profile,
			     struct persocard_diag *diag);

/**
 * persocard_datafile_free() - free a data file, wiping its values.
 * @df: the file, or NULL.
 */
void persocard_datafile_free(struct persocard_datafile *df);

/**
 * persocard_datafile_get_profile_name() - the file's profile line.
 * @df: the file.
 *
 * Return: "payment", "sim" or "identity", or NULL if it has none.
 */
const char *
persocard_datafile_get_profile_name(const struct persocard_datafile *df);

/**
 * persocard_datafile_get_nr_elements() - number of elements in the file.
 * @df: the file.
 *
 * Return: the number.
 */
size_t persocard_datafile_get_nr_elements(const struct persocard_datafile *df);

/**
 * persocard_datafile_get_key() - an element's TAG, as written in the file.
 * @df: the file.
 * @index: 0 to persocard_datafile_get_nr_elements() - 1.
 *
 * Return: the text, or NULL with errno ERANGE.
 */
const char *persocard_datafile_get_key(const struct persocard_datafile *df,
				       size_t index);

/**
 * persocard_datafile_get_line() - the line an element is on.
 * @df: the file.
 * @index: the element.
 *
 * Return: the line, from 1; 0 for a bad @index.
 */
unsigned int persocard_datafile_get_line(const struct persocard_datafile *df,
					 size_t index);

/**
 * persocard_datafile_get_value() - an element's value.
 * @df: the file.
 * @index: the element.
 * @len: receives its length.
 *
 * Return: the bytes, valid as long as @df, or NULL with errno ERANGE.
 */
const uint8_t *
persocard_datafile_get_value(const struct persocard_datafile *df,
			     size_t index, size_t *len);

/**
 * persocard_datafile_get_tag() - an element's descriptor, once checked.
 * @df: the file.
 * @index: the element.
 *
 * Return: the descriptor, or NULL with errno ERANGE (bad @index) or
 * ENOENT (the file was not checked).
 */
const struct persocard_tag *
persocard_datafile_get_tag(const struct persocard_datafile *df, size_t index);

/**
 * typedef persocard_transmit_fn - send one command APDU, get its response.
 * @data: the caller's pointer given to persocard_transport_new_apdu().
 * @command: the command APDU.
 * @command_len: its length.
 * @response: receives the response data, then SW1 SW2.
 * @response_size: room in @response (at least 258).
 * @response_len: receives the response's length, SW included.
 *
 * Return: 0 when the card answered, whatever its status word; -1 with
 * errno when the APDU did not reach it.
 */
typedef int (*persocard_transmit_fn)(void *data, const uint8_t *command,
				     size_t command_len, uint8_t *response,
				     size_t response_size,
				     size_t *response_len);

/**
 * persocard_transport_new_card() - commands as ioctls on an open card.
 * @card: the handle; it must outlive the transport, which does not own it.
 *
 * Return: the transport, to free with persocard_transport_free(), or NULL
 * with errno.
 */
struct persocard_transport *
persocard_transport_new_card(struct persocard_card *card);

/**
 * persocard_transport_new_apdu() - commands as ISO/IEC 7816-4 APDUs (see
 * <linux/persocard.h>) through @transmit: a value longer than 255 bytes as
 * chained PUT PERSO DATA blocks, LOCK with Le so that a refusal lists the
 * missing tags, the profile read with GET STATUS.
 * @transmit: sends one APDU.
 * @data: passed to @transmit.
 *
 * Return: the transport, to free with persocard_transport_free(), or NULL
 * with errno.
 */
struct persocard_transport *
persocard_transport_new_apdu(persocard_transmit_fn transmit, void *data);

/**
 * persocard_transport_free() - free a transport.
 * @t: the transport, or NULL.
 */
void persocard_transport_free(struct persocard_transport *t);

/**
 * persocard_transport_get_profile() - the card's profile: the handle's, or
 * read once with GET STATUS APDUs.
 * @t: the transport.
 *
 * Return: the profile, valid as long as @t; NULL with errno: EREMOTEIO
 * (the card refused: persocard_transport_last_sw()), EPROTO (a malformed
 * answer), or the transmit function's errno.
 */
const struct persocard_profile *
persocard_transport_get_profile(struct persocard_transport *t);

/**
 * persocard_transport_get_state() - GET STATUS: the card's state.
 * @t: the transport.
 *
 * Return: &enum persocard_state, or -1 with errno.
 */
int persocard_transport_get_state(struct persocard_transport *t);

/**
 * persocard_transport_last_sw() - status word of the last command.
 * @t: the transport.
 *
 * Return: the status word, or 0 if the last command did not reach the card.
 */
uint16_t persocard_transport_last_sw(const struct persocard_transport *t);

/**
 * enum persocard_step_cmd - the commands of a personalization
 * @PERSOCARD_STEP_ENABLE: ENABLE PERSO.
 * @PERSOCARD_STEP_VERIFY: VERIFY PERSO CODE.
 * @PERSOCARD_STEP_PUT: PUT PERSO DATA of one element.
 * @PERSOCARD_STEP_LOCK: LOCK PERSO.
 * @PERSOCARD_STEP_SELECT: SCP03: SELECT of the issuer security domain.
 * @PERSOCARD_STEP_INIT_UPDATE: SCP03: INITIALIZE UPDATE.
 * @PERSOCARD_STEP_EXT_AUTH: SCP03: EXTERNAL AUTHENTICATE.
 * @PERSOCARD_STEP_STORE: SCP03: one STORE DATA command; @tag and @line are
 *	those of the first DGI it carries (or continues), @len the bytes of
 *	DGIs it carries before wrapping.
 * @PERSOCARD_STEP_SET_STATUS: SCP03: SET STATUS, GP's LOCK PERSO, with
 *	the receipt.
 *
 * An SCP03 personalization reports SELECT, ENABLE, INIT_UPDATE, EXT_AUTH,
 * one STORE per STORE DATA command, then SET_STATUS.
 */
enum persocard_step_cmd {
	PERSOCARD_STEP_ENABLE,
	PERSOCARD_STEP_VERIFY,
	PERSOCARD_STEP_PUT,
	PERSOCARD_STEP_LOCK,
	PERSOCARD_STEP_SELECT,
	PERSOCARD_STEP_INIT_UPDATE,
	PERSOCARD_STEP_EXT_AUTH,
	PERSOCARD_STEP_STORE,
	PERSOCARD_STEP_SET_STATUS,
};

/**
 * struct persocard_step - one command of a personalization, as it went
 * @cmd: which command.
 * @error: 0 if the card accepted it; EREMOTEIO if it refused (@sw);
 *	another errno if the command did not reach the card.
 * @sw: the status word; 0 if the command did not reach the card.
 * @state: with %PERSOCARD_PERSO_STATE, the card's state after an accepted
 *	command (&enum persocard_state), 0 if it could not be read; else 0.
 * @tag: PUT: the element's descriptor; STORE: that of the first DGI.
 * @len: PUT: the value's length; STORE: the command's DGI bytes.
 * @line: PUT, STORE: the element's line in the data file.
 * @missing: LOCK refused with 6A80: the tags of the mandatory elements not
 *	stored.
 * @nr_missing: their number, at most %PERSOCARD_MAX_TAGS.
 *
 * The library owns it; fields may be added at its end.
 */
struct persocard_step {
	enum persocard_step_cmd cmd;
	int error;
	uint16_t sw;
	unsigned int state;
	const struct persocard_tag *tag;
	size_t len;
	unsigned int line;
	const uint16_t *missing;
	unsigned int nr_missing;
};

/**
 * typedef persocard_step_fn - told each command of a personalization.
 * @step: the command and its outcome, valid during the call.
 * @data: the caller's pointer.
 */
typedef void (*persocard_step_fn)(const struct persocard_step *step,
				  void *data);

/* Flags of persocard_personalize() */
#define PERSOCARD_PERSO_STATE	0x1	/* GET STATUS after each command */

/**
 * persocard_personalize() - a whole personalization in one session:
 * ENABLE PERSO, VERIFY PERSO CODE, one PUT PERSO DATA per element in file
 * order, LOCK PERSO; the first command that fails ends it (and the
 * session: the card aborts it).
 * @t: the transport.
 * @df: the data file; checked against the transport's profile here unless
 *	persocard_datafile_check() did already against an equal profile (a
 *	file checked so may then serve several threads at once).
 * @code: the perso code.
 * @code_len: its length.
 * @flags: %PERSOCARD_PERSO_STATE, or 0.
 * @step: called after each command, accepted or not; may be NULL.
 * @data: passed to @step.
 *
 * Return: 0 when the card is PERSONALIZED; -1 with errno EREMOTEIO (a
 * command refused), the errno of persocard_datafile_check(), EINVAL (a
 * code outside 4 to 32 bytes), or the transport's errno.
 */
int persocard_personalize(struct persocard_transport *t,
			  struct persocard_datafile *df, const void *code,
			  size_t code_len, unsigned int flags,
			  persocard_step_fn step, void *data);

/*
 * GlobalPlatform SCP03 (GPC 2.3.1 Amendment D): the bureau's standard way
 * into a card whose maker set static keys instead of a perso code.
 */

#define PERSOCARD_SCP03_KEY_MAX	32

/**
 * struct persocard_scp03_keys - a static SCP03 key set; wipe it with
 * persocard_scp03_keys_wipe() when done.
 * @kvn: key version number, 01 to 7F.
 * @len: the length of every key: 16, 24 or 32 (AES-128, -192, -256).
 * @enc: Key-ENC, the first @len bytes.
 * @mac: Key-MAC.
 * @dek: Key-DEK, which encrypts the secret elements' DGIs.
 */
struct persocard_scp03_keys {
	uint8_t kvn;
	uint8_t len;
	uint8_t enc[PERSOCARD_SCP03_KEY_MAX];
	uint8_t mac[PERSOCARD_SCP03_KEY_MAX];
	uint8_t dek[PERSOCARD_SCP03_KEY_MAX];
};

/* Security levels: EXTERNAL AUTHENTICATE's P1 */
#define PERSOCARD_SCP03_CMAC	0x01
#define PERSOCARD_SCP03_CDEC	0x02	/* with CMAC: 0x03 */
#define PERSOCARD_SCP03_RMAC	0x10
#define PERSOCARD_SCP03_RENC	0x20	/* only as 0x33 */

/**
 * persocard_scp03_keys_parse() - parse a key file's text: lines "kvn HH",
 * "enc HEX", "mac HEX", "dek HEX" (blanks between hex digits allowed),
 * each exactly once, the three keys of one length (16, 24 or 32 bytes);
 * blank and # lines skipped.
 * @text: the file's bytes; a NUL byte among them is refused.
 * @len: their number.
 * @keys: receives the key set (wiped on failure).
 * @diag: receives the reason of a failure, with its line; may be NULL.
 *
 * Return: 0, or -1 with errno: EINVAL (an unknown word, bad hex, a KVN
 * outside 01..7F, keys of different lengths, a NUL byte), EEXIST (a line
 * given twice), ENODATA (a line missing), EMSGSIZE (a key not 16, 24 or
 * 32 bytes long).
 */
int persocard_scp03_keys_parse(const char *text, size_t len,
			       struct persocard_scp03_keys *keys,
			       struct persocard_diag *diag);

/**
 * persocard_scp03_keys_read() - read and parse a key file.
 * @path: the file; "-" for standard input; at most 64 KiB (else EFBIG).
 * @keys: receives the key set.
 * @diag: receives the reason of a failure; may be NULL.
 *
 * Return: 0, or -1 with errno (as persocard_scp03_keys_parse(), EFBIG, or
 * the errno of reading the file).
 */
int persocard_scp03_keys_read(const char *path,
			      struct persocard_scp03_keys *keys,
			      struct persocard_diag *diag);

/**
 * persocard_scp03_keys_wipe() - wipe a key set.
 * @keys: the key set, or NULL.
 */
void persocard_scp03_keys_wipe(struct persocard_scp03_keys *keys);

/**
 * persocard_scp03_level_parse() - a security level by name: "cmac" (01),
 * "cdec" (03), "rmac" (11), "cdec-rmac" (13), "all" (33), or one of those
 * numbers in hex (an optional 0x before it).
 * @s: the text.
 * @level: receives the level, EXTERNAL AUTHENTICATE's P1.
 *
 * Return: 0, or -1 with errno EINVAL.
 */
int persocard_scp03_level_parse(const char *s, unsigned int *level);

/**
 * persocard_personalize_scp03() - a whole personalization over SCP03:
 * SELECT of the issuer security domain, ENABLE PERSO (GP's INSTALL [for
 * personalization]), INITIALIZE UPDATE, EXTERNAL AUTHENTICATE at @level,
 * STORE DATA of every element of @df as DGIs in file order (the secret
 * ones encrypted under Key-DEK), SET STATUS with Le; the receipt it
 * answers is checked.  Every APDU goes through the transport's APDU path
 * (the TRANSMIT ioctl for a card transport).  The card cryptogram is
 * checked before EXTERNAL AUTHENTICATE is sent: a card that does not know
 * the keys costs no try (the session it began is left to the caller to
 * end: close the handle or reset the card).  The first command that
 * fails ends it.
 * @t: the transport.
 * @df: the data file, checked as by persocard_personalize().
 * @keys: the card's static keys (@keys->kvn is sent in INITIALIZE UPDATE).
 * @level: %PERSOCARD_SCP03_CMAC and the other levels: 0x01, 0x03, 0x11,
 *	0x13 or 0x33.
 * @flags: %PERSOCARD_PERSO_STATE, or 0.
 * @step: called after each command, accepted or not; may be NULL.
 * @data: passed to @step.
 *
 * Return: 0 when the card is PERSONALIZED and its receipt matches; -1
 * with errno: EREMOTEIO (a command refused: persocard_transport_last_sw()),
 * EKEYREJECTED (the card cryptogram is wrong: other keys; nothing more
 * was sent), EBADMSG (a bad R-MAC or response padding, or a receipt that
 * does not match what was sent), EPROTO (a malformed response), EINVAL
 * (bad arguments: a level, a key set), the errno of
 * persocard_datafile_check(), or the transport's errno.
 */
int persocard_personalize_scp03(struct persocard_transport *t,
				struct persocard_datafile *df,
				const struct persocard_scp03_keys *keys,
				unsigned int level, unsigned int flags,
				persocard_step_fn step, void *data);

#ifdef __cplusplus
}
#endif

#endif /* PERSOCARD_PERSO_H */
