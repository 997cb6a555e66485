# vicc imports PyCrypto's "Crypto"; Debian's python3-pycryptodome is "Cryptodome".
import sys, Cryptodome; sys.modules[__name__] = Cryptodome  # noqa: E401,E702
