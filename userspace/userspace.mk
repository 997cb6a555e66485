# SPDX-License-Identifier: GPL-2.0
#
# libpersocard and the persocard CLI, included by the top-level Makefile.
# Each variant is built in its own folder: $(BUILD) plain, $(BUILD)/san
# with AddressSanitizer and UBSan for the tests in the guest.

VERSION		:= 0.1.0
SO_MAJOR	:= 2
SONAME		:= libpersocard.so.$(SO_MAJOR)

PREFIX		?= /usr/local
BINDIR		?= $(PREFIX)/bin
LIBDIR		?= $(PREFIX)/lib
INCLUDEDIR	?= $(PREFIX)/include
MANDIR		?= $(PREFIX)/share/man
PKGCONFIGDIR	?= $(LIBDIR)/pkgconfig
DESTDIR		?=

# -Werror for make check and CI (WERROR=1), not for a user's newer compiler.
WERROR		?=
WERROR_FLAGS	:= $(if $(filter 1,$(WERROR)),-Werror)
US_CFLAGS	:= -std=gnu11 -O2 -g -Wall -Wextra $(WERROR_FLAGS) -D_GNU_SOURCE \
		   -DPERSOCARD_VERSION='"$(VERSION)"' \
		   -I$(CURDIR)/uapi -I$(CURDIR)/userspace/include
SAN_FLAGS	:= -fsanitize=address,undefined -fno-sanitize-recover=all \
		   -fno-omit-frame-pointer
EDIT_CFLAGS	:= $(shell pkg-config --cflags libedit 2>/dev/null)
EDIT_LIBS	:= $(shell pkg-config --libs libedit 2>/dev/null || echo -ledit)
# personalize --pcsc: the CLI speaks PC/SC, libpersocard never does.
CLI_PCSC_CFLAGS	:= $(shell pkg-config --cflags libpcsclite 2>/dev/null || echo -I/usr/include/PCSC)
CLI_PCSC_LIBS	:= $(shell pkg-config --libs libpcsclite 2>/dev/null || echo -lpcsclite)
# The SCP03 host: OpenSSL's libcrypto (CMAC, AES, SHA-256).
CRYPTO_LIBS	:= $(shell pkg-config --libs libcrypto 2>/dev/null || echo -lcrypto)

