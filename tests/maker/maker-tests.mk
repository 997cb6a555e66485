# SPDX-License-Identifier: GPL-2.0
#
# The maker's guest checks beyond make check: cards across a guest reboot
# (two short boots of the test kernel; needs the userspace built).
reboot-check: userspace
	tests/vm/reboot-check.sh $(BUILD)/results-reboot

.PHONY: reboot-check
