# SPDX-License-Identifier: GPL-2.0
#
# make scp03-vectors: the Python SCP03 host of the PC/SC tests
# (tests/pcsc/scp03_host.py) against pySim's published SCP03 vectors, on
# the host, TAP on stdout. Debian's python3 with python3-cryptography:
# the guest runs the same interpreter. Included by the Makefile.

SCP03_PYTHON	?= /usr/bin/python3

scp03-vectors:
	@$(SCP03_PYTHON) tests/pcsc/test_scp03_vectors.py

.PHONY: scp03-vectors
