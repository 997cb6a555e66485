// SPDX-License-Identifier: GPL-2.0
/*
 * The chip under a card's NVM. Every write goes through
 * persocard_nvm_write(), which programs it page by page: one program
 * operation erases a page and programs its bytes in order, the ones the
 * write brings and the ones the page held. The power can fail between any
 * two bytes (persocard_nvm_arm_cut()): the rest of that page stays erased,
 * later pages are not written, and the chip takes no write until the card
 * is powered up again. Making such an interrupted update harmless is the
 * card OS's job (record.c), as it is on a real card.
 *
 * A write can also fail whole, before any byte changes, through a
 * fault_attr where the kernel has fault injection: the card sees 6581.
 */
#include <linux/errno.h>
#include <linux/log2.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/types.h>
#include <linux/fault-inject.h>

#include "nvm.h"

/**
 * persocard_nvm_geometry_valid() - can a chip have this size and page?
 * @size: bytes, %PERSOCARD_NVM_MIN_SIZE to %PERSOCARD_NVM_MAX_SIZE.
 * @page_size: a power of two, %PERSOCARD_PAGE_MIN_SIZE to
 *	%PERSOCARD_PAGE_MAX_SIZE, and at most a quarter of @size.
 *
 * Return: true if both are in range.
 */
bool persocard_nvm_geometry_valid(size_t size, unsigned int page_size)
{
	return size >= PERSOCARD_NVM_MIN_SIZE &&
	       size <= PERSOCARD_NVM_MAX_SIZE &&
	       is_power_of_2(page_size) &&
	       page_size >= PERSOCARD_PAGE_MIN_SIZE &&
	       page_size <= PERSOCARD_PAGE_MAX_SIZE &&
	       page_size <= size / 4;
}

/**
 * persocard_nvm_init() - make a chip, filled with noise
 * @nvm: the chip to set up.
 * @size: bytes.
 * @page_size: bytes per page; see persocard_nvm_geometry_valid().
 * @fault: fault attribute consulted on every write, or NULL.
 *
 * Return: 0, -EINVAL for a bad geometry or -ENOMEM.
 */
int persocard_nvm_init(struct persocard_nvm *nvm, size_t size,
		       unsigned int page_size, struct fault_attr *fault)
{
	if (!persocard_nvm_geometry_valid(size, page_size))
		return -EINVAL;
	nvm->mem = kvmalloc(size, GFP_KERNEL);
	if (!nvm->mem)
		return -ENOMEM;
	nvm->nr_pages = DIV_ROUND_UP(size, page_size);
	nvm->wear = kvcalloc(nvm->nr_pages, sizeof(*nvm->wear), GFP_KERNEL);
	if (!nvm->wear) {
		kvfree(nvm->mem);
		nvm->mem = NULL;
		return -ENOMEM;
	}
	nvm->size = size;
	nvm->page_size = page_size;
	nvm->data_offset = 0;
	nvm->program_ops = 0;
	nvm->cuts = 0;
	nvm->powered = true;
	nvm->cut = (struct persocard_power_cut){};
	nvm->fault = fault;
	persocard_nvm_fill_noise(nvm);
	return 0;
}

/**
 * persocard_nvm_destroy() - wipe and free the chip
 * @nvm: the chip.
 */
void persocard_nvm_destroy(struct persocard_nvm *nvm)
{
	kvfree_sensitive(nvm->mem, nvm->size);
	kvfree(nvm->wear);
	nvm->mem = NULL;
	nvm->wear = NULL;
}

/**
 * persocard_nvm_fill_noise() - the chip as the maker's tester leaves it
 * @nvm: the chip.
 *
 * Not a card write: it stands for a new chip, so it cannot fail. A new
 * chip holds noise, not erased pages: a dump cannot tell the part of the
 * data area a personalization used from the rest.
 */
void persocard_nvm_fill_noise(struct persocard_nvm *nvm)
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

/*
 * One program operation: @page takes @len bytes of @src at @skip, its other
 * bytes as they were. Return: 0, or -ESHUTDOWN if the power failed in it.
 */
static int program_page(struct persocard_nvm *nvm, unsigned int page,
			size_t skip, const u8 *src, size_t len)
{
	size_t start = (size_t)page * nvm->page_size;
	size_t span = min_t(size_t, nvm->page_size, nvm->size - start);
	u8 *p = nvm->mem + start;
	size_t units;

	nvm->wear[page]++;
	nvm->program_ops++;
	if (!nvm->cut.armed || nvm->cut.ops_left) {
		if (nvm->cut.armed)
			nvm->cut.ops_left--;
		memcpy(p + skip, src, len);
		return 0;
	}

	/* The cut: what the page would have held, then only its first units. */
	units = min_t(size_t, nvm->cut.units, span);
	nvm->cut.armed = false;
	nvm->powered = false;
	nvm->cuts++;
	memcpy(p + skip, src, len);
	memset(p + units, PERSOCARD_NVM_ERASED, span - units);
	return -ESHUTDOWN;
}

/**
 * persocard_nvm_write() - program bytes of the NVM, page by page
 * @nvm: the chip.
 * @offset: where to write.
 * @src: what to write.
 * @len: how many bytes.
 *
 * Return: 0; -EIO when the write failed before it began (nothing changed);
 * -ESHUTDOWN when the power failed during it, or had failed before: the
 * pages before the cut hold the new bytes, the cut page a part of them and
 * erased bytes, the rest is as it was.
 */
int persocard_nvm_write(struct persocard_nvm *nvm, size_t offset,
			const void *src, size_t len)
{
	const u8 *from = src;

	if (WARN_ON_ONCE(offset > nvm->size || len > nvm->size - offset))
		return -EIO;
	if (!nvm->powered)
		return -ESHUTDOWN;
	if (nvm_write_fails(nvm, len))
		return -EIO;
	while (len) {
		unsigned int page = offset / nvm->page_size;
		size_t skip = offset % nvm->page_size;
		size_t n = min_t(size_t, len, nvm->page_size - skip);
		int ret = program_page(nvm, page, skip, from, n);

		if (ret)
			return ret;
		from += n;
		offset += n;
		len -= n;
	}
	return 0;
}

/**
 * persocard_nvm_arm_cut() - set the power to fail during a later write
 * @nvm: the chip.
 * @ops_left: program operations to let complete first; 0 cuts the next.
 * @units: bytes of the cut operation programmed before the power goes,
 *	0 to the page size (the whole operation).
 *
 * Return: 0, or -EINVAL for @units beyond the page size.
 */
int persocard_nvm_arm_cut(struct persocard_nvm *nvm, u32 ops_left, u32 units)
{
	if (units > nvm->page_size)
		return -EINVAL;
	nvm->cut = (struct persocard_power_cut){
		.armed = true, .ops_left = ops_left, .units = units,
	};
	return 0;
}

/**
 * persocard_nvm_disarm_cut() - forget an armed power cut
 * @nvm: the chip.
 */
void persocard_nvm_disarm_cut(struct persocard_nvm *nvm)
{
	nvm->cut = (struct persocard_power_cut){};
}
