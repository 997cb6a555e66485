# SPDX-License-Identifier: GPL-2.0
#
# persocard: simulated smart cards in their personalization phase.
#
#   make                build persocard.ko for the running kernel (KDIR=...)
#   make check          every test, in a QEMU test kernel; ends "N passed, N failed"
#   make demo           personalize a card of each profile through the CLI,
#                       in a QEMU test kernel
#   make bench          benchmarks in a QEMU kernel without debugging options;
#                       prints a table and the path of its JSON
#   make stress         trinity, the concurrent stress run and the full
#                       power-cut sweep in the debug kernel (tests/stress/)
#   make userspace      libpersocard, the persocard CLI and its man page
#   make install        install them (PREFIX=/usr/local, DESTDIR=)
#   make state-diagram  redraw Documentation/persocard/state-machine.{dot,svg}
#                       from the card OS's table (Graphviz)
#   make tearing-chart  redraw Documentation/persocard/tearing-sweep.svg, the
#                       power-cut sweep of personalization (matplotlib)
#   make clean

KDIR	?= /lib/modules/$(shell uname -r)/build
BUILD	:= $(CURDIR)/build
RESULTS	:= $(BUILD)/results
# -Werror is for make check and CI (WERROR=1), not for a user's newer compiler.
WERROR	?=
ifneq ($(filter check,$(MAKECMDGOALS)),)
override WERROR := 1
endif
CFLAGS	:= -std=gnu11 -O2 -g -Wall -Wextra $(if $(filter 1,$(WERROR)),-Werror) -I$(CURDIR)/uapi
TEST_KERNEL = $(BUILD)/kernel-debug.env
# One module build and guest at a time on this machine (tests/vm/run-vm.sh).
VM_LOCK	= flock $${XDG_CACHE_HOME:-$$HOME/.cache}/persocard/vm.lock env PERSOCARD_VM_LOCKED=1

.PHONY: all modules check demo deps clean test-kernel

all: modules userspace

include userspace/userspace.mk
include userspace/pcsc/pcsc.mk
include bench/bench.mk
include tests/stress/stress.mk
include tests/maker/maker-tests.mk
include tests/fuzz/fuzz.mk
include tests/pcsc/scp03.mk
include tests/pcsc/emv.mk
include scripts/state-diagram.mk
include scripts/tearing-chart.mk

modules:
	@test -f $(KDIR)/Makefile || { \
	echo "persocard: no kernel build tree at $(KDIR)." >&2; \
	echo "  Install the headers of the running kernel (Debian: apt install linux-headers-$$(uname -r))," >&2; \
	echo "  or pass KDIR=/path/to/kernel/build, or run 'make demo' to try persocard in a QEMU test kernel." >&2; \
	exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

deps:
	@scripts/install-deps.sh

# Path of the cached test kernel (built once, about 6-12 minutes).
$(TEST_KERNEL): deps tests/vm/debug.config tests/vm/kernel.sh
	@mkdir -p $(BUILD)
	tests/vm/kernel.sh debug > $@.tmp && mv $@.tmp $@

test-kernel: $(TEST_KERNEL)

$(BUILD)/tests/%: tests/uapi/%.c uapi/linux/persocard.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -pthread -o $@ $<

$(BUILD)/examples/%: examples/%.c uapi/linux/persocard.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $<

check: $(TEST_KERNEL) $(BUILD)/tests/persocard_test $(BUILD)/tests/many_cards \
	$(BUILD)/examples/perso_demo userspace-tests
	@mkdir -p $${XDG_CACHE_HOME:-$$HOME/.cache}/persocard
	@. $(TEST_KERNEL) && $(VM_LOCK) tests/vm/check.sh "$$KDIR" "$$KSRC" $(RESULTS)

# The demo prints the demo: compiler lines go to build/demo-build.log.
demo:
	@mkdir -p $(BUILD) $${XDG_CACHE_HOME:-$$HOME/.cache}/persocard
	@echo "demo: building persocard and the test kernel (log: $(BUILD)/demo-build.log)" >&2
	@$(MAKE) -s $(TEST_KERNEL) userspace > $(BUILD)/demo-build.log 2>&1 || \
		{ tail -n 30 $(BUILD)/demo-build.log >&2; exit 1; }
	@. $(TEST_KERNEL) && export KDIR && rm -rf $(BUILD)/demo && $(VM_LOCK) sh -c '\
	$(MAKE) -s -C "$$KDIR" M=$(CURDIR) modules >>$(BUILD)/demo-build.log 2>&1 && \
	tests/vm/run-vm.sh "$$KDIR" demo $(BUILD)/demo 300' && \
	cat $(BUILD)/demo/demo.txt

clean:
	$(MAKE) -C $(KDIR) M=$(CURDIR) clean 2>/dev/null || true
	rm -rf $(BUILD)
