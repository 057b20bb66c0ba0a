// The C half of the differential suite: helpers every case file uses. Each
// helper has a twin of the same name in ../as/harness.ts, so a case reads the
// same in both languages. See ../README.md.
#ifndef HARNESS_H
#define HARNESS_H
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

typedef void (*case_fn)(void);
struct case_entry { const char *name; case_fn fn; };
struct group { const char *name; const struct case_entry *cases; int count; };
#define GROUP(g, ...) \
  static const struct case_entry g##_cases[] = { __VA_ARGS__ }; \
  const struct group GROUP_##g = { #g, g##_cases, sizeof g##_cases / sizeof g##_cases[0] }
#define C(fn) { #fn, fn }

#define SIN ((socklen_t)sizeof(struct sockaddr_in))
#define SIN6 ((socklen_t)sizeof(struct sockaddr_in6))

// ---- answers -------------------------------------------------------------------------
void line(const char *name);
void put(const char *token);
const char *R(long r);            // "N" or "-1 ENAME"
const char *N(long n);            // a number
const char *FD(long r);           // "fd" for a descriptor, else as R
const char *E(int e);             // an errno value's name ("0" for none)
const char *P(int revents);       // poll bits: "IN|OUT|HUP", "0"
const char *EV(uint32_t events);  // epoll bits
const char *MF(int flags);        // msg_flags bits
const char *S(const char *s);     // a string as a token (spaces become _)
const char *BYTES(const void *p, int n); // bytes as hex
const char *NAME(const void *sa, socklen_t len); // "127.0.0.1:L" etc.
const char *FAMILY(const void *sa); // sa_family by name
const char *LOCAL(int fd);        // getsockname's answer: NAME or R
const char *PEER(int fd);         // getpeername's answer
void label(int port, const char *tag);

// ---- sockets -------------------------------------------------------------------------
int tcp4(void);
int tcp6(void);
int udp4(void);
int udp6(void);
int nb(int fd);                   // sets O_NONBLOCK, returns fd
const struct sockaddr *lo4(int port);
const struct sockaddr *any4(int port);
const struct sockaddr *v4(int a, int b, int c, int d, int port);
const struct sockaddr *lo6(int port);
const struct sockaddr *any6(int port);
const struct sockaddr *mapped6(int a, int b, int c, int d, int port);
int port_of(int fd);
int listener4(void);              // TCP, bound to 127.0.0.1:0, listening (backlog 16)
int listener6(void);
int connect4(int port);           // a blocking TCP client connected to 127.0.0.1:port
int accept_one(int l);            // accept with a 2 s bound: the fd, or -1
int closed_port(void);            // a port on 127.0.0.1 nobody listens on
int bound_udp4(void);             // UDP bound to 127.0.0.1:0
void tcp_pair(int fds[3]);        // listener, client, server
void drop_all(int *fds, int n);
void drain_accept(int l, int a);  // closes a (if >= 0) and any connection still queued on l
int readable(int fd, int ms);     // poll for POLLIN up to ms: 1 or 0
int writable(int fd, int ms);
int get_int(int fd, int level, int name);           // the value, or -1000 - errno
int set_int(int fd, int level, int name, int value); // R-style: 0 or -1
void settle(int ms);              // lets loopback traffic land
int set_timeout(int fd, int name, int ms); // SO_RCVTIMEO / SO_SNDTIMEO as a timeval
long now_ms(void);                // the monotonic clock, in milliseconds
const char *TOOK(long ms, long lo, long hi); // "in_time" when lo <= ms < hi, else the figure
#define T(s) (s)                  // a string's bytes (the AssemblyScript twin encodes it)
long send_all(int fd, const void *p, long n);
long fill_send_buffer(int fd);    // a non-blocking fill: the bytes written until EAGAIN
int outside(const char *command); // a client connected to the outside peer (peer.js), which does `command` (RST, FIN, SINK, ECHO)
int reset_connection(void);       // a client whose connection the outside peer has reset (the RST has landed)
extern unsigned char BUF[131072];
extern unsigned char OUT[131072];
#endif
