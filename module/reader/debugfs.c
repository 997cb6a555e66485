// SPDX-License-Identifier: GPL-2.0
/*
 * The chip of each card in debugfs, for tests and teaching: root only, as
 * debugfs is.
 *
 *   persocard/persocardN/chip        geometry and counters of the chip
 *   persocard/persocardN/endurance   program operations per page
 *   persocard/persocardN/power_cut   "N K": cut the power at the N-th
 *                                    program operation from now, after K
 *                                    bytes of it; "off" disarms
 *
 * Nothing here shows a byte of NVM: endurance tells which pages were
 * programmed how often, not what they hold or whose they are.
 */
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/seq_file.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "reader.h"

static int chip_show(struct seq_file *m, void *unused)
{
	struct persocard_dev *pd = m->private;
	const struct persocard_nvm *nvm = &pd->card.nvm;

	mutex_lock(&pd->lock);
	seq_printf(m, "size %zu\npage_size %u\npages %u\nunit byte\n",
		   nvm->size, nvm->page_size, nvm->nr_pages);
	seq_printf(m, "erased 0x%02x\nprogram_ops %llu\npowered %d\n",
		   PERSOCARD_NVM_ERASED, nvm->program_ops, nvm->powered);
	seq_printf(m, "cuts %u\nrecoveries %u\n", nvm->cuts,
		   pd->card.recoveries);
	mutex_unlock(&pd->lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(chip);

static int endurance_show(struct seq_file *m, void *unused)
{
	struct persocard_dev *pd = m->private;
	unsigned int i;

	mutex_lock(&pd->lock);
	for (i = 0; i < pd->card.nvm.nr_pages; i++)
		seq_printf(m, "%u %u\n", i, pd->card.nvm.wear[i]);
	mutex_unlock(&pd->lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(endurance);

static int power_cut_show(struct seq_file *m, void *unused)
{
	struct persocard_dev *pd = m->private;
	struct persocard_power_cut cut;

	mutex_lock(&pd->lock);
	cut = pd->card.nvm.cut;
	mutex_unlock(&pd->lock);
	if (cut.armed)
		seq_printf(m, "%u %u\n", cut.ops_left, cut.units);
	else
		seq_puts(m, "off\n");
	return 0;
}

static int power_cut_open(struct inode *inode, struct file *file)
{
	return single_open(file, power_cut_show, inode->i_private);
}

static ssize_t power_cut_write(struct file *file, const char __user *ubuf,
			       size_t count, loff_t *ppos)
{
	struct persocard_dev *pd = file_inode(file)->i_private;
	unsigned int ops, units;
	char buf[32];
	char tail;
	int ret;

	if (!count || count >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = '\0';
	if (sysfs_streq(buf, "off")) {
		mutex_lock(&pd->lock);
		persocard_nvm_disarm_cut(&pd->card.nvm);
		mutex_unlock(&pd->lock);
		return count;
	}
	/* Two numbers and nothing else, but for a newline. */
	ret = sscanf(buf, "%u %u%c", &ops, &units, &tail);
	if (ret < 2 || (ret == 3 && tail != '\n'))
		return -EINVAL;
	if (strnchr(buf, count, '-'))
		return -EINVAL;
	mutex_lock(&pd->lock);
	ret = persocard_nvm_arm_cut(&pd->card.nvm, ops, units);
	mutex_unlock(&pd->lock);
	return ret ?: count;
}

static const struct file_operations power_cut_fops = {
	.owner = THIS_MODULE,
	.open = power_cut_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.write = power_cut_write,
	.release = single_release,
};

/**
 * persocard_debugfs_init() - make persocard's folder in debugfs
 *
 * Return: the folder, or an error pointer debugfs calls take as no folder.
 */
struct dentry *persocard_debugfs_init(void)
{
	return debugfs_create_dir("persocard", NULL);
}

/**
 * persocard_debugfs_add() - the card's chip files
 * @pd: the card, its device named.
 * @root: persocard's folder.
 */
void persocard_debugfs_add(struct persocard_dev *pd, struct dentry *root)
{
	pd->debugfs = debugfs_create_dir(dev_name(&pd->dev), root);
	debugfs_create_file("chip", 0400, pd->debugfs, pd, &chip_fops);
	debugfs_create_file("endurance", 0400, pd->debugfs, pd,
			    &endurance_fops);
	debugfs_create_file("power_cut", 0600, pd->debugfs, pd,
			    &power_cut_fops);
}

/**
 * persocard_debugfs_remove() - remove the card's chip files
 * @pd: the card; no file call runs on them once this returns.
 */
void persocard_debugfs_remove(struct persocard_dev *pd)
{
	debugfs_remove_recursive(pd->debugfs);
	pd->debugfs = NULL;
}
