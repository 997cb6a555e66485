/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libpersocard - personalize simulated smart cards behind /dev/persocardN.
 *
 * Conventions, as in libgpiod:
 *
 * - Functions return 0 (or a count) on success; -1, or NULL for functions
 *   returning pointers, with errno set on failure.
 * - A command the card processed but refused returns -1 with errno set to
 *   EREMOTEIO; persocard_card_last_sw() gives its status word and
 *   persocard_sw_str() a text for it.  Any other errno means the command
 *   did not reach the card (EFAULT, EINVAL, ENODEV, EBADF, ...) and
 *   persocard_card_last_sw() is 0.  The one exception is
 *   persocard_card_transmit(), a raw APDU exchange: a status word is its
 *   caller's data, so any answer of the card returns 0.
 * - A card taken out of its reader (sysfs "present" 0) fails every command
 *   with ENODEV, and persocard_card_open() with ENOMEDIUM.
 * - The library keeps no global state.  A card handle may be used by one
 *   thread at a time; distinct handles, even on the same card, may be used
 *   from distinct threads.  Functions without a handle are thread-safe.
 * - A personalization session belongs to the open file that sent ENABLE
 *   PERSO: to the handle, and to no other handle or process.  Closing the
 *   handle ends the session and discards what was staged.
 *
 * - Status, INFO, profiles and tag descriptors are opaque objects read
 *   through getters (as libgpiod's gpiod_chip_info): the kernel's structs
 *   may grow without breaking programs linked against the library.
 *   <linux/persocard.h> is included for its constants only (states,
 *   profiles, status words, capabilities, limits); none of its structs
 *   is part of this API.
 *
 * The personalization language (values, perso codes, data files) and one
 * call for a whole personalization over the ioctls or APDUs are declared
 * in <persocard-perso.h>, which this header includes.
 */
#ifndef LIBPERSOCARD_H
#define LIBPERSOCARD_H

#include <linux/persocard.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * struct persocard_card - an open card (opaque).
 */
struct persocard_card;

/**
 * struct persocard_iter - an iterator over the cards present (opaque).
 */
struct persocard_iter;

/**
 * struct persocard_card_status - a GET STATUS snapshot (opaque).
 */
struct persocard_card_status;

/**
 * struct persocard_card_info - an INFO snapshot (opaque).
 */
struct persocard_card_info;

/**
 * struct persocard_profile - a profile: its id and data elements (opaque).
 */
struct persocard_profile;

/**
 * struct persocard_tag - one data element of a profile (opaque).
 */
struct persocard_tag;

/**
 * persocard_api_version() - version of the library.
 *
 * Return: a static string such as "0.1.0".
 */
const char *persocard_api_version(void);

/**
 * persocard_card_open() - open a card by the path of its device node.
 * @path: "/dev/persocard3", "/dev/persocard" (card 0), or a symlink to one.
 *
 * Checks that @path is a persocard device and that the module speaks
 * %PERSOCARD_ABI_VERSION, and reads the card's profile.
 *
 * Return: a handle to free with persocard_card_close(), or NULL with errno:
 * ENOTTY if @path is not a character device, ENODEV if it is not a
 * persocard card, ENOMEDIUM if the card is out of its reader, EPROTO if
 * the module's ABI version differs, or the errno of open(2).
 */
struct persocard_card *persocard_card_open(const char *path);

/**
 * persocard_card_open_index() - open /dev/persocardN.
 * @index: N.
 *
 * Return: as persocard_card_open().
 */
struct persocard_card *persocard_card_open_index(unsigned int index);

/* Flags of persocard_card_open_flags() */
#define PERSOCARD_OPEN_ABSENT	0x1	/* a card out of its reader opens too */

/**
 * persocard_card_open_flags() - persocard_card_open(), with flags.
 * @path: as persocard_card_open() takes it.
 * @flags: %PERSOCARD_OPEN_ABSENT: a card out of its reader opens all the
 *	same, for a reader's slot that waits for it (its commands fail with
 *	ENODEV until it is back); its index comes from sysfs, and its profile
 *	is empty unless the card was in its reader at open.
 *
 * Return: as persocard_card_open(); EINVAL for an unknown flag.
 */
struct persocard_card *persocard_card_open_flags(const char *path,
						 unsigned int flags);

/**
 * persocard_card_close() - close a card, ending any session it owns.
 * @card: the handle, or NULL (nothing happens).
 */
void persocard_card_close(struct persocard_card *card);

/**
 * persocard_card_path() - path the card was opened by.
 * @card: the handle.
 *
 * Return: a string valid for the handle's lifetime.
 */
const char *persocard_card_path(const struct persocard_card *card);

/**
 * persocard_card_index() - N of /dev/persocardN.
 * @card: the handle.
 *
 * Return: the card's index, as the module reports it.
 */
unsigned int persocard_card_index(const struct persocard_card *card);

/**
 * persocard_card_fd() - file descriptor of the handle, for poll(2) or raw
 * ioctls.  It stays owned by the handle.
 * @card: the handle.
 *
 * Return: the descriptor.
 */
int persocard_card_fd(const struct persocard_card *card);

/**
 * persocard_card_last_sw() - status word of the handle's last command.
 * @card: the handle.
 *
 * Return: the status word, or 0 if the last call did not reach the card.
 */
uint16_t persocard_card_last_sw(const struct persocard_card *card);

/**
 * persocard_sw_str() - a short English text for a status word.
 * @sw: the status word.
 *
 * Return: a static string, e.g. "wrong perso code" for 63Cx or
 * "unknown status word" for a word this library does not know.
 */
const char *persocard_sw_str(uint16_t sw);

/**
 * persocard_card_enable() - ENABLE PERSO: start a session; the card goes to
 * READY.
 * @card: the handle.
 *
 * Return: 0 on 9000; -1 with errno EREMOTEIO if the card refused.
 */
int persocard_card_enable(struct persocard_card *card);

/**
 * persocard_card_verify() - VERIFY PERSO CODE.
 * @card: the handle.
 * @code: the perso code, raw bytes.
 * @len: its length.
 * @tries_left: if not NULL, receives the try counter after the command
 *	whenever the card processed it.
 *
 * A wrong code answers 63Cx (x tries left) and aborts the session; the
 * last try blocks the card (63C0, then 6983).
 *
 * Return: 0 on 9000; -1 with errno EREMOTEIO if the card refused; -1 with
 * EINVAL if @len exceeds %PERSOCARD_CODE_MAX_LEN (nothing is sent).
 */
int persocard_card_verify(struct persocard_card *card, const void *code,
			  size_t len, unsigned int *tries_left);

/**
 * persocard_card_put() - PUT PERSO DATA: stage one data element.
 * @card: the handle.
 * @tag: the element's tag.
 * @value: its value.
 * @len: its length, at most %PERSOCARD_VALUE_MAX_LEN.
 *
 * Return: 0 on 9000; -1 with errno EREMOTEIO if the card refused (which
 * aborts the session); -1 with EINVAL if @len is too long for any card.
 */
int persocard_card_put(struct persocard_card *card, uint16_t tag,
		       const void *value, size_t len);

/**
 * persocard_card_put_by_name() - PUT PERSO DATA, the tag given by name.
 * @card: the handle.
 * @name: an element name of the card's profile, as persocard_tag_get_name()
 *	reports it.
 * @value: the value.
 * @len: its length.
 *
 * Return: as persocard_card_put(); -1 with ENOENT, and nothing sent, if the
 * profile has no element @name.
 */
int persocard_card_put_by_name(struct persocard_card *card, const char *name,
			       const void *value, size_t len);

/**
 * persocard_card_lock() - LOCK PERSO: commit the staged elements for good.
 * @card: the handle.
 * @missing: if not NULL, receives the tags of the mandatory elements not
 *	staged (LOCK then answers 6A80); room for %PERSOCARD_MAX_TAGS.
 * @nr_missing: if not NULL, receives their number.
 *
 * Return: 0 on 9000; -1 with errno EREMOTEIO if the card refused.
 */
int persocard_card_lock(struct persocard_card *card, uint16_t *missing,
			unsigned int *nr_missing);

/**
 * persocard_card_reset() - warm reset: ends the session as a power cut.
 * @card: the handle.
 *
 * Return: 0 on 9000; -1 with errno EREMOTEIO if the card refused (another
 * file owns the session: 6985).
 */
int persocard_card_reset(struct persocard_card *card);

/**
 * persocard_card_read() - GET DATA: read back a public element of a
 * PERSONALIZED card.
 * @card: the handle.
 * @tag: the element's tag.
 * @buf: receives the value.
 * @size: room in @buf.
 *
 * Return: the value's length; -1 with errno EREMOTEIO if the card refused
 * (6985 not personalized, 6982 secret, 6A88 absent, 6700 @buf too small).
 */
ssize_t persocard_card_read(struct persocard_card *card, uint16_t tag,
			    void *buf, size_t size);

/**
 * persocard_card_transmit() - TRANSMIT: send one command APDU, receive the
 * response APDU.
 * @card: the handle.
 * @command: the command APDU, ISO/IEC 7816-4: CLA INS P1 P2 [Lc data]
 *	[Le], short or extended length (see <linux/persocard.h> for the
 *	commands).
 * @command_len: its length; one outside 4 to %PERSOCARD_APDU_MAX_LEN, or
 *	an APDU whose Lc and Le do not add up, is sent all the same: the card
 *	answers 6700.
 * @response: receives the response data, then SW1 SW2.
 * @response_size: room in @response: at least 2 more than the data the
 *	command's Le asks for (at most %PERSOCARD_RESPONSE_MAX_LEN is used).
 * @response_len: if not NULL, receives the response's length, SW included.
 *
 * The command runs in the handle's session, as the other calls do: an
 * APDU personalization is the same as one through persocard_card_enable()
 * and the others, and the two may be mixed.  A value longer than 255 bytes
 * goes as a chain of PUT PERSO DATA blocks (CLA 90 on all but the last)
 * or as one extended-length APDU.
 *
 * Return: 0 when the card answered, whatever its status word:
 * persocard_card_last_sw() gives it, as do the response's last two bytes.
 * -1 with errno when the command did not reach the card: EINVAL (@command
 * NULL, @response NULL or shorter than 2, or shorter than the command's Le
 * asks), ENODEV (the card is out of its reader), EFAULT, ...; then
 * persocard_card_last_sw() is 0.
 */
int persocard_card_transmit(struct persocard_card *card, const void *command,
			    size_t command_len, void *response,
			    size_t response_size, size_t *response_len);

/**
 * persocard_card_get_status() - GET STATUS.
 * @card: the handle.
 *
 * Return: a snapshot of the card's state, profile, try counter and serial,
 * to free with persocard_card_status_free(); or NULL with errno.
 */
struct persocard_card_status *
persocard_card_get_status(struct persocard_card *card);

/**
 * persocard_card_status_free() - free a status snapshot.
 * @status: the snapshot, or NULL.
 */
void persocard_card_status_free(struct persocard_card_status *status);

/**
 * persocard_card_status_get_state() - the card's life-cycle state.
 * @status: the snapshot.
 *
 * Return: &enum persocard_state.
 */
unsigned int
persocard_card_status_get_state(const struct persocard_card_status *status);

/**
 * persocard_card_status_get_profile() - the card's profile.
 * @status: the snapshot.
 *
 * Return: &enum persocard_profile_id.
 */
unsigned int
persocard_card_status_get_profile(const struct persocard_card_status *status);

/**
 * persocard_card_status_get_tries_left() - the try counter.
 * @status: the snapshot.
 *
 * Return: the tries left, 0 to %PERSOCARD_TRY_LIMIT_MAX.
 */
unsigned int
persocard_card_status_get_tries_left(const struct persocard_card_status *status);

/**
 * persocard_card_status_get_try_limit() - what a right code restores.
 * @status: the snapshot.
 *
 * Return: the try limit.
 */
unsigned int
persocard_card_status_get_try_limit(const struct persocard_card_status *status);

/**
 * persocard_card_status_get_serial() - the card's serial number.
 * @status: the snapshot.
 *
 * Return: the serial.
 */
uint64_t
persocard_card_status_get_serial(const struct persocard_card_status *status);

/**
 * persocard_card_status_has_session() - whether a session runs.
 * @status: the snapshot.
 *
 * Return: true if some open file owns a session.
 */
bool
persocard_card_status_has_session(const struct persocard_card_status *status);

/**
 * persocard_card_status_is_owner() - whether the session is the handle's.
 * @status: the snapshot.
 *
 * Return: true if the handle that took the snapshot owns the session.
 */
bool
persocard_card_status_is_owner(const struct persocard_card_status *status);

/**
 * persocard_card_get_info() - INFO: the module's ABI version, limits, the
 * card's index and its ATR.
 * @card: the handle.
 *
 * Return: a snapshot to free with persocard_card_info_free(), or NULL with
 * errno (EPROTO if the module speaks another ABI version).
 */
struct persocard_card_info *persocard_card_get_info(struct persocard_card *card);

/**
 * persocard_card_info_free() - free an INFO snapshot.
 * @info: the snapshot, or NULL.
 */
void persocard_card_info_free(struct persocard_card_info *info);

/**
 * persocard_card_info_get_abi_version() - the module's ABI version.
 * @info: the snapshot.
 *
 * Return: %PERSOCARD_ABI_VERSION of the module.
 */
unsigned int
persocard_card_info_get_abi_version(const struct persocard_card_info *info);

/**
 * persocard_card_info_get_caps() - the module's capabilities.
 * @info: the snapshot.
 *
 * Return: %PERSOCARD_CAP_* bits; unknown bits are a newer module's.
 */
uint32_t persocard_card_info_get_caps(const struct persocard_card_info *info);

/**
 * persocard_card_info_get_card_index() - N of /dev/persocardN.
 * @info: the snapshot.
 *
 * Return: the index.
 */
unsigned int
persocard_card_info_get_card_index(const struct persocard_card_info *info);

/**
 * persocard_card_info_get_nr_cards() - cards the module made.
 * @info: the snapshot.
 *
 * Return: the number.
 */
unsigned int
persocard_card_info_get_nr_cards(const struct persocard_card_info *info);

/**
 * persocard_card_info_get_nvm_size() - bytes of NVM of the card.
 * @info: the snapshot.
 *
 * Return: the size.
 */
unsigned int
persocard_card_info_get_nvm_size(const struct persocard_card_info *info);

/**
 * persocard_card_info_get_max_value_len() - largest value PUT takes.
 * @info: the snapshot.
 *
 * Return: the length in bytes.
 */
unsigned int
persocard_card_info_get_max_value_len(const struct persocard_card_info *info);

/**
 * persocard_card_info_get_min_code_len() - shortest perso code.
 * @info: the snapshot.
 *
 * Return: the length in bytes.
 */
unsigned int
persocard_card_info_get_min_code_len(const struct persocard_card_info *info);

/**
 * persocard_card_info_get_max_code_len() - longest perso code.
 * @info: the snapshot.
 *
 * Return: the length in bytes.
 */
unsigned int
persocard_card_info_get_max_code_len(const struct persocard_card_info *info);

/**
 * persocard_card_info_get_max_tags() - most elements of a profile.
 * @info: the snapshot.
 *
 * Return: the number.
 */
unsigned int
persocard_card_info_get_max_tags(const struct persocard_card_info *info);

/**
 * persocard_card_info_get_atr() - the card's Answer To Reset.
 * @info: the snapshot.
 * @len: receives its length: 0 for a module without %PERSOCARD_CAP_TRANSMIT.
 *
 * The ATR changes with the card's state: take a new snapshot after LOCK.
 *
 * Return: the bytes, valid as long as @info.
 */
const uint8_t *persocard_card_info_get_atr(const struct persocard_card_info *info,
					   size_t *len);

/**
 * persocard_card_profile() - the card's profile.
 * @card: the handle.
 *
 * Return: &enum persocard_profile_id, as read when the handle was opened.
 */
unsigned int persocard_card_profile(const struct persocard_card *card);

/**
 * persocard_card_get_profile() - the card's profile and its data elements.
 * @card: the handle.
 *
 * Return: the profile as read at open, valid for the handle's lifetime.
 */
const struct persocard_profile *
persocard_card_get_profile(const struct persocard_card *card);

/**
 * persocard_card_nr_tags() - number of data elements in the card's profile.
 * @card: the handle.
 *
 * Return: the number, as the PROFILE ioctl reported it at open.
 */
unsigned int persocard_card_nr_tags(const struct persocard_card *card);

/**
 * persocard_card_get_tag() - a data element of the card's profile.
 * @card: the handle.
 * @index: 0 to persocard_card_nr_tags() - 1.
 *
 * Return: the descriptor, valid for the handle's lifetime, or NULL with
 * errno ERANGE.
 */
const struct persocard_tag *
persocard_card_get_tag(const struct persocard_card *card, unsigned int index);

/**
 * persocard_card_find_tag() - look up a data element by name or number.
 * @card: the handle.
 * @name: as persocard_profile_find_tag() takes it.
 *
 * Return: as persocard_profile_find_tag().
 */
const struct persocard_tag *
persocard_card_find_tag(const struct persocard_card *card, const char *name);

/**
 * persocard_profile_get_id() - which profile.
 * @profile: the profile.
 *
 * Return: &enum persocard_profile_id.
 */
unsigned int persocard_profile_get_id(const struct persocard_profile *profile);

/**
 * persocard_profile_get_nr_tags() - number of data elements.
 * @profile: the profile.
 *
 * Return: the number.
 */
unsigned int
persocard_profile_get_nr_tags(const struct persocard_profile *profile);

/**
 * persocard_profile_get_tag() - a data element by index.
 * @profile: the profile.
 * @index: 0 to persocard_profile_get_nr_tags() - 1.
 *
 * Return: the descriptor, valid as long as @profile, or NULL with ERANGE.
 */
const struct persocard_tag *
persocard_profile_get_tag(const struct persocard_profile *profile,
			  unsigned int index);

/**
 * persocard_profile_find_tag() - look up a data element by name or number.
 * @profile: the profile.
 * @name: an element name ("pan"), or its tag in hexadecimal with a 0x
 *	prefix ("0x5A00") or in decimal ("23040").
 *
 * Return: the descriptor, valid as long as @profile, or NULL with errno
 * ENOENT (no such element) or EINVAL (@name is NULL or empty).
 */
const struct persocard_tag *
persocard_profile_find_tag(const struct persocard_profile *profile,
			   const char *name);

/**
 * persocard_profile_find_tag_number() - look up a data element by tag.
 * @profile: the profile.
 * @tag: the tag.
 *
 * Return: the descriptor, or NULL with errno ENOENT.
 */
const struct persocard_tag *
persocard_profile_find_tag_number(const struct persocard_profile *profile,
				  uint16_t tag);

/**
 * persocard_parse_tag_number() - a tag number as persocard_profile_find_tag()
 * reads one: 0x and hexadecimal digits, or decimal digits; at most 0xFFFF.
 * @s: the text.
 * @tag: receives the number.
 *
 * Return: 0, or -1 with errno EINVAL.
 */
int persocard_parse_tag_number(const char *s, uint16_t *tag);

/**
 * persocard_tag_get_name() - an element's name.
 * @tag: the descriptor.
 *
 * Return: the name, e.g. "pan"; "" if the card gave none.
 */
const char *persocard_tag_get_name(const struct persocard_tag *tag);

/**
 * persocard_tag_get_tag() - an element's tag number.
 * @tag: the descriptor.
 *
 * Return: the 16-bit tag, e.g. 0x5A00.
 */
uint16_t persocard_tag_get_tag(const struct persocard_tag *tag);

/**
 * persocard_tag_get_min_len() - shortest value the element takes.
 * @tag: the descriptor.
 *
 * Return: the length in bytes.
 */
unsigned int persocard_tag_get_min_len(const struct persocard_tag *tag);

/**
 * persocard_tag_get_max_len() - longest value the element takes.
 * @tag: the descriptor.
 *
 * Return: the length in bytes.
 */
unsigned int persocard_tag_get_max_len(const struct persocard_tag *tag);

/**
 * persocard_tag_is_mandatory() - whether LOCK needs the element.
 * @tag: the descriptor.
 *
 * Return: true if mandatory.
 */
bool persocard_tag_is_mandatory(const struct persocard_tag *tag);

/**
 * persocard_tag_is_secret() - whether the element can never be read back.
 * @tag: the descriptor.
 *
 * Return: true if secret.
 */
bool persocard_tag_is_secret(const struct persocard_tag *tag);

/**
 * persocard_profile_name() - name of a profile.
 * @profile: &enum persocard_profile_id.
 *
 * Return: "payment", "sim", "identity", or NULL with errno EINVAL.
 */
const char *persocard_profile_name(unsigned int profile);

/**
 * persocard_state_name() - name of a card state.
 * @state: &enum persocard_state.
 *
 * Return: "SEMI_FINISHED", "READY", "PERSONALIZING", "PERSONALIZED",
 * "BLOCKED", or NULL with errno EINVAL.
 */
const char *persocard_state_name(unsigned int state);

/**
 * persocard_iter_new() - start iterating over the cards present, in the
 * order of their index, as sysfs lists them.
 *
 * Return: an iterator to free with persocard_iter_free(), or NULL with
 * errno; an iterator with no cards if the module is not loaded.
 */
struct persocard_iter *persocard_iter_new(void);

/**
 * persocard_iter_next() - the next card.
 * @iter: the iterator.
 * @index: receives the card's N.
 *
 * Return: 1 and @index set, or 0 at the end.
 */
int persocard_iter_next(struct persocard_iter *iter, unsigned int *index);

/**
 * persocard_iter_free() - free an iterator.
 * @iter: the iterator, or NULL.
 */
void persocard_iter_free(struct persocard_iter *iter);

/**
 * persocard_module_loaded() - whether the persocard module is loaded.
 *
 * Return: true if its device class is in sysfs.
 */
bool persocard_module_loaded(void);

#include <persocard-perso.h>

#ifdef __cplusplus
}
#endif

#endif /* LIBPERSOCARD_H */
