/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A card's non-volatile memory: what survives a reset.
 */
#ifndef _PERSOCARD_NVM_H
#define _PERSOCARD_NVM_H

#include <linux/types.h>

struct fault_attr;

#define PERSOCARD_NVM_MIN_SIZE	1024
#define PERSOCARD_NVM_MAX_SIZE	65536

/**
 * struct persocard_nvm_header - fixed head of the NVM
 * @state: %PERSOCARD_STATE_SEMI_FINISHED or %PERSOCARD_STATE_PERSONALIZED;
 *	a card whose @tries_left is 0 is BLOCKED whatever this says.
 * @tries_left: the try counter.
 * @used: set by the first ENABLE PERSO; the maker's settings are final.
 * @reserved: zero.
 */
struct persocard_nvm_header {
	u8 state;
	u8 tries_left;
	u8 used;
	u8 reserved[5];
};

/**
 * struct persocard_nvm - the memory and how writes to it may fail
 * @mem: @size bytes; a &struct persocard_nvm_header, then the data area.
 * @size: bytes in @mem.
 * @fault: injected write failures, or NULL.
 */
struct persocard_nvm {
	u8 *mem;
	size_t size;
	struct fault_attr *fault;
};

int persocard_nvm_init(struct persocard_nvm *nvm, size_t size,
		       struct fault_attr *fault);
void persocard_nvm_destroy(struct persocard_nvm *nvm);
void persocard_nvm_erase(struct persocard_nvm *nvm);
int persocard_nvm_write(struct persocard_nvm *nvm, size_t offset,
			const void *src, size_t len);

static inline const struct persocard_nvm_header *
persocard_nvm_header(const struct persocard_nvm *nvm)
{
	return (const struct persocard_nvm_header *)nvm->mem;
}

static inline const u8 *persocard_nvm_data(const struct persocard_nvm *nvm)
{
	return nvm->mem + sizeof(struct persocard_nvm_header);
}

static inline size_t persocard_nvm_data_size(const struct persocard_nvm *nvm)
{
	return nvm->size - sizeof(struct persocard_nvm_header);
}

#endif /* _PERSOCARD_NVM_H */
