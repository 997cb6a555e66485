#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make stress's guest plan: tests/stress/guest-stress.sh.
exec bash tests/stress/guest-stress.sh "$@"
