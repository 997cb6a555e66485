# SPDX-License-Identifier: GPL-2.0
#
# ifd-persocard, the pcsc-lite reader driver, and its reader.conf.d file;
# included by the top-level Makefile. It hooks into userspace, install and
# uninstall through prerequisites of its own.
#
# pcscd reads readers from its configdir only (/etc/reader.conf.d with
# Debian's pcscd, pkg-config's serialconfdir), whatever PREFIX is: the
# configuration goes to $(sysconfdir)/reader.conf.d, sysconfdir /etc. The
# driver goes to pcsc-lite's driver folder; a serial reader's LIBPATH may
# name any path, and the installed file names this one.

PCSC_CFLAGS	= $(US_CFLAGS) $(shell pkg-config --cflags libpcsclite 2>/dev/null || \
			echo -I/usr/include/PCSC -pthread)
PCSC_DROPDIR	:= $(shell pkg-config --variable=usbdropdir libpcsclite 2>/dev/null || \
			echo /usr/lib/pcsc/drivers)
sysconfdir	?= /etc
PCSC_CONFDIR	?= $(sysconfdir)/reader.conf.d
PCSC_DRIVERDIR	?= $(PCSC_DROPDIR)/serial

PCSC_SO		:= libifd-persocard.so
PCSC_SRCS	:= $(wildcard userspace/pcsc/*.c)
PCSC_OBJS	:= $(patsubst userspace/pcsc/%.c,$(BUILD)/pcsc/%.o,$(PCSC_SRCS))

$(BUILD)/pcsc/%.o: userspace/pcsc/%.c userspace/pcsc/ifd-persocard.h \
		   $(US_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(PCSC_CFLAGS) -fPIC -fvisibility=hidden -c -o $@ $<

# log_msg() is pcscd's own: it stays undefined until pcscd loads us. The
# card is reached through libpersocard only; pcscd loads the build tree's
# copy (tests/pcsc) with the build tree's library next to it.
$(BUILD)/pcsc/$(PCSC_SO): $(PCSC_OBJS) $(BUILD)/lib/$(SONAME).0.0
	$(CC) -shared -pthread -Wl,-soname,$(PCSC_SO) -o $@ $(PCSC_OBJS) \
		-L$(BUILD)/lib -lpersocard -Wl,-rpath,'$$ORIGIN/../lib'

# The installed copy carries no rpath: libpersocard is in LIBDIR.
$(BUILD)/install/$(PCSC_SO): $(PCSC_OBJS) $(BUILD)/lib/$(SONAME).0.0
	@mkdir -p $(dir $@)
	$(CC) -shared -pthread -Wl,-soname,$(PCSC_SO) -o $@ $(PCSC_OBJS) \
		-L$(BUILD)/lib -lpersocard

userspace: $(BUILD)/pcsc/$(PCSC_SO)

install: install-pcsc
uninstall: uninstall-pcsc

install-pcsc: $(BUILD)/install/$(PCSC_SO)
	install -d $(DESTDIR)$(PCSC_DRIVERDIR) $(DESTDIR)$(PCSC_CONFDIR)
	install -m 0755 $(BUILD)/install/$(PCSC_SO) $(DESTDIR)$(PCSC_DRIVERDIR)/
	# LIBPATH names where this install puts the driver.
	sed -e 's|@LIBPATH@|$(PCSC_DRIVERDIR)/$(PCSC_SO)|' \
	    userspace/pcsc/persocard.conf.in > $(DESTDIR)$(PCSC_CONFDIR)/persocard
	chmod 0644 $(DESTDIR)$(PCSC_CONFDIR)/persocard

uninstall-pcsc:
	rm -f $(DESTDIR)$(PCSC_DRIVERDIR)/$(PCSC_SO) $(DESTDIR)$(PCSC_CONFDIR)/persocard

.PHONY: install-pcsc uninstall-pcsc
