/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libpersocard-maker - what the card maker does with the persocard module:
 * load and unload it, make and remove cards at runtime through configfs,
 * choose a card's profile, NVM size, try limit and perso code before it
 * goes live, change those of a fresh card through sysfs, and reset a card
 * to factory state.  The bureau's side (open, personalize, query) is
 * libpersocard; as libgpiod keeps gpio-sim control in libgpiosim, this
 * library is apart from it and needs root for nearly everything.
 *
 * Conventions, as in libgpiod:
 *
 * - Functions return 0 (or a count, or a boolean) on success; -1, or NULL
 *   for functions returning pointers, with errno set on failure.
 * - A setting the kernel refuses fails with the kernel's errno: EINVAL for
 *   a value it does not accept (an unknown profile, a number out of range,
 *   a code of a bad length), EBUSY for a setting of a live card or of a
 *   card that is no longer fresh, EPERM or EACCES without the rights.  A
 *   refused setting changes nothing.
 * - The library keeps no global state, mounts nothing and writes nothing
 *   to stderr.  A handle may be used by one thread at a time; functions
 *   without a handle are thread-safe.
 * - Cards made through configfs outlive the handles and the process that
 *   made them: freeing a handle leaves its card as it is, and
 *   persocard_maker_card_remove() is what removes one.
 */
#ifndef PERSOCARD_MAKER_H
#define PERSOCARD_MAKER_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * PERSOCARD_MAKER_CONFIGFS - where the module's configfs group is, with
 * configfs mounted at /sys/kernel/config.
 */
#define PERSOCARD_MAKER_CONFIGFS	"/sys/kernel/config/persocard"

/**
 * PERSOCARD_MAKER_NVM_MAX - the largest NVM a card has, in bytes.
 */
#define PERSOCARD_MAKER_NVM_MAX		65536

/**
 * PERSOCARD_MAKER_DEBUGFS - the cards' chip files (power cuts, chip,
 * endurance), with debugfs mounted at /sys/kernel/debug.
 */
#define PERSOCARD_MAKER_DEBUGFS		"/sys/kernel/debug/persocard"

/**
 * struct persocard_maker_card - a card made through configfs (opaque).
 */
struct persocard_maker_card;

/**
 * struct persocard_maker_info - a snapshot of a configfs card's settings
 * (opaque).
 */
struct persocard_maker_info;

/**
 * struct persocard_maker_iter - an iterator over the configfs cards
 * (opaque).
 */
struct persocard_maker_iter;

/**
 * persocard_maker_api_version() - version of the library.
 *
 * Return: a static string such as "0.1.0".
 */
const char *persocard_maker_api_version(void);

/**
 * persocard_maker_module_load() - load the persocard module through libkmod.
 * @module: a module name ("persocard"), or the path of a .ko file if it
 *	contains a '/'; NULL means "persocard".
 * @params: module parameters ("nr_cards=4 profile=sim"), or NULL.
 *
 * A module that is built in or already loaded is fine when @params is NULL
 * or empty; with parameters it fails with EEXIST, as they cannot apply.
 *
 * Return: 0, or -1 with errno (ENOENT: no such module; EPERM; EINVAL: a
 * parameter the module's modinfo does not declare, or a value the module
 * refused; EEXIST).
 */
int persocard_maker_module_load(const char *module, const char *params);

/**
 * persocard_maker_module_unload() - unload the persocard module through
 * libkmod.
 * @module: a module name; NULL means "persocard".
 *
 * A module that is not loaded is fine.
 *
 * Return: 0, or -1 with errno (EBUSY: a card is open, e.g. by pcscd;
 * EPERM: built in, or not permitted).
 */
int persocard_maker_module_unload(const char *module);

/**
 * persocard_maker_factory_reset() - the maker's reset of /dev/persocardN:
 * empty NVM, new secret and serial, same profile, code and try limit.
 * @index: N.
 *
 * Writes the card's sysfs factory_reset attribute: needs CAP_SYS_ADMIN.
 * A card whose session is running is reset all the same.
 *
 * Return: 0, or -1 with errno (ENOENT: no such card; EACCES, EPERM).
 */
int persocard_maker_factory_reset(unsigned int index);

