// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Loading and unloading the module through libkmod, as modprobe and
 * modprobe -r would. libkmod returns negative errno values and leaves
 * errno alone: every path below sets errno itself.
 */
#include <errno.h>
#include <stdbool.h>
#include <string.h>

#include <libkmod.h>

#include "internal.h"

#define DEFAULT_MODULE	"persocard"

/* A library does not write to stderr: the caller reports errno. */
static void quiet_log(void *data, int priority, const char *file, int line,
		      const char *fn, const char *format, va_list args)
{
	(void)data;
	(void)priority;
	(void)file;
	(void)line;
	(void)fn;
	(void)format;
	(void)args;
}

/* A module by name, or by the path of its .ko if @module has a '/'. */
static int module_new(const char *module, struct kmod_ctx **ctxp,
		      struct kmod_module **modp)
{
	struct kmod_ctx *ctx;
	int ret;

	ctx = kmod_new(NULL, NULL);
	if (!ctx)
		return -ENOMEM;
	kmod_set_log_fn(ctx, quiet_log, NULL);

	if (strchr(module, '/'))
		ret = kmod_module_new_from_path(ctx, module, modp);
	else
		ret = kmod_module_new_from_name(ctx, module, modp);
	if (ret < 0) {
		kmod_unref(ctx);
		return ret;
	}

	*ctxp = ctx;
	return 0;
}

static int set_errno(int ret)
{
	if (ret < 0) {
		errno = -ret;
		return -1;
	}
	return 0;
}

/* Does the module's modinfo declare a parameter @name (@len bytes)? */
static bool has_param(struct kmod_list *info, const char *name, size_t len)
{
	struct kmod_list *l;

	kmod_list_foreach(l, info) {
		const char *key = kmod_module_info_get_key(l);
		const char *value = kmod_module_info_get_value(l);

		/* "parm" entries read "name:description". */
		if (!strcmp(key, "parm") && value &&
		    !strncmp(value, name, len) && value[len] == ':')
			return true;
	}
	return false;
}

/*
 * The kernel loads a module with a misspelled parameter and only says so
 * in dmesg: check every name against modinfo first. A module whose
 * modinfo cannot be read is left to the kernel.
 */
static int check_params(struct kmod_module *mod, const char *params)
{
	struct kmod_list *info = NULL;
	const char *p = params;
	int ret = 0;

	if (kmod_module_get_info(mod, &info) < 0)
		return 0;

	while (*p) {
		size_t word, name;
		bool quoted = false;

		p += strspn(p, " \t\n");
		if (!*p)
			break;
		/* A value may be quoted, blanks and all: param="a b". */
		for (word = 0; p[word]; word++) {
			if (p[word] == '"')
				quoted = !quoted;
			else if (!quoted && strchr(" \t\n", p[word]))
				break;
		}
		name = strcspn(p, "=");
		if (name > word)
			name = word;
		if (!name || !has_param(info, p, name)) {
			ret = -EINVAL;
			break;
		}
		p += word;
	}

	kmod_module_info_free_list(info);
	return ret;
}

static int load(struct kmod_module *mod, const char *path, const char *params)
{
	int state, ret;

	state = kmod_module_get_initstate(mod);
	switch (state) {
	case KMOD_MODULE_BUILTIN:
	case KMOD_MODULE_LIVE:
	case KMOD_MODULE_COMING:
		/* Parameters of a module already there cannot apply. */
		return params ? -EEXIST : 0;
	default:
		break;
	}

	if (params) {
		ret = check_params(mod, params);
		if (ret < 0)
			return ret;
	}

	if (path)
		return kmod_module_insert_module(mod, 0, params);

	/* By name, as modprobe: dependencies and modprobe.d options too. */
	return kmod_module_probe_insert_module(mod,
				params ? KMOD_PROBE_FAIL_ON_LOADED : 0,
				params, NULL, NULL, NULL);
}

MAKER_API int persocard_maker_module_load(const char *module,
					     const char *params)
{
	struct kmod_module *mod;
	struct kmod_ctx *ctx;
	int ret;

	if (!module)
		module = DEFAULT_MODULE;
	if (params && !*params)
		params = NULL;

	ret = module_new(module, &ctx, &mod);
	if (ret < 0)
		return set_errno(ret);

	ret = load(mod, strchr(module, '/'), params);

	kmod_module_unref(mod);
	kmod_unref(ctx);
	return set_errno(ret);
}

static int unload(struct kmod_module *mod)
{
	int ret;

	ret = kmod_module_get_initstate(mod);
	if (ret == -ENOENT)
		return 0;
	if (ret == KMOD_MODULE_BUILTIN)
		return -EPERM;

	ret = kmod_module_remove_module(mod, 0);
	/* Still referenced (an open card): the kernel says "try again". */
	if (ret == -EAGAIN || ret == -EWOULDBLOCK)
		return -EBUSY;
	/* Gone meanwhile: what was asked for. */
	if (ret == -ENOENT)
		return 0;
	return ret;
}

MAKER_API int persocard_maker_module_unload(const char *module)
{
	struct kmod_module *mod;
	struct kmod_ctx *ctx;
	int ret;

	if (!module)
		module = DEFAULT_MODULE;

	ret = module_new(module, &ctx, &mod);
	if (ret < 0)
		return set_errno(ret);

	ret = unload(mod);

	kmod_module_unref(mod);
	kmod_unref(ctx);
	return set_errno(ret);
}
