// SPDX-License-Identifier: GPL-2.0
/*
 * NVM of a simulated card. Every write goes through persocard_nvm_write(),
 * the one place where a write can be made to fail on purpose, so a failed
 * write is all-or-nothing, as with a card's anti-tearing buffer.
 */
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/types.h>
#include <linux/fault-inject.h>

#include "nvm.h"

/**
 * persocard_nvm_init() - allocate an erased NVM
 * @nvm: the NVM to set up.
 * @size: bytes, %PERSOCARD_NVM_MIN_SIZE to %PERSOCARD_NVM_MAX_SIZE.
 * @fault: fault attribute consulted on every write, or NULL.
 *
 * Return: 0, -EINVAL for a bad @size or -ENOMEM.
 */
int persocard_nvm_init(struct persocard_nvm *nvm, size_t size,
		       struct fault_attr *fault)
{
	if (size < PERSOCARD_NVM_MIN_SIZE || size > PERSOCARD_NVM_MAX_SIZE)
		return -EINVAL;
	nvm->mem = kvzalloc(size, GFP_KERNEL);
	if (!nvm->mem)
		return -ENOMEM;
	nvm->size = size;
	nvm->fault = fault;
	return 0;
}

/**
 * persocard_nvm_destroy() - wipe and free the memory
 * @nvm: the NVM.
 */
void persocard_nvm_destroy(struct persocard_nvm *nvm)
{
	kvfree_sensitive(nvm->mem, nvm->size);
	nvm->mem = NULL;
}

/**
 * persocard_nvm_erase() - return the memory to its state off the reel
 * @nvm: the NVM.
 *
 * Not a card write: it stands for a new blank chip, so it cannot fail.
 * A blank chip holds noise, not zeros: a dump cannot tell the part of the
 * data area a personalization used from the rest, so LOCK need write only
 * that part.
 */
void persocard_nvm_erase(struct persocard_nvm *nvm)
{
	get_random_bytes(nvm->mem, nvm->size);
}

static bool nvm_write_fails(struct persocard_nvm *nvm, size_t len)
{
#ifdef CONFIG_FAULT_INJECTION
	return nvm->fault && should_fail(nvm->fault, len);
#else
	return false;
#endif
}

/**
 * persocard_nvm_write() - program bytes of the NVM
 * @nvm: the NVM.
 * @offset: where to write.
 * @src: what to write.
 * @len: how many bytes.
 *
 * Return: 0, or -EIO when the write failed; nothing was changed then.
 */
int persocard_nvm_write(struct persocard_nvm *nvm, size_t offset,
			const void *src, size_t len)
{
	if (WARN_ON_ONCE(offset > nvm->size || len > nvm->size - offset))
		return -EIO;
	if (nvm_write_fails(nvm, len))
		return -EIO;
	memcpy(nvm->mem + offset, src, len);
	return 0;
}
