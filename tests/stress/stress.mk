# SPDX-License-Identifier: GPL-2.0
#
# make stress: one boot of the debug guest running trinity against the
# card devices, then the concurrent stress run, then the full power-cut
# sweep; the host then searches the guest's dmesg for KASAN, UBSAN,
# lockdep, WARN and kmemleak reports and prints the figures. Included by
# the top-level Makefile. make check runs the same programs briefly
# (tests/vm/guest-check.sh).
#
#   make stress [TRINITY_SECS=600] [STRESS_SECS=600] [SWEEP=full|quick]
#
# The full sweep takes about 20 minutes under the debug kernel (some 3700
# cut points); make check runs the quick one (about 300, 90 s).

TRINITY_SECS	?= 600
STRESS_SECS	?= 600
SWEEP		?= full
STRESS_DIR	:= $(BUILD)/stress
STRESS_HDRS	:= tests/stress/card_util.h tests/lib/tap.h $(US_HDRS)

# $(call stress_variant,OUTDIR,EXTRA_FLAGS): the sweep and the stress
# program, linked with both libraries of that variant.
define stress_variant
$(1)/tests/stress/%: tests/stress/%.c $(STRESS_HDRS) $(1)/lib/$(SONAME).0.0 \
		     $(1)/lib/$(MAKER_SONAME).0.0
	@mkdir -p $$(dir $$@)
	$$(CC) $$(US_CFLAGS) $(2) -pthread -o $$@ $$< -L$(1)/lib -lpersocard \
		-lpersocard-maker -Wl,-rpath,'$$$$ORIGIN/../../lib'
endef

$(eval $(call stress_variant,$(BUILD)))
$(eval $(call stress_variant,$(BUILD)/san,$(SAN_FLAGS)))

STRESS_BINS	:= $(BUILD)/tests/stress/sweep $(BUILD)/tests/stress/stress \
		   $(BUILD)/san/tests/stress/stress
# make check's guest runs them too.
userspace-tests: $(STRESS_BINS)

stress: $(TEST_KERNEL) userspace $(STRESS_BINS)
	@mkdir -p $${XDG_CACHE_HOME:-$$HOME/.cache}/persocard
	@. $(TEST_KERNEL) && export KDIR && rm -rf $(STRESS_DIR) && \
	$(VM_LOCK) sh -c '\
	$(MAKE) -s -C "$$KDIR" M=$(CURDIR) modules >/dev/null && \
	PERSOCARD_KARGS="PERSOCARD_TRINITY_SECS=$(TRINITY_SECS) PERSOCARD_STRESS_SECS=$(STRESS_SECS) PERSOCARD_SWEEP=$(SWEEP)" \
	tests/vm/run-vm.sh "$$KDIR" stress $(STRESS_DIR) \
		$$(( $(TRINITY_SECS) + $(STRESS_SECS) + 2700 ))'
	@tests/stress/report.sh $(STRESS_DIR)

.PHONY: stress
