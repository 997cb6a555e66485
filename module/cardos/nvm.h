/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A card's non-volatile memory, modelled as a chip: pages programmed one
 * operation at a time, a byte the unit that is written or not, and a power
 * supply that can fail between any two bytes.
 */
#ifndef _PERSOCARD_NVM_H
#define _PERSOCARD_NVM_H

#include <linux/types.h>

struct fault_attr;

#define PERSOCARD_NVM_MIN_SIZE		1024
#define PERSOCARD_NVM_MAX_SIZE		65536
#define PERSOCARD_PAGE_MIN_SIZE		16
#define PERSOCARD_PAGE_MAX_SIZE		1024
#define PERSOCARD_PAGE_DEFAULT_SIZE	64
/* What a byte of an erased page reads. */
#define PERSOCARD_NVM_ERASED		0xff

/**
 * struct persocard_power_cut - a power failure waiting to happen
 * @armed: a cut is set.
 * @ops_left: program operations to complete before the one that is cut.
 * @units: bytes of that operation programmed before the power goes; the
 *	page size means the whole operation, the power going right after.
 */
struct persocard_power_cut {
	bool armed;
	u32 ops_left;
	u32 units;
};

/**
 * struct persocard_nvm - the chip
 * @mem: @size bytes.
 * @size: bytes in @mem.
 * @page_size: bytes per page: the span of one program operation.
 * @nr_pages: pages in @mem; the last may be short.
 * @data_offset: where the data area starts; before it the card keeps its
 *	system record.
 * @wear: program operations each page has undergone (endurance).
 * @program_ops: program operations since the chip was made.
 * @cuts: power cuts suffered.
 * @powered: false from a power cut to the next power-up: every write
 *	fails then.
 * @cut: the power cut armed, if any.
 * @fault: injected write failures, or NULL.
 */
struct persocard_nvm {
	u8 *mem;
	size_t size;
	unsigned int page_size;
	unsigned int nr_pages;
	size_t data_offset;
	u32 *wear;
	u64 program_ops;
	u32 cuts;
	bool powered;
	struct persocard_power_cut cut;
	struct fault_attr *fault;
};

int persocard_nvm_init(struct persocard_nvm *nvm, size_t size,
		       unsigned int page_size, struct fault_attr *fault);
bool persocard_nvm_geometry_valid(size_t size, unsigned int page_size);
void persocard_nvm_destroy(struct persocard_nvm *nvm);
void persocard_nvm_fill_noise(struct persocard_nvm *nvm);
int persocard_nvm_write(struct persocard_nvm *nvm, size_t offset,
			const void *src, size_t len);
int persocard_nvm_arm_cut(struct persocard_nvm *nvm, u32 ops_left, u32 units);
void persocard_nvm_disarm_cut(struct persocard_nvm *nvm);

static inline const u8 *persocard_nvm_data(const struct persocard_nvm *nvm)
{
	return nvm->mem + nvm->data_offset;
}

static inline size_t persocard_nvm_data_size(const struct persocard_nvm *nvm)
{
	return nvm->size - nvm->data_offset;
}

#endif /* _PERSOCARD_NVM_H */
