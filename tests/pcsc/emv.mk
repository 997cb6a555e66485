# SPDX-License-Identifier: GPL-2.0
#
# make emv-vectors: the Python EMV cryptograms of the tests
# (tests/pcsc/emv_ref.py) against pyemv's published vectors, on the host,
# TAP on stdout. Debian's python3 with python3-cryptography, as the guest
# has it. Included by the Makefile.

EMV_PYTHON	?= /usr/bin/python3

emv-vectors:
	@$(EMV_PYTHON) tests/pcsc/emv_ref.py

.PHONY: emv-vectors
