// SPDX-License-Identifier: GPL-2.0
/*
 * perso_demo - personalize one payment card through the raw ioctls, the
 * way a bureau's line would, printing each command, the card's status word
 * and the state it leaves the card in. Includes one wrong perso code and
 * the ENABLE PERSO that follows it.
 *
 *   perso_demo [DEVICE]        (default /dev/persocard)
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/persocard.h>

static const char *const state_names[] = {
	[PERSOCARD_STATE_SEMI_FINISHED]	= "SEMI_FINISHED",
	[PERSOCARD_STATE_READY]		= "READY",
	[PERSOCARD_STATE_PERSONALIZING]	= "PERSONALIZING",
	[PERSOCARD_STATE_PERSONALIZED]	= "PERSONALIZED",
	[PERSOCARD_STATE_BLOCKED]	= "BLOCKED",
};

struct element {
	unsigned short tag;
	const char *name;
	unsigned int len;
	const unsigned char *value;
};

#define E(t, n, ...) { t, n, sizeof((const unsigned char[]){ __VA_ARGS__ }), \
		       (const unsigned char[]){ __VA_ARGS__ } }

static const struct element payment[] = {
	E(0x0101, "records", 0x70, 0x08, 0x57, 0x06, 0x54, 0x13, 0x33, 0x00, 0x89, 0x60),
	E(0x5A00, "pan", 0x54, 0x13, 0x33, 0x00, 0x89, 0x60, 0x00, 0x10),
	E(0x5F24, "expiry", 0x29, 0x12, 0x31),
	E(0x5F20, "cardholder", 'D', 'O', 'E', '/', 'J', 'A', 'N', 'E'),
	E(0x9102, "select_response", 0xA5, 0x03, 0x50, 0x01, 0x41),
	E(0x9104, "gpo_response", 0x82, 0x02, 0x19, 0x80, 0x94, 0x04, 0x08, 0x01, 0x01, 0x00),
	E(0x9000, "key_check_values", 0x1A, 0x2B, 0x3C),
	E(0x9010, "pin_try_limit", 0x03, 0x03),
	E(0x8000, "icc_keys", 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A,
	  0x0B, 0x0C, 0x0D, 0x0E, 0x0F, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17,
	  0x18, 0x19, 0x1A, 0x1B, 0x1C, 0x1D, 0x1E, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x24,
	  0x25, 0x26, 0x27, 0x28, 0x29, 0x2A, 0x2B, 0x2C, 0x2D, 0x2E, 0x2F, 0x30),
	E(0x8010, "pin_block", 0x14, 0x12, 0x34, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF),
};

static int fd;

static const char *state(void)
{
	struct persocard_status st;

	memset(&st, 0, sizeof(st));
	if (ioctl(fd, PERSOCARD_IOC_STATUS, &st)) {
		perror("GET STATUS");
		exit(1);
	}
	return state_names[st.state];
}

/* Print one command's outcome; an errno means it never reached the card. */
static unsigned int report(const char *what, int ret, unsigned int sw)
{
	if (ret) {
		fprintf(stderr, "%-42s failed: %s\n", what, strerror(errno));
		exit(1);
	}
	printf("%-42s SW %04X  -> %s\n", what, sw, state());
	return sw;
}

static unsigned int enable(void)
{
	struct persocard_cmd cmd;

	int ret;

	memset(&cmd, 0, sizeof(cmd));
	ret = ioctl(fd, PERSOCARD_IOC_ENABLE, &cmd);
	return report("ENABLE PERSO", ret, cmd.sw);
}

static unsigned int verify(const char *code)
{
	struct persocard_verify v;
	char what[64];
	int ret;

	memset(&v, 0, sizeof(v));
	v.code = (unsigned long)code;
	v.code_len = strlen(code);
	snprintf(what, sizeof(what), "VERIFY PERSO CODE \"%s\"", code);
	ret = ioctl(fd, PERSOCARD_IOC_VERIFY, &v);
	return report(what, ret, v.sw);
}

static unsigned int put(const struct element *e)
{
	struct persocard_put p;
	char what[64];
	int ret;

	memset(&p, 0, sizeof(p));
	p.tag = e->tag;
	p.value = (unsigned long)e->value;
	p.len = e->len;
	snprintf(what, sizeof(what), "PUT PERSO DATA %04X %s (%u)", e->tag,
		 e->name, e->len);
	ret = ioctl(fd, PERSOCARD_IOC_PUT, &p);
	return report(what, ret, p.sw);
}

static unsigned int lock(void)
{
	struct persocard_lock l;
	int ret;

	memset(&l, 0, sizeof(l));
	ret = ioctl(fd, PERSOCARD_IOC_LOCK, &l);
	return report("LOCK PERSO", ret, l.sw);
}

static void read_back(unsigned short tag, const char *name)
{
	struct persocard_get_data g;
	unsigned char buf[PERSOCARD_VALUE_MAX_LEN];
	char what[64];
	unsigned int i;
	int ret;

	memset(&g, 0, sizeof(g));
	g.tag = tag;
	g.buf = (unsigned long)buf;
	g.buf_len = sizeof(buf);
	snprintf(what, sizeof(what), "GET DATA %04X %s", tag, name);
	ret = ioctl(fd, PERSOCARD_IOC_GET_DATA, &g);
	report(what, ret, g.sw);
	if (g.sw != PERSOCARD_SW_OK)
		return;
	printf("%-42s ", "");
	for (i = 0; i < g.len; i++)
		printf("%02X", buf[i]);
	printf("\n");
}

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "/dev/persocard";
	unsigned int i;

	fd = open(path, O_RDWR);
	if (fd < 0) {
		perror(path);
		return 1;
	}
	printf("card %s, state %s\n\n", path, state());

	enable();
	verify("9999");		/* wrong: 63C2, the session aborts */
	enable();		/* a failed personalization may start again */
	if (verify("1234") != PERSOCARD_SW_OK)
		return 1;
	for (i = 0; i < sizeof(payment) / sizeof(payment[0]); i++)
		if (put(&payment[i]) != PERSOCARD_SW_OK)
			return 1;
	if (lock() != PERSOCARD_SW_OK)
		return 1;

	printf("\n");
	read_back(0x5A00, "pan");
	read_back(0x5F20, "cardholder");
	read_back(0x8000, "icc_keys");	/* secret: 6982, never read back */
	enable();			/* personalized for good: 6985 */
	close(fd);
	return 0;
}
