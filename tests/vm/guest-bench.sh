#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make bench's guest plan: bench/guest-bench.sh.
exec bash bench/guest-bench.sh "$@"
