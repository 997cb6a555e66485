# SPDX-License-Identifier: GPL-2.0
#
# make emv-vectors: the Python EMV cryptograms of the tests
# (tests/pcsc/emv_ref.py) against pyemv's published vectors, on the host,
# TAP on stdout. Debian's python3 with python3-cryptography, as the guest
# has it. Included by the Makefile.

EMV_PYTHON	?= /usr/bin/python3

emv-vectors:
	@$(EMV_PYTHON) tests/pcsc/emv_ref.py

# make milenage-vectors: Debian's osmo-auc-gen, as the tests drive it
# (tests/pcsc/osmo_auc.py), against TS 35.208 set 1 and published AUTS.
milenage-vectors:
	@$(EMV_PYTHON) tests/pcsc/osmo_auc.py

.PHONY: emv-vectors milenage-vectors