/**
 * persocard_maker_set_profile() - the profile of fresh card /dev/persocardN,
 * through its sysfs attribute.
 * @index: N.
 * @profile: "payment", "sim" or "identity": the names the module knows.
 *
 * Return: 0, or -1 with errno (ENOENT: no such card; EINVAL: an unknown
 * profile; EBUSY: the card is not fresh; EACCES, EPERM).
 */
int persocard_maker_set_profile(unsigned int index, const char *profile);

/**
 * persocard_maker_set_try_limit() - the try limit of fresh card
 * /dev/persocardN; the try counter is set to it too.
 * @index: N.
 * @try_limit: 1 to 15.
 *
 * Return: 0, or -1 with errno (ENOENT; EINVAL: out of range; EBUSY: the
 * card is not fresh; EACCES, EPERM).
 */
int persocard_maker_set_try_limit(unsigned int index, unsigned int try_limit);

/**
 * persocard_maker_set_perso_code() - the perso code of fresh card
 * /dev/persocardN.
 * @index: N.
 * @code: the code, raw bytes.
 * @len: its length, 4 to 32 bytes.
 *
 * Return: 0, or -1 with errno (ENOENT; EINVAL: @len out of range, nothing
 * is written; EBUSY: the card is not fresh; EACCES, EPERM).
 */
int persocard_maker_set_perso_code(unsigned int index, const void *code,
				   size_t len);

/*
 * SCP03: the maker chooses how the bureau authenticates.  A card given a
 * static key set (ENC, MAC, DEK and a key version number) opens a
 * GlobalPlatform secure channel (INITIALIZE UPDATE, EXTERNAL AUTHENTICATE)
 * where a card of the perso code takes VERIFY PERSO CODE.  The keys are
 * written once, in hex, and never read back; the library's copy of them
 * is wiped.  Like the perso code, they are a setting of a fresh card.
 */

/**
 * PERSOCARD_MAKER_SCP03_KEY_MAX - the longest SCP03 key, in bytes (AES-256).
 */
#define PERSOCARD_MAKER_SCP03_KEY_MAX	32

/**
 * enum persocard_maker_auth - how the bureau authenticates to a card
 * @PERSOCARD_MAKER_AUTH_CODE: by the perso code (VERIFY PERSO CODE).
 * @PERSOCARD_MAKER_AUTH_SCP03: by an SCP03 secure channel.
 */
enum persocard_maker_auth {
	PERSOCARD_MAKER_AUTH_CODE,
	PERSOCARD_MAKER_AUTH_SCP03,
};

/**
 * persocard_maker_set_scp03_keys() - give fresh card /dev/persocardN an
 * SCP03 key set, through its sysfs scp03_keys: from then on the bureau
 * authenticates by SCP03.
 * @index: N.
 * @kvn: the key version number, 0x01 to 0x7F.
 * @enc: the static Key-ENC, @key_len bytes.
 * @mac: the static Key-MAC.
 * @dek: the static Key-DEK.
 * @key_len: 16, 24 or 32 (AES-128, -192, -256): all three of one length.
 *
 * Return: 0, or -1 with errno (ENOENT: no such card, or a module without
 * SCP03; EINVAL: @kvn or @key_len out of range, nothing is written, or the
 * module refused it; EBUSY: the card is not fresh; EACCES, EPERM).
 */
int persocard_maker_set_scp03_keys(unsigned int index, unsigned int kvn,
				   const void *enc, const void *mac,
				   const void *dek, size_t key_len);

/**
 * persocard_maker_clear_scp03_keys() - take fresh card /dev/persocardN's
 * key set away (writes "none"): it authenticates by perso code again.
 * @index: N.
 *
 * Return: 0, or -1 with errno as persocard_maker_set_scp03_keys().
 */
int persocard_maker_clear_scp03_keys(unsigned int index);

/**
 * persocard_maker_get_auth() - how the bureau authenticates to
 * /dev/persocardN: its sysfs auth.
 * @index: N.
 *
 * Return: &enum persocard_maker_auth, or -1 with errno (ENOENT: no such
 * card; ENOTSUP: a module without SCP03; EIO: not as documented).
 */
int persocard_maker_get_auth(unsigned int index);

/**
 * persocard_maker_auth_name() - the name of an &enum persocard_maker_auth,
 * as the auth attribute spells it.
 * @auth: the value.
 *
 * Return: "code" or "scp03", or NULL for another value.
 */
const char *persocard_maker_auth_name(int auth);

