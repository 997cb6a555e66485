# SPDX-License-Identifier: GPL-2.0
#
# make unit-tests: host-side unit tests of libpersocard's parsers and
# encoders (no device, no guest, seconds), built with ASan and UBSan
# against the build tree's library; one TAP file per test in
# $(BUILD)/results-unit. Included by userspace/userspace.mk.

UNIT_SRCS	:= $(wildcard tests/unit/*.c)
UNIT_BINS	:= $(patsubst tests/unit/%.c,$(BUILD)/san/tests/unit/%,$(UNIT_SRCS))
UNIT_RESULTS	:= $(BUILD)/results-unit

$(BUILD)/san/tests/unit/%: tests/unit/%.c $(wildcard tests/unit/*.h) \
			   tests/lib/tap.h $(US_HDRS) $(BUILD)/san/lib/$(SONAME).0.0 \
			   $(wildcard userspace/lib/*.c)
	@mkdir -p $(dir $@)
	$(CC) $(US_CFLAGS) $(SAN_FLAGS) -o $@ $< -L$(BUILD)/san/lib -lpersocard \
		-Wl,-rpath,'$$ORIGIN/../../lib' $(CRYPTO_LIBS)

# Every test runs, then the target fails if any did.
unit-tests: $(UNIT_BINS)
	@rm -rf $(UNIT_RESULTS) && mkdir -p $(UNIT_RESULTS)
	@status=0; for t in $(UNIT_BINS); do \
		name=$$(basename $$t); \
		$$t > $(UNIT_RESULTS)/$$name.tap 2> $(UNIT_RESULTS)/$$name.err || status=1; \
		echo "unit: $$name: $$(grep -c '^ok' $(UNIT_RESULTS)/$$name.tap) passed, $$(grep -c '^not ok' $(UNIT_RESULTS)/$$name.tap) failed"; \
	done; exit $$status

.PHONY: unit-tests
