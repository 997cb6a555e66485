# SPDX-License-Identifier: GPL-2.0
#
# make fuzz: the libFuzzer targets of tests/fuzz/ (Debian's clang), built
# in $(BUILD)/fuzz, each run for FUZZ_TIME seconds (or FUZZ_RUNS inputs),
# one after another on one core; prints the executions of each and fails
# on any crash, leak or sanitizer report. Included by the Makefile.
#
#   apdu    the APDU parser and table on a card in each state
#   cardos  the card OS under random command sequences, against a model
#   perso   libpersocard's value and data-file parsers, then personalize()
#
# The card OS is built for userspace over a shim of the kernel headers it
# includes (tests/fuzz/shim/): every module/cardos/*.c but those needing
# the kernel's AEAD or keyrings (FUZZ_CARDOS_EXCLUDE). The library is built
# from its sources with the same flags. tests/fuzz/check.sh is make
# check's short run.

FUZZ_CC		?= clang-14
FUZZ_TIME	?=
FUZZ_RUNS	?=
FUZZ_TARGETS	:= apdu cardos perso
FUZZ_DIR	:= $(BUILD)/fuzz
FUZZ_OBJ	:= $(FUZZ_DIR)/obj
FUZZ_SAN	:= -fsanitize=address,undefined -fno-sanitize-recover=all \
		   -fno-omit-frame-pointer
FUZZ_CFLAGS	:= -std=gnu11 -O1 -g -Wall -Wextra -Werror $(FUZZ_SAN) \
		   -fsanitize=fuzzer-no-link
# The kernel's own warning set and dialect for kernel code.
FUZZ_KFLAGS	:= $(FUZZ_CFLAGS) -Wno-unused-parameter \
		   -Wno-missing-field-initializers -Wno-pointer-sign \
		   -Wno-sign-compare -fno-strict-aliasing -fwrapv \
		   -DCONFIG_FAULT_INJECTION -DPERSOCARD_HAVE_LINUX_UNALIGNED \
		   -Itests/fuzz/shim -Iuapi
FUZZ_LDLIBS	:= -lcrypto -lz

FUZZ_CARDOS_EXCLUDE := module/cardos/image.c
FUZZ_CARDOS_SRCS := $(filter-out $(FUZZ_CARDOS_EXCLUDE),$(wildcard module/cardos/*.c))
FUZZ_KHDRS	:= $(wildcard module/cardos/*.h module/*.h tests/fuzz/shim/*.h \
		   tests/fuzz/shim/*/*.h tests/fuzz/*.h) uapi/linux/persocard.h
FUZZ_KOBJS	:= $(patsubst module/cardos/%.c,$(FUZZ_OBJ)/cardos/%.o,$(FUZZ_CARDOS_SRCS)) \
		   $(FUZZ_OBJ)/kshim.o $(FUZZ_OBJ)/harness.o
FUZZ_LIBOBJS	:= $(patsubst userspace/lib/%.c,$(FUZZ_OBJ)/lib/%.o,$(LIB_SRCS))
FUZZ_BINS	:= $(addprefix $(FUZZ_DIR)/,$(FUZZ_TARGETS))

$(FUZZ_OBJ)/cardos/%.o: module/cardos/%.c $(FUZZ_KHDRS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_KFLAGS) -c -o $@ $<

# The shim stands for the kernel: no coverage to guide by in it.
$(FUZZ_OBJ)/kshim.o: tests/fuzz/shim/kshim.c $(FUZZ_KHDRS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(filter-out -fsanitize=fuzzer-no-link,$(FUZZ_KFLAGS)) -c -o $@ $<

$(FUZZ_OBJ)/harness.o $(FUZZ_OBJ)/fuzz_apdu.o $(FUZZ_OBJ)/fuzz_cardos.o \
$(FUZZ_OBJ)/perso_card.o: $(FUZZ_OBJ)/%.o: tests/fuzz/%.c $(FUZZ_KHDRS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_KFLAGS) -c -o $@ $<

$(FUZZ_OBJ)/lib/%.o: userspace/lib/%.c $(US_HDRS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(US_CFLAGS) $(FUZZ_CFLAGS) -fvisibility=hidden -c -o $@ $<

$(FUZZ_OBJ)/fuzz_perso.o: tests/fuzz/fuzz_perso.c tests/fuzz/fzk.h $(US_HDRS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(US_CFLAGS) $(FUZZ_CFLAGS) -c -o $@ $<

$(FUZZ_DIR)/apdu $(FUZZ_DIR)/cardos: $(FUZZ_DIR)/%: $(FUZZ_OBJ)/fuzz_%.o $(FUZZ_KOBJS)
	$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $^ $(FUZZ_LDLIBS)

# The card OS and the library both name their functions persocard_*: the
# card OS's side is linked into one object whose persocard_* symbols
# become kos_persocard_*, so no name can clash as either grows.
$(FUZZ_OBJ)/kos.o: $(FUZZ_KOBJS) $(FUZZ_OBJ)/perso_card.o
	ld -r -o $@.tmp $^
	nm -g --defined-only $@.tmp | \
		awk '$$3 ~ /^persocard_/ { print $$3, "kos_" $$3 }' > $@.syms
	objcopy --redefine-syms=$@.syms $@.tmp $@
	rm -f $@.tmp

$(FUZZ_DIR)/perso: $(FUZZ_OBJ)/fuzz_perso.o $(FUZZ_LIBOBJS) $(FUZZ_OBJ)/kos.o
	$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer -Wl,--wrap=read_file -o $@ $^ \
		$(FUZZ_LDLIBS)

fuzz-build: $(FUZZ_BINS)

# One target after another; each line of the summary: runs and crashes.
# FUZZ_TIME (seconds, every target) or FUZZ_RUNS (inputs) override the
# defaults, each enough for 10 million executions on one core of the
# build machine, shared with a guest (Documentation/persocard/fuzzing.rst:
# apdu 8600/s, cardos about 5000/s, perso 31000/s there).
FUZZ_TIME_apdu	:= 1500
FUZZ_TIME_cardos := 2400
FUZZ_TIME_perso	:= 600

fuzz: deps
	@$(MAKE) -s --no-print-directory fuzz-build
	@status=0; $(foreach t,$(FUZZ_TARGETS),tests/fuzz/run.sh $(FUZZ_DIR) $(t) \
		$(if $(FUZZ_RUNS),runs $(FUZZ_RUNS),time $(or $(FUZZ_TIME),$(FUZZ_TIME_$(t)))) \
		|| status=1;) exit $$status

.PHONY: fuzz fuzz-build
