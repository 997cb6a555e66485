#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install what building and testing persocard needs, from Debian's archive.
# Installs only what is missing; needs root (or sudo) only then.
set -euo pipefail

packages=(
	build-essential gcc-multilib bc bison flex cpio kmod xz-utils
	libelf-dev libssl-dev python3 iproute2 sparse
	linux-source-6.12 linux-headers-6.12-amd64 linux-headers-amd64
	qemu-system-x86
	libkmod-dev libkeyutils-dev keyutils libedit-dev pkg-config help2man
	bats bats-assert bats-support jq
	pcscd libpcsclite-dev pcsc-tools python3-pyscard python3-cryptography
	vsmartcard-vpcd vsmartcard-vpicc python3-pycryptodome
	trinity
	opensc cardpeek libosmocore-utils xvfb xauth openssl xxd graphviz
	python3-matplotlib
	clang-14 libclang-rt-14-dev zlib1g-dev
)

missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f '${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}" >&2
sudo=
[ "$(id -u)" -eq 0 ] || sudo=sudo
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
