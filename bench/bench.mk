# SPDX-License-Identifier: GPL-2.0
#
# make bench: persocard's figures, measured in a guest booted from the
# cached non-debug kernel (tests/vm/bench.config), printed as a table and
# written to build/bench/bench.json, whose path is the last line printed.
# Included by the top-level Makefile; the method is in
# Documentation/persocard/performance.rst.

BENCH_DIR	:= $(BUILD)/bench
BENCH_KERNEL	 = $(BUILD)/kernel-bench.env
BENCH_BINS	:= $(BENCH_DIR)/bench-floor $(BENCH_DIR)/bench-perso \
		   $(BENCH_DIR)/bench-pcsc $(BENCH_DIR)/nodelay.so
BENCH_DEPS	:= bench/stats.c bench/stats.h uapi/linux/persocard.h
# tsc=reliable: under TCG the guest would otherwise drop its TSC for a
# jiffies clocksource of 4 ms (bench/guest-bench.sh refuses to time then).
BENCH_KARGS	?= tsc=reliable

# Path of the cached bench kernel (built once, about 12 minutes).
$(BENCH_KERNEL): deps tests/vm/bench.config tests/vm/kernel.sh
	@mkdir -p $(BUILD)
	tests/vm/kernel.sh bench > $@.tmp && mv $@.tmp $@

$(BENCH_DIR)/bench-floor: bench/floor.c $(BENCH_DEPS)
	@mkdir -p $(dir $@)
	$(CC) $(US_CFLAGS) -o $@ bench/floor.c bench/stats.c

$(BENCH_DIR)/bench-perso: bench/perso.c $(BENCH_DEPS) $(BUILD)/lib/$(SONAME).0.0 \
			  $(BUILD)/lib/$(MAKER_SONAME).0.0
	@mkdir -p $(dir $@)
	$(CC) $(US_CFLAGS) -pthread -o $@ bench/perso.c bench/stats.c \
		-L$(BUILD)/lib -lpersocard -lpersocard-maker -Wl,-rpath,'$$ORIGIN/../lib'

$(BENCH_DIR)/bench-pcsc: bench/pcsc.c $(BENCH_DEPS)
	@mkdir -p $(dir $@)
	$(CC) $(US_CFLAGS) $(CLI_PCSC_CFLAGS) -o $@ bench/pcsc.c bench/stats.c \
		$(CLI_PCSC_LIBS)

$(BENCH_DIR)/nodelay.so: bench/nodelay.c
	@mkdir -p $(dir $@)
	$(CC) $(US_CFLAGS) -fPIC -shared -o $@ $< -ldl

bench-bins: $(BENCH_BINS)

# The modules are built for the bench kernel inside the VM lock: the .ko
# files in the checkout are shared with make check's guest, which builds
# them again for its own kernel under the same lock.
bench: $(BENCH_KERNEL) userspace $(BENCH_BINS)
	@mkdir -p $${XDG_CACHE_HOME:-$$HOME/.cache}/persocard
	@. $(BENCH_KERNEL) && export KDIR && rm -rf $(BENCH_DIR)/results && \
	$(VM_LOCK) sh -c '\
	$(MAKE) -s -C "$$KDIR" M=$(CURDIR) modules >/dev/null && \
	PERSOCARD_KARGS="$(BENCH_KARGS)" \
	tests/vm/run-vm.sh "$$KDIR" bench $(BENCH_DIR)/results 900'
	@python3 bench/report.py $(BENCH_DIR)/results $(BENCH_DIR)/bench.json

.PHONY: bench bench-bins
