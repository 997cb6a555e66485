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

#ifdef __cplusplus
extern "C" {
#endif

/**
 * PERSOCARD_MAKER_CONFIGFS - where the module's configfs group is, with
 * configfs mounted at /sys/kernel/config.
 */
#define PERSOCARD_MAKER_CONFIGFS	"/sys/kernel/config/persocard"

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

#ifdef __cplusplus
}
#endif

#endif /* PERSOCARD_MAKER_H */