/**
 * persocard_maker_card_new() - make a card through configfs, not live yet.
 * @name: its configfs name, or NULL for the first free "cardN".
 *
 * Makes /sys/kernel/config/persocard/@name with the module's defaults.
 * Change its settings, then persocard_maker_card_enable() makes its
 * /dev/persocardN.  The card stays when the handle is freed.
 *
 * Return: a handle to free with persocard_maker_card_free(), or NULL with
 * errno: ENOENT if configfs is not mounted at /sys/kernel/config or the
 * module is not loaded; EINVAL if @name is empty, ".", "..", has a '/' or
 * a newline, or is longer than 255 bytes; EEXIST if a card has that name;
 * EACCES, EPERM; ENOMEM.
 */
struct persocard_maker_card *persocard_maker_card_new(const char *name);

/**
 * persocard_maker_card_open() - a handle on an existing configfs card.
 * @name: its configfs name.
 *
 * Return: a handle, or NULL with errno: ENOENT if there is no such card
 * (or no configfs group); EINVAL for a @name as persocard_maker_card_new()
 * refuses; ENOMEM.
 */
struct persocard_maker_card *persocard_maker_card_open(const char *name);

/**
 * persocard_maker_card_open_index() - a handle on the configfs card that is
 * live as /dev/persocardN.
 * @index: N.
 *
 * Return: a handle, or NULL with errno: ENODEV if no configfs card is live
 * as /dev/persocardN (cards made at load by nr_cards are not in configfs);
 * ENOENT if there is no configfs group; ENOMEM.
 */
struct persocard_maker_card *persocard_maker_card_open_index(unsigned int index);

/**
 * persocard_maker_card_free() - free a handle; the card stays as it is.
 * @card: the handle, or NULL (nothing happens).
 */
void persocard_maker_card_free(struct persocard_maker_card *card);

/**
 * persocard_maker_card_name() - configfs name of the card.
 * @card: the handle.
 *
 * Return: a string valid for the handle's lifetime.
 */
const char *persocard_maker_card_name(const struct persocard_maker_card *card);

/**
 * persocard_maker_card_set_profile() - the card's profile.
 * @card: the handle.
 * @profile: "payment", "sim" or "identity".
 *
 * The settings are accepted only while the card is not live.
 *
 * Return: 0, or -1 with errno (EINVAL: an unknown profile; EBUSY: the card
 * is live; ENOENT: the card was removed).
 */
int persocard_maker_card_set_profile(struct persocard_maker_card *card,
				     const char *profile);

/**
 * persocard_maker_card_set_nvm_size() - bytes of NVM of the card.
 * @card: the handle.
 * @nvm_size: 1024 to 65536.
 *
 * Return: 0, or -1 with errno (EINVAL: out of range; EBUSY: live; ENOENT).
 */
int persocard_maker_card_set_nvm_size(struct persocard_maker_card *card,
				      unsigned int nvm_size);

/**
 * persocard_maker_card_set_page_size() - bytes of an NVM page of the card.
 * @card: the handle.
 * @page_size: a power of two, 16 to 1024.
 *
 * Return: 0, or -1 with errno (EINVAL: not one the module takes; EBUSY:
 * live; ENOENT: removed, or a module without page sizes).
 */
int persocard_maker_card_set_page_size(struct persocard_maker_card *card,
				       unsigned int page_size);

/**
 * persocard_maker_card_set_try_limit() - the try limit of the card.
 * @card: the handle.
 * @try_limit: 1 to 15.
 *
 * Return: 0, or -1 with errno (EINVAL: out of range; EBUSY: live; ENOENT).
 */
int persocard_maker_card_set_try_limit(struct persocard_maker_card *card,
				       unsigned int try_limit);

/**
 * persocard_maker_card_set_perso_code() - the perso code of the card.
 * @card: the handle.
 * @code: the code, raw bytes.
 * @len: its length, 4 to 32 bytes.
 *
 * The code is written once, in hex, and never read back: configfs makes
 * the attribute write-only.
 *
 * Return: 0, or -1 with errno (EINVAL: @len out of range, nothing is
 * written; EBUSY: live; ENOENT).
 */
int persocard_maker_card_set_perso_code(struct persocard_maker_card *card,
					const void *code, size_t len);

