// SPDX-License-Identifier: GPL-2.0
/*
 * LD_PRELOAD shim: TCP_NODELAY on every TCP connection the process
 * accepts. Loaded into pcscd, it takes Nagle's algorithm off the socket
 * vsmartcard's vpcd driver accepts from vicc, whose small writes would
 * otherwise wait for the peer's delayed ACK; the benchmark reports vicc
 * both ways.
 *
 *   LD_PRELOAD=build/bench/nodelay.so pcscd ...
 */
#include <dlfcn.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

static void set_nodelay(int fd)
{
	int domain, type, one = 1;
	socklen_t len = sizeof(domain);

	if (fd < 0)
		return;
	/* Only TCP: pcscd's own clients come over a Unix socket. */
	if (getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &domain, &len) ||
	    (domain != AF_INET && domain != AF_INET6))
		return;
	len = sizeof(type);
	if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) ||
	    type != SOCK_STREAM)
		return;
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
}

int accept(int fd, struct sockaddr *addr, socklen_t *len)
{
	static int (*real)(int, struct sockaddr *, socklen_t *);
	int ret;

	if (!real)
		real = (int (*)(int, struct sockaddr *, socklen_t *))
		       dlsym(RTLD_NEXT, "accept");
	ret = real(fd, addr, len);
	set_nodelay(ret);
	return ret;
}

int accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags)
{
	static int (*real)(int, struct sockaddr *, socklen_t *, int);
	int ret;

	if (!real)
		real = (int (*)(int, struct sockaddr *, socklen_t *, int))
		       dlsym(RTLD_NEXT, "accept4");
	ret = real(fd, addr, len, flags);
	set_nodelay(ret);
	return ret;
}
