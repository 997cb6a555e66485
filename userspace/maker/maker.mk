# SPDX-License-Identifier: GPL-2.0
#
# libpersocard-maker, the card maker's library, included by
# userspace/userspace.mk: the same variants ($(BUILD), $(BUILD)/san), its
# .so next to libpersocard's so that the programs' rpath finds both.

MAKER_SO_MAJOR	:= 1
MAKER_SONAME	:= libpersocard-maker.so.$(MAKER_SO_MAJOR)
KMOD_LIBS	:= $(shell pkg-config --libs libkmod 2>/dev/null || echo -lkmod) \
		   $(shell pkg-config --libs libkeyutils 2>/dev/null || echo -lkeyutils)
# The image test opens images with OpenSSL: an implementation of its own.
MAKERTEST_LIBS_test_image := $(shell pkg-config --libs libcrypto 2>/dev/null || echo -lcrypto)

MAKER_HDRS	:= uapi/linux/persocard.h userspace/include/persocard-maker.h \
		   $(wildcard userspace/maker/*.h)
MAKER_SRCS	:= $(wildcard userspace/maker/*.c)
# The guest tests need the module: built where tests/vm/guest-check.sh
# runs libpersocard's, so they report as lib-NAME and lib-san-NAME.
MAKERTEST_SRCS	:= $(wildcard tests/maker/*.c)
# The host tests link the objects, hidden functions and all; no device.
MAKERHOST_SRCS	:= $(wildcard tests/maker/host/*.c)

# $(call maker_variant,OUTDIR,EXTRA_FLAGS)
define maker_variant
$(1)/maker/%.o: userspace/maker/%.c $(MAKER_HDRS)
	@mkdir -p $$(dir $$@)
	$$(CC) $$(US_CFLAGS) $(2) -fPIC -fvisibility=hidden -c -o $$@ $$<

$(1)/lib/$(MAKER_SONAME).0.0: $(patsubst userspace/maker/%.c,$(1)/maker/%.o,$(MAKER_SRCS))
	@mkdir -p $$(dir $$@)
	$$(CC) $(2) -shared -Wl,-soname,$(MAKER_SONAME) -Wl,-z,defs -o $$@ $$^ $$(KMOD_LIBS)
	ln -sf $(MAKER_SONAME).0.0 $(1)/lib/$(MAKER_SONAME)
	ln -sf $(MAKER_SONAME) $(1)/lib/libpersocard-maker.so

$(1)/tests/lib/%: tests/maker/%.c $(MAKER_HDRS) tests/lib/check.h tests/lib/tap.h \
		  $(1)/lib/$(MAKER_SONAME).0.0 $(1)/lib/$(SONAME).0.0
	@mkdir -p $$(dir $$@)
	$$(CC) $$(US_CFLAGS) $(2) -Itests/lib -o $$@ $$< -L$(1)/lib \
		-lpersocard-maker -lpersocard -Wl,-rpath,'$$$$ORIGIN/../../lib' \
		$$(MAKERTEST_LIBS_$$*)

$(1)/tests/maker-host/%: tests/maker/host/%.c $(MAKER_HDRS) tests/lib/tap.h \
			 $(patsubst userspace/maker/%.c,$(1)/maker/%.o,$(MAKER_SRCS))
	@mkdir -p $$(dir $$@)
	$$(CC) $$(US_CFLAGS) $(2) -Iuserspace/maker -Itests/lib -o $$@ $$< \
		$$(filter %.o,$$^) $$(KMOD_LIBS)
endef

$(eval $(call maker_variant,$(BUILD)))
$(eval $(call maker_variant,$(BUILD)/san,$(SAN_FLAGS)))

MAKERTESTS	 = $(patsubst tests/maker/%.c,$(BUILD)/tests/lib/%,$(MAKERTEST_SRCS)) \
		   $(patsubst tests/maker/%.c,$(BUILD)/san/tests/lib/%,$(MAKERTEST_SRCS))
MAKERHOST	 = $(patsubst tests/maker/host/%.c,$(BUILD)/tests/maker-host/%,$(MAKERHOST_SRCS)) \
		   $(patsubst tests/maker/host/%.c,$(BUILD)/san/tests/maker-host/%,$(MAKERHOST_SRCS))

maker: $(BUILD)/lib/$(MAKER_SONAME).0.0
maker-tests: maker $(BUILD)/san/lib/$(MAKER_SONAME).0.0 $(MAKERTESTS) $(MAKERHOST)

# The host tests as TAP, one file each: maker-host-NAME.tap and
# maker-host-san-NAME.tap in MAKER_TAP (default $(BUILD)/results-host).
MAKER_TAP	?= $(BUILD)/results-host
maker-host-check: $(MAKERHOST)
	@mkdir -p $(MAKER_TAP)
	@set -e; for t in $(MAKERHOST); do \
		case $$t in */san/*) n=maker-host-san-$${t##*/} ;; \
			    *) n=maker-host-$${t##*/} ;; esac; \
		$$t > $(MAKER_TAP)/$$n.tap || { cat $(MAKER_TAP)/$$n.tap; exit 1; }; \
	done

install-maker: maker
	install -d $(DESTDIR)$(LIBDIR) $(DESTDIR)$(PKGCONFIGDIR) \
		$(DESTDIR)$(INCLUDEDIR) $(DESTDIR)$(MANDIR)/man3
	install -m 0755 $(BUILD)/lib/$(MAKER_SONAME).0.0 $(DESTDIR)$(LIBDIR)/
	ln -sf $(MAKER_SONAME).0.0 $(DESTDIR)$(LIBDIR)/$(MAKER_SONAME)
	ln -sf $(MAKER_SONAME) $(DESTDIR)$(LIBDIR)/libpersocard-maker.so
	install -m 0644 userspace/include/persocard-maker.h $(DESTDIR)$(INCLUDEDIR)/
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' \
	    -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' -e 's|@VERSION@|$(VERSION)|' \
	    userspace/maker/libpersocard-maker.pc.in > $(DESTDIR)$(PKGCONFIGDIR)/libpersocard-maker.pc
	chmod 0644 $(DESTDIR)$(PKGCONFIGDIR)/libpersocard-maker.pc
	install -m 0644 userspace/man/libpersocard-maker.3 $(DESTDIR)$(MANDIR)/man3/

uninstall-maker:
	rm -f $(DESTDIR)$(LIBDIR)/libpersocard-maker.so* \
	      $(DESTDIR)$(INCLUDEDIR)/persocard-maker.h \
	      $(DESTDIR)$(PKGCONFIGDIR)/libpersocard-maker.pc \
	      $(DESTDIR)$(MANDIR)/man3/libpersocard-maker.3

install: install-maker
uninstall: uninstall-maker
userspace: maker
userspace-tests: maker-tests

.PHONY: maker maker-tests maker-host-check install-maker uninstall-maker