/**
 * persocard_maker_card_set_scp03_keys() - give the card an SCP03 key set:
 * the bureau will authenticate by SCP03 instead of the perso code.
 * @card: the handle.
 * @kvn: the key version number, 0x01 to 0x7F.
 * @enc: the static Key-ENC, @key_len bytes.
 * @mac: the static Key-MAC.
 * @dek: the static Key-DEK.
 * @key_len: 16, 24 or 32.
 *
 * Written once, in hex, to configfs scp03_keys, which is write-only.
 *
 * Return: 0, or -1 with errno (EINVAL: @kvn or @key_len out of range,
 * nothing is written, or the module refused it; EBUSY: live; ENOENT:
 * removed, or a module without SCP03).
 */
int persocard_maker_card_set_scp03_keys(struct persocard_maker_card *card,
					unsigned int kvn, const void *enc,
					const void *mac, const void *dek,
					size_t key_len);

/**
 * persocard_maker_card_clear_scp03_keys() - take the card's key set away
 * (writes "none"): it authenticates by perso code again.
 * @card: the handle.
 *
 * Return: 0, or -1 with errno as persocard_maker_card_set_scp03_keys().
 */
int persocard_maker_card_clear_scp03_keys(struct persocard_maker_card *card);

/**
 * persocard_maker_card_enable() - make the card live: its /dev/persocardN
 * and /sys/class/persocard/persocardN appear.
 * @card: the handle.
 *
 * A card live already is fine.
 *
 * Return: 0, or -1 with errno (ENOENT: the card was removed; ENOSPC or
 * ENOMEM from the kernel).
 */
int persocard_maker_card_enable(struct persocard_maker_card *card);

/**
 * persocard_maker_card_disable() - take the card down: its device node
 * goes, its settings may be changed again.
 * @card: the handle.
 *
 * A card that is not live is fine.
 *
 * Return: 0, or -1 with errno (EBUSY: a file has the card open; ENOENT).
 */
int persocard_maker_card_disable(struct persocard_maker_card *card);

/**
 * persocard_maker_card_is_live() - whether the card is live.
 * @card: the handle.
 *
 * Return: 1 if live, 0 if not, -1 with errno (ENOENT: removed).
 */
int persocard_maker_card_is_live(struct persocard_maker_card *card);

/**
 * persocard_maker_card_index() - N of the card's /dev/persocardN.
 * @card: the handle.
 *
 * Return: N, or -1 with errno (ENODEV: the card is not live; ENOENT:
 * removed).
 */
int persocard_maker_card_index(struct persocard_maker_card *card);

/**
 * persocard_maker_card_remove() - remove the card: take it down if it is
 * live, then remove its configfs folder.
 * @card: the handle; it must still be freed, and serves nothing else.
 *
 * Return: 0, or -1 with errno (EBUSY: a file has the card open, the card
 * stays live and untouched; ENOENT: removed already).
 */
int persocard_maker_card_remove(struct persocard_maker_card *card);

/**
 * persocard_maker_card_get_info() - read the card's settings and state.
 * @card: the handle.
 *
 * Return: a snapshot to free with persocard_maker_info_free(), or NULL
 * with errno (ENOENT: removed; ENOMEM; EIO: an attribute that does not
 * read as documented).
 */
struct persocard_maker_info *
persocard_maker_card_get_info(struct persocard_maker_card *card);

/**
 * persocard_maker_info_free() - free a snapshot.
 * @info: the snapshot, or NULL.
 */
void persocard_maker_info_free(struct persocard_maker_info *info);

/**
 * persocard_maker_info_name() - configfs name of the card.
 * @info: the snapshot.
 *
 * Return: a string valid for the snapshot's lifetime.
 */
const char *persocard_maker_info_name(const struct persocard_maker_info *info);

/**
 * persocard_maker_info_profile() - the card's profile.
 * @info: the snapshot.
 *
 * Return: a string valid for the snapshot's lifetime ("payment", ...).
 */
const char *
persocard_maker_info_profile(const struct persocard_maker_info *info);

/**
 * persocard_maker_info_nvm_size() - bytes of NVM of the card.
 * @info: the snapshot.
 *
 * Return: the size.
 */
unsigned int
persocard_maker_info_nvm_size(const struct persocard_maker_info *info);

/**
 * persocard_maker_info_try_limit() - the card's try limit.
 * @info: the snapshot.
 *
 * Return: the limit.
 */
unsigned int
persocard_maker_info_try_limit(const struct persocard_maker_info *info);

