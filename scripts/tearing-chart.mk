# SPDX-License-Identifier: GPL-2.0
#
# make tearing-chart: Documentation/persocard/tearing-sweep.svg, the power
# cut swept over each profile's personalization (cut point against the
# state recovered), run on the card OS's code by scripts/sweep_csv.c,
# built for the host over the fuzzers' shim of the kernel headers; Debian's
# python3-matplotlib draws it (scripts/sweep_chart.py). Commit the SVG.
#
# make tearing-chart-check: TAP on stdout; fails when a cut leaves a card
# neither wholly before nor wholly after, or when the committed chart is
# not of the sweep's CSV, and shows that a LOCK committing before its data
# area is written fails (make check runs it). Included by the Makefile,
# after tests/fuzz/fuzz.mk: the card OS's sources, headers and libraries
# are the fuzzers'.

SWEEP_DIR	:= $(BUILD)/tearing-chart
SWEEP_CSV_BIN	:= $(SWEEP_DIR)/sweep_csv
SWEEP_CSV	:= $(SWEEP_DIR)/sweep.csv
SWEEP_SVG	:= Documentation/persocard/tearing-sweep.svg
SWEEP_PYTHON	?= /usr/bin/python3
SWEEP_CC	?= $(CC)
# The fuzzers' flags for the card OS, without their sanitizers.
SWEEP_CFLAGS	:= -std=gnu11 -O1 -g -Wall -Wextra \
		   $(if $(filter 1,$(WERROR)),-Werror) \
		   -Wno-unused-parameter -Wno-missing-field-initializers \
		   -Wno-pointer-sign -Wno-sign-compare -fno-strict-aliasing \
		   -fwrapv -DCONFIG_FAULT_INJECTION \
		   -DPERSOCARD_HAVE_LINUX_UNALIGNED -Itests/fuzz/shim -Iuapi
SWEEP_SRCS	:= scripts/sweep_csv.c tests/fuzz/harness.c \
		   tests/fuzz/shim/kshim.c $(FUZZ_CARDOS_SRCS)
SWEEP_OBJS	:= $(patsubst %.c,$(SWEEP_DIR)/obj/%.o,$(SWEEP_SRCS))

$(SWEEP_DIR)/obj/%.o: %.c $(FUZZ_KHDRS)
	@mkdir -p $(dir $@)
	$(SWEEP_CC) $(SWEEP_CFLAGS) -Imodule/cardos -Itests/fuzz -c -o $@ $<

$(SWEEP_CSV_BIN): $(SWEEP_OBJS)
	$(SWEEP_CC) -o $@ $^ $(FUZZ_LDLIBS)

tearing-chart: $(SWEEP_CSV_BIN)
	@$(SWEEP_CSV_BIN) > $(SWEEP_CSV).tmp && mv $(SWEEP_CSV).tmp $(SWEEP_CSV)
	@$(SWEEP_PYTHON) scripts/sweep_chart.py draw $(SWEEP_CSV) $(SWEEP_SVG)

# The check of the check: LOCK changed to commit its record before it
# writes the data area (a copy of card.c) must leave cards between.
SWEEP_TORN_C	:= $(SWEEP_DIR)/torn/card.c
SWEEP_TORN_BIN	:= $(SWEEP_DIR)/torn/sweep_csv
SWEEP_TORN_PERL	:= s/(\tret = persocard_nvm_write\(&card->nvm, \
		   card->nvm\.data_offset, area,\n\t+  size\);\n)(\tkvfree_sensitive\(area, \
		   size\);\n\tif \(ret\)\n\t\treturn \
		   ret;\n)(.*?\tret = persocard_update\(card, \
		   &next\);\n)/$$3\tif (!ret)\n\t$$1$$2/s
$(SWEEP_TORN_C): module/cardos/card.c
	@mkdir -p $(dir $@)
	perl -0pe '$(SWEEP_TORN_PERL)' $< > $@

# "../compat.h" and the like: found through -Imodule/cardos.
SWEEP_TORN_OBJS	:= $(filter-out %/module/cardos/card.o,$(SWEEP_OBJS))
$(SWEEP_TORN_BIN): $(SWEEP_TORN_C) $(SWEEP_TORN_OBJS)
	$(SWEEP_CC) $(SWEEP_CFLAGS) -Imodule/cardos -Itests/fuzz -o $@ $^ \
		$(FUZZ_LDLIBS)

# A sweep that stops short, or a copy of card.c left as it was, leaves no
# CSV: the check says so in TAP.
tearing-chart-check: $(SWEEP_CSV_BIN) $(SWEEP_TORN_BIN)
	@rm -f $(SWEEP_CSV) $(SWEEP_DIR)/torn.csv
	@! $(SWEEP_CSV_BIN) > $(SWEEP_CSV).tmp || mv $(SWEEP_CSV).tmp $(SWEEP_CSV)
	@cmp -s module/cardos/card.c $(SWEEP_TORN_C) || \
		! $(SWEEP_TORN_BIN) > $(SWEEP_DIR)/torn.tmp || \
		mv $(SWEEP_DIR)/torn.tmp $(SWEEP_DIR)/torn.csv
	@$(SWEEP_PYTHON) scripts/sweep_chart.py check $(SWEEP_CSV) $(SWEEP_SVG) \
		$(SWEEP_DIR)/torn.csv

.PHONY: tearing-chart tearing-chart-check
