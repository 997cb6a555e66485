# SPDX-License-Identifier: GPL-2.0
#
# make state-diagram: Documentation/persocard/state-machine.dot and .svg,
# drawn from the card OS's transition table (module/cardos/state.c) by
# scripts/state_dot.c, built for the host over the fuzzers' shim of the
# kernel headers; Graphviz's dot draws the SVG. Commit both.
#
# make state-diagram-check: TAP on stdout; fails when the committed
# diagram is not the table's (make check runs it). Included by the
# Makefile.

STATE_DOT	:= $(BUILD)/state-diagram/state_dot
STATE_DIAGRAM	:= Documentation/persocard/state-machine
STATE_DOT_CC	?= $(CC)
# The kernel's dialect for state.c, as the fuzzers build it.
STATE_DOT_CFLAGS := -std=gnu11 -O1 -g -Wall -Wextra \
		   $(if $(filter 1,$(WERROR)),-Werror) \
		   -Wno-unused-parameter -Wno-missing-field-initializers \
		   -Wno-pointer-sign -Wno-sign-compare -fno-strict-aliasing \
		   -fwrapv -Itests/fuzz/shim -Iuapi -Imodule/cardos
STATE_DOT_DEPS	:= scripts/state_dot.c module/cardos/state.c \
		   module/cardos/state.h uapi/linux/persocard.h \
		   $(wildcard tests/fuzz/shim/*.h tests/fuzz/shim/linux/*.h)

$(STATE_DOT): $(STATE_DOT_DEPS)
	@mkdir -p $(dir $@)
	$(STATE_DOT_CC) $(STATE_DOT_CFLAGS) -o $@ scripts/state_dot.c \
		module/cardos/state.c

state-diagram: $(STATE_DOT)
	@scripts/state-diagram.sh generate $(STATE_DOT) $(STATE_DIAGRAM)

# The check builds state_dot once more over a changed table: same flags.
state-diagram-check: $(STATE_DOT)
	@STATE_DOT_CC='$(STATE_DOT_CC)' STATE_DOT_CFLAGS='$(STATE_DOT_CFLAGS)' \
		scripts/state-diagram.sh check $(STATE_DOT) $(STATE_DIAGRAM)

.PHONY: state-diagram state-diagram-check