/**
 * persocard_maker_info_page_size() - bytes of an NVM page of the card.
 * @info: the snapshot.
 *
 * Return: the size, or 0 for a module without page sizes.
 */
unsigned int
persocard_maker_info_page_size(const struct persocard_maker_info *info);

/**
 * persocard_maker_info_auth() - how the bureau authenticates to the card.
 * @info: the snapshot.
 *
 * Return: &enum persocard_maker_auth, or -1 for a module without SCP03.
 */
int persocard_maker_info_auth(const struct persocard_maker_info *info);

/**
 * persocard_maker_info_is_live() - whether the card was live.
 * @info: the snapshot.
 *
 * Return: true if live.
 */
bool persocard_maker_info_is_live(const struct persocard_maker_info *info);

/**
 * persocard_maker_info_index() - N of the card's /dev/persocardN.
 * @info: the snapshot.
 *
 * Return: N, or -1 if the card was not live.
 */
int persocard_maker_info_index(const struct persocard_maker_info *info);

/**
 * persocard_maker_info_dev_path() - the card's device node.
 * @info: the snapshot.
 *
 * Return: "/dev/persocardN", valid for the snapshot's lifetime, or NULL if
 * the card was not live.
 */
const char *
persocard_maker_info_dev_path(const struct persocard_maker_info *info);

/**
 * persocard_maker_iter_new() - start iterating over the configfs cards, in
 * the order of their names (strcmp).
 *
 * Cards made at load by nr_cards are not in configfs: libpersocard's
 * persocard_iter_new() lists every live card.
 *
 * Return: an iterator to free with persocard_maker_iter_free(), or NULL
 * with errno (ENOENT: configfs is not mounted or the module not loaded;
 * ENOMEM).
 */
struct persocard_maker_iter *persocard_maker_iter_new(void);

/**
 * persocard_maker_iter_next() - the name of the next card.
 * @iter: the iterator.
 *
 * Return: a name valid for the iterator's lifetime, or NULL at the end.
 */
const char *persocard_maker_iter_next(struct persocard_maker_iter *iter);

/**
 * persocard_maker_iter_free() - free an iterator.
 * @iter: the iterator, or NULL.
 */
void persocard_maker_iter_free(struct persocard_maker_iter *iter);

/*
 * Images: a card saved to a file and restored from it. The kernel seals
 * the card's NVM (AES-GCM, its serial and format version bound in the
 * clear header) under the logon key "persocard:image" of the caller's
 * keyrings: the library never sees the NVM in the clear. Saving and
 * restoring need CAP_SYS_ADMIN and a key loaded.
 */

/**
 * PERSOCARD_MAKER_KEY_SIZE - the size of a key persocard_maker_key_new()
 * makes; keys of 16, 24 and 32 bytes are accepted.
 */
#define PERSOCARD_MAKER_KEY_SIZE	32

/**
 * persocard_maker_key_new() - make a key file of %PERSOCARD_MAKER_KEY_SIZE
 * random bytes (getrandom), mode 0600.
 * @path: the file; it must not exist.
 *
 * The file appears whole or not at all (a temporary file, then link(2)).
 *
 * Return: 0, or -1 with errno (EEXIST: @path exists; EACCES; ENOSPC...).
 */
int persocard_maker_key_new(const char *path);

/**
 * persocard_maker_key_add() - load an image key from a buffer.
 * @key: the key's bytes.
 * @len: 16, 24 or 32.
 *
 * Adds the logon key "persocard:image" to the user keyring (@u), replacing
 * one there, and links it into the session keyring too when the caller's
 * request_key() would not find it there (a session keyring without @u):
 * the kernel finds it from this process and from the user's later ones.
 *
 * Return: 0, or -1 with errno (EINVAL: @len; EDQUOT; ENOSYS: a kernel
 * without keys).
 */
int persocard_maker_key_add(const void *key, size_t len);

/**
 * persocard_maker_key_load() - load an image key from a file: its whole
 * contents, 16, 24 or 32 bytes.
 * @path: the key file.
 *
 * Return: 0, or -1 with errno (EINVAL: the file is not 16, 24 or 32 bytes;
 * ENOENT, EACCES...; as persocard_maker_key_add()).
 */
int persocard_maker_key_load(const char *path);