US_HDRS		:= uapi/linux/persocard.h userspace/include/libpersocard.h \
		   userspace/include/persocard-perso.h \
		   userspace/include/persocard-maker.h \
		   $(wildcard userspace/lib/*.h userspace/cli/*.h tests/lib/*.h)
LIB_SRCS	:= $(wildcard userspace/lib/*.c)
CLI_SRCS	:= $(wildcard userspace/cli/*.c)
LIBTEST_SRCS	:= $(wildcard tests/lib/*.c)

include userspace/maker/maker.mk

# $(call us_variant,OUTDIR,EXTRA_FLAGS)
define us_variant
$(1)/lib/%.o: userspace/lib/%.c $(US_HDRS)
	@mkdir -p $$(dir $$@)
	$$(CC) $$(US_CFLAGS) $(2) -fPIC -fvisibility=hidden -c -o $$@ $$<

$(1)/lib/$(SONAME).0.0: $(patsubst userspace/lib/%.c,$(1)/lib/%.o,$(LIB_SRCS))
	$$(CC) $(2) -shared -Wl,-soname,$(SONAME) -Wl,-z,defs -o $$@ $$^ $(CRYPTO_LIBS)
	ln -sf $(SONAME).0.0 $(1)/lib/$(SONAME)
	ln -sf $(SONAME) $(1)/lib/libpersocard.so

$(1)/cli/%.o: userspace/cli/%.c $(US_HDRS)
	@mkdir -p $$(dir $$@)
	$$(CC) $$(US_CFLAGS) $$(EDIT_CFLAGS) $$(CLI_PCSC_CFLAGS) $(2) -c -o $$@ $$<

# The build tree's programs find the build tree's library.
$(1)/bin/persocard: $(patsubst userspace/cli/%.c,$(1)/cli/%.o,$(CLI_SRCS)) $(1)/lib/$(SONAME).0.0 \
		    $(1)/lib/$(MAKER_SONAME).0.0
	@mkdir -p $$(dir $$@)
	$$(CC) $(2) -o $$@ $$(filter %.o,$$^) -L$(1)/lib -lpersocard -lpersocard-maker \
		-Wl,-rpath,'$$$$ORIGIN/../lib' $$(EDIT_LIBS) $$(CLI_PCSC_LIBS)

$(1)/tests/lib/%: tests/lib/%.c $(US_HDRS) $(1)/lib/$(SONAME).0.0 $(1)/lib/$(MAKER_SONAME).0.0 \
		    $(wildcard userspace/lib/scp03_host.c)
	@mkdir -p $$(dir $$@)
	$$(CC) $$(US_CFLAGS) $(2) -o $$@ $$< -L$(1)/lib -lpersocard -lpersocard-maker \
		-Wl,-rpath,'$$$$ORIGIN/../../lib' -pthread $(CRYPTO_LIBS)
endef

$(eval $(call us_variant,$(BUILD)))
$(eval $(call us_variant,$(BUILD)/san,$(SAN_FLAGS)))

LIBTESTS	 = $(patsubst tests/lib/%.c,$(BUILD)/tests/lib/%,$(LIBTEST_SRCS))
LIBTESTS_SAN	 = $(patsubst tests/lib/%.c,$(BUILD)/san/tests/lib/%,$(LIBTEST_SRCS))

userspace: $(BUILD)/bin/persocard $(BUILD)/lib/$(SONAME).0.0 \
	   $(BUILD)/man/persocard.1
userspace-tests: userspace $(BUILD)/san/bin/persocard $(LIBTESTS) $(LIBTESTS_SAN)

# persocard(1) is made from --help and --version: they must say everything.
$(BUILD)/man/persocard.1: $(BUILD)/bin/persocard userspace/man/persocard.h2m
	@mkdir -p $(dir $@)
	help2man --no-info --section=1 --include=userspace/man/persocard.h2m \
		--name='personalize simulated smart cards' --output=$@ $<

# Installed programs carry no rpath: they are linked again.
$(BUILD)/install/persocard: $(patsubst userspace/cli/%.c,$(BUILD)/cli/%.o,$(CLI_SRCS)) \
			    $(BUILD)/lib/$(SONAME).0.0 $(BUILD)/lib/$(MAKER_SONAME).0.0
	@mkdir -p $(dir $@)
	$(CC) -o $@ $(filter %.o,$^) -L$(BUILD)/lib -lpersocard -lpersocard-maker \
		$(EDIT_LIBS) $(CLI_PCSC_LIBS)

install: userspace $(BUILD)/install/persocard
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(PKGCONFIGDIR) \
		$(DESTDIR)$(INCLUDEDIR)/linux $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man3
	install -m 0755 $(BUILD)/install/persocard $(DESTDIR)$(BINDIR)/persocard
	install -m 0755 $(BUILD)/lib/$(SONAME).0.0 $(DESTDIR)$(LIBDIR)/
	ln -sf $(SONAME).0.0 $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libpersocard.so
	install -m 0644 userspace/include/libpersocard.h \
		userspace/include/persocard-perso.h $(DESTDIR)$(INCLUDEDIR)/
	install -m 0644 uapi/linux/persocard.h $(DESTDIR)$(INCLUDEDIR)/linux/
	# The .pc names the directories of this install, so it is made here.
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' \
	    -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' -e 's|@VERSION@|$(VERSION)|' \
	    userspace/lib/libpersocard.pc.in > $(DESTDIR)$(PKGCONFIGDIR)/libpersocard.pc
	chmod 0644 $(DESTDIR)$(PKGCONFIGDIR)/libpersocard.pc
	install -m 0644 $(BUILD)/man/persocard.1 $(DESTDIR)$(MANDIR)/man1/
	install -m 0644 userspace/man/libpersocard.3 $(DESTDIR)$(MANDIR)/man3/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/persocard $(DESTDIR)$(LIBDIR)/libpersocard.so* \
	      $(DESTDIR)$(INCLUDEDIR)/libpersocard.h \
	      $(DESTDIR)$(INCLUDEDIR)/persocard-perso.h \
	      $(DESTDIR)$(INCLUDEDIR)/linux/persocard.h \
	      $(DESTDIR)$(PKGCONFIGDIR)/libpersocard.pc \
	      $(DESTDIR)$(MANDIR)/man1/persocard.1 $(DESTDIR)$(MANDIR)/man3/libpersocard.3

include tests/unit/unit.mk

.PHONY: userspace userspace-tests install uninstall