/**
 * persocard_maker_key_remove() - remove the image key: every
 * "persocard:image" logon key the caller's request_key() finds.
 *
 * Return: the number of keys removed (0 if none was loaded), or -1 with
 * errno.
 */
int persocard_maker_key_remove(void);

/**
 * persocard_maker_key_loaded() - whether the kernel would find an image key
 * from the caller.
 *
 * Return: 1 or 0, or -1 with errno.
 */
int persocard_maker_key_loaded(void);

/**
 * persocard_maker_save() - save /dev/persocardN into a buffer.
 * @index: N.
 * @image: out: the sealed image, malloc'd (free() it).
 * @len: out: its size, PERSOCARD_IMAGE_SIZE() of the card's nvm_size.
 *
 * Return: 0, or -1 with errno: ENOENT (no such card), ENODEV (the card is
 * powered off or absent), ENOTTY (a module without images), and those of
 * PERSOCARD_IOC_SAVE (EPERM, ENOKEY, EKEYREJECTED...).
 */
int persocard_maker_save(unsigned int index, void **image, size_t *len);

/**
 * persocard_maker_restore() - restore an image onto /dev/persocardN.
 * @index: N.
 * @image: the image.
 * @len: its size.
 *
 * On any error the card is as it was.
 *
 * Return: 0, or -1 with errno: ENOENT, ENODEV, ENOTTY, and those of
 * PERSOCARD_IOC_RESTORE: EINVAL (not an image), EPROTONOSUPPORT (a newer
 * format), EKEYREJECTED (another key), EBADMSG (changed after sealing),
 * EMSGSIZE (another NVM or page size), EEXIST (another card's image onto a
 * used card), EBUSY (a session runs), ENOKEY, EPERM.
 */
int persocard_maker_restore(unsigned int index, const void *image,
			    size_t len);

/**
 * persocard_maker_save_file() - save /dev/persocardN into a file.
 * @index: N.
 * @path: the file, written whole or not at all (a temporary file in its
 *	folder, then rename(2)), mode 0600; one there is replaced.
 *
 * Return: 0, or -1 with errno as persocard_maker_save() or from the file.
 */
int persocard_maker_save_file(unsigned int index, const char *path);

/**
 * persocard_maker_restore_file() - restore a file's image onto
 * /dev/persocardN.
 * @index: N.
 * @path: the image file.
 *
 * Return: 0, or -1 with errno as persocard_maker_restore() (EINVAL for a
 * file larger than any image) or from the file.
 */
int persocard_maker_restore_file(unsigned int index, const char *path);

/**
 * typedef persocard_maker_report_fn - what became of one card of a
 * save or restore of all.
 * @name: the device's name ("persocard0"), or the file's for a file that
 *	names no device.
 * @path: the image file.
 * @err: 0 on success, else the errno.
 * @data: the caller's pointer.
 */
typedef void (*persocard_maker_report_fn)(const char *name, const char *path,
					  int err, void *data);

/**
 * persocard_maker_save_all() - save every card into a folder: DIR/NAME.img
 * for /dev/NAME (persocard0.img, ...), each as persocard_maker_save_file().
 * @dir: the folder; it must exist.
 * @report: called for each card, in the order of N, or NULL.
 * @data: passed to @report.
 *
 * A card that fails does not stop the others.
 *
 * Return: the number of cards saved, or -1 with errno: that of the folder
 * or the card list, or the first card's that failed (all were tried).
 */
int persocard_maker_save_all(const char *dir, persocard_maker_report_fn report,
			     void *data);

/**
 * persocard_maker_restore_all() - restore every image of a folder onto the
 * card of its name: DIR/persocardN.img onto /dev/persocardN.
 * @dir: the folder.
 * @report: called for each file NAME.img, in the order of N, or NULL; a
 *	file NAME.img whose NAME is no device name is reported with EINVAL,
 *	an image of a card that does not exist with ENOENT. Other files
 *	(a key file, a temporary .NAME.img.XXXXXX) are not images.
 * @data: passed to @report.
 *
 * Return: the number of cards restored, or -1 with errno as
 * persocard_maker_save_all().
 */
int persocard_maker_restore_all(const char *dir,
				persocard_maker_report_fn report, void *data);

/**
 * persocard_maker_image_strerror() - what an errno of an image operation
 * means, in a sentence without a newline.
 * @err: the errno.
 *
 * Return: a static string; strerror()'s for an errno images do not give.
 */
const char *persocard_maker_image_strerror(int err);

/*
 * The chip under a card's NVM, through debugfs (root, and debugfs mounted
 * at /sys/kernel/debug: the library mounts nothing; ENOENT otherwise).
 */

/**
 * struct persocard_maker_chip - a snapshot of a card's chip (opaque).
 */
struct persocard_maker_chip;

/**
 * persocard_maker_power_cut() - arm the power cut of /dev/persocardN.
 * @index: N.
 * @op: the NVM program operation, counted from the next one (0).
 * @unit: the atomic units (bytes) of it written before the power goes,
 *	0 to the page size (the whole operation).
 *
 * Return: 0, or -1 with errno (ENOENT: no debugfs file, see above; EINVAL:
 * refused, nothing changes; EACCES, EPERM).
 */
int persocard_maker_power_cut(unsigned int index, unsigned int op,
			      unsigned int unit);

/**
 * persocard_maker_power_cut_off() - disarm the power cut of
 * /dev/persocardN.
 * @index: N.
 *
 * Return: 0, or -1 with errno as persocard_maker_power_cut().
 */
int persocard_maker_power_cut_off(unsigned int index);

/**
 * persocard_maker_power_cut_get() - the power cut armed on /dev/persocardN.
 * @index: N.
 * @op: out: the operations still to go, if armed.
 * @unit: out: the units of that one, if armed.
 *
 * Return: 1 armed, 0 off, or -1 with errno (ENOENT; EIO: not as documented).
 */
int persocard_maker_power_cut_get(unsigned int index, unsigned int *op,
				  unsigned int *unit);

/**
 * persocard_maker_power_up() - power up /dev/persocardN after a power cut,
 * by writing 1 to its sysfs present: recovery runs. A powered card is fine.
 * @index: N.
 *
 * Return: 0, or -1 with errno (ENOENT: no such card; EACCES, EPERM).
 */
int persocard_maker_power_up(unsigned int index);

/**
 * persocard_maker_chip_get() - read the chip file of /dev/persocardN.
 * @index: N.
 *
 * Return: a snapshot to free with persocard_maker_chip_free(), or NULL with
 * errno (ENOENT; EIO: a line missing or not as documented; ENOMEM).
 */
struct persocard_maker_chip *persocard_maker_chip_get(unsigned int index);

/**
 * persocard_maker_chip_free() - free a snapshot.
 * @chip: the snapshot, or NULL.
 */
void persocard_maker_chip_free(struct persocard_maker_chip *chip);

/** persocard_maker_chip_page_size() - bytes of a page. */
unsigned int
persocard_maker_chip_page_size(const struct persocard_maker_chip *chip);
/** persocard_maker_chip_pages() - pages of the NVM. */
unsigned int persocard_maker_chip_pages(const struct persocard_maker_chip *chip);
/** persocard_maker_chip_unit() - the atomic unit: "byte" (or "word"). */
const char *persocard_maker_chip_unit(const struct persocard_maker_chip *chip);
/** persocard_maker_chip_erased() - the value of an erased byte (0xff). */
unsigned int
persocard_maker_chip_erased(const struct persocard_maker_chip *chip);
/** persocard_maker_chip_program_ops() - program operations since made. */
unsigned long long
persocard_maker_chip_program_ops(const struct persocard_maker_chip *chip);
/** persocard_maker_chip_powered() - whether the card is powered. */
bool persocard_maker_chip_powered(const struct persocard_maker_chip *chip);
/** persocard_maker_chip_cuts() - power cuts since made. */
unsigned long long
persocard_maker_chip_cuts(const struct persocard_maker_chip *chip);
/** persocard_maker_chip_recoveries() - recoveries run at power-up. */
unsigned long long
persocard_maker_chip_recoveries(const struct persocard_maker_chip *chip);

/**
 * persocard_maker_endurance() - the program operations of each page of
 * /dev/persocardN.
 * @index: N.
 * @ops: out: malloc'd array, @ops[PAGE] for each page (free() it).
 *
 * Return: the number of pages, or -1 with errno (ENOENT; EIO: a line not
 * as documented, pages missing or out of order; ENOMEM).
 */
ssize_t persocard_maker_endurance(unsigned int index, unsigned long long **ops);

#ifdef __cplusplus
}
#endif

#endif /* PERSOCARD_MAKER_H */
