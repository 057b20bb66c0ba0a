// The C half of the differential suite's helpers (twin: ../as/harness.ts).
#include "harness.h"

unsigned char BUF[131072];
unsigned char OUT[131072];

// ---- answers -------------------------------------------------------------------------
static char current[256];
static char answer[4096];
static int open_line = 0;

static void flush_line(void) {
  if (open_line) printf("%s:%s\n", current, answer);
  open_line = 0;
  fflush(stdout);
}

void line(const char *name) {
  flush_line();
  snprintf(current, sizeof current, "%s", name);
  answer[0] = 0;
  open_line = 1;
}

void put(const char *token) {
  size_t n = strlen(answer);
  snprintf(answer + n, sizeof answer - n, " %s", token);
}

void end_case(void) { flush_line(); }

// Results live in a ring of buffers, so several may be held at once.
static char *slot(void) {
  static char ring[64][512];
  static int next = 0;
  char *s = ring[next];
  next = (next + 1) % 64;
  return s;
}

const char *E(int e) {
  if (e == 0) return "0";
  const char *n = strerrorname_np(e);
  // One name for the aliases both libcs define as one number.
  if (e == EWOULDBLOCK) return "EAGAIN";
  if (e == ENOTSUP) return "EOPNOTSUPP";
  return n ? n : "E?";
}

const char *R(long r) {
  char *s = slot();
  if (r == -1) snprintf(s, 512, "-1/%s", E(errno));
  else snprintf(s, 512, "%ld", r);
  return s;
}

const char *FD(long r) {
  return r >= 0 ? "fd" : R(r);
}

const char *N(long n) {
  char *s = slot();
  snprintf(s, 512, "%ld", n);
  return s;
}

static const char *bits(unsigned v, const unsigned *values, const char *const *names, int count) {
  char *s = slot();
  s[0] = 0;
  for (int i = 0; i < count; i++) {
    if (v & values[i]) {
      if (s[0]) strcat(s, "|");
      strcat(s, names[i]);
      v &= ~values[i];
    }
  }
  if (v) sprintf(s + strlen(s), "%s0x%x", s[0] ? "|" : "", v);
  if (!s[0]) strcpy(s, "0");
  return s;
}

const char *P(int revents) {
  static const unsigned values[] = { POLLIN, POLLPRI, POLLOUT, POLLERR, POLLHUP, POLLNVAL, POLLRDHUP };
  static const char *const names[] = { "IN", "PRI", "OUT", "ERR", "HUP", "NVAL", "RDHUP" };
  // POLLRDNORM/POLLWRNORM are spelled as IN/OUT (wasi-libc defines them as the same bits).
  unsigned v = (unsigned)(unsigned short)revents;
  if (v & POLLRDNORM) v = (v & ~POLLRDNORM) | POLLIN;
  if (v & POLLWRNORM) v = (v & ~POLLWRNORM) | POLLOUT;
  return bits(v, values, names, 7);
}

const char *EV(uint32_t events) {
  static const unsigned values[] = { EPOLLIN, EPOLLPRI, EPOLLOUT, EPOLLERR, EPOLLHUP, EPOLLRDNORM, EPOLLWRNORM, EPOLLRDHUP };
  static const char *const names[] = { "IN", "PRI", "OUT", "ERR", "HUP", "RDNORM", "WRNORM", "RDHUP" };
  return bits(events, values, names, 8);
}

const char *MF(int flags) {
  static const unsigned values[] = { MSG_OOB, MSG_PEEK, MSG_DONTROUTE, MSG_CTRUNC, MSG_TRUNC, MSG_DONTWAIT, MSG_EOR, MSG_WAITALL, MSG_NOSIGNAL };
  static const char *const names[] = { "OOB", "PEEK", "DONTROUTE", "CTRUNC", "TRUNC", "DONTWAIT", "EOR", "WAITALL", "NOSIGNAL" };
  return bits((unsigned)flags, values, names, 9);
}

const char *S(const char *text) {
  char *s = slot();
  snprintf(s, 512, "%s", text[0] ? text : "''");
  for (char *c = s; *c; c++) if (*c == ' ') *c = '_';
  return s;
}

const char *BYTES(const void *p, int n) {
  char *s = slot();
  s[0] = 0;
  if (n > 200) n = 200;
  for (int i = 0; i < n; i++) sprintf(s + 2 * i, "%02x", ((const unsigned char *)p)[i]);
  if (n == 0) strcpy(s, "''");
  return s;
}

// Ports are ephemeral: a name shows a port by its label, "0", or "eph".
static int labelled_port[16];
static const char *labels[16];
static int label_count = 0;

void label(int port, const char *tag) {
  for (int i = 0; i < label_count; i++) if (labelled_port[i] == port) { labels[i] = tag; return; }
  if (label_count < 16) { labelled_port[label_count] = port; labels[label_count++] = tag; }
}

static const char *port_name(int port) {
  if (port == 0) return "0";
  for (int i = 0; i < label_count; i++) if (labelled_port[i] == port) return labels[i];
  return "eph";
}

const char *FAMILY(const void *sa) {
  int f = ((const struct sockaddr *)sa)->sa_family;
  return f == AF_INET ? "AF_INET" : f == AF_INET6 ? "AF_INET6" : f == AF_UNSPEC ? "AF_UNSPEC" : N(f);
}

const char *NAME(const void *sa, socklen_t len) {
  char *s = slot();
  const struct sockaddr *a = sa;
  char ip[64];
  if (len == 0) return "len=0";
  if (a->sa_family == AF_INET && len >= sizeof(struct sockaddr_in)) {
    const struct sockaddr_in *in = sa;
    inet_ntop(AF_INET, &in->sin_addr, ip, sizeof ip);
    snprintf(s, 512, "%s:%s", ip, port_name(ntohs(in->sin_port)));
  } else if (a->sa_family == AF_INET6 && len >= sizeof(struct sockaddr_in6)) {
    const struct sockaddr_in6 *in6 = sa;
    inet_ntop(AF_INET6, &in6->sin6_addr, ip, sizeof ip);
    snprintf(s, 512, "[%s]:%s/fl=%u/sc=%u", ip, port_name(ntohs(in6->sin6_port)), ntohl(in6->sin6_flowinfo), in6->sin6_scope_id);
  } else if (a->sa_family == AF_UNSPEC) {
    snprintf(s, 512, "unspec/len=%u", len);
  } else {
    snprintf(s, 512, "family=%d/len=%u", a->sa_family, len);
  }
  return s;
}

static const char *name_via(int fd, int (*get)(int, struct sockaddr *, socklen_t *)) {
  struct sockaddr_storage ss;
  memset(&ss, 0, sizeof ss);
  socklen_t len = sizeof ss;
  int r = get(fd, (struct sockaddr *)&ss, &len);
  if (r != 0) return R(r);
  return NAME(&ss, len);
}

const char *LOCAL(int fd) { return name_via(fd, getsockname); }
const char *PEER(int fd) { return name_via(fd, getpeername); }

// ---- sockets -------------------------------------------------------------------------
int tcp4(void) { return socket(AF_INET, SOCK_STREAM, 0); }
int tcp6(void) { return socket(AF_INET6, SOCK_STREAM, 0); }
int udp4(void) { return socket(AF_INET, SOCK_DGRAM, 0); }
int udp6(void) { return socket(AF_INET6, SOCK_DGRAM, 0); }

int nb(int fd) {
  fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
  return fd;
}

static struct sockaddr_in6 *addr_slot(void) {
  static struct sockaddr_in6 ring[16];
  static int next = 0;
  struct sockaddr_in6 *a = &ring[next];
  next = (next + 1) % 16;
  memset(a, 0, sizeof *a);
  return a;
}

const struct sockaddr *v4(int a, int b, int c, int d, int port) {
  struct sockaddr_in *in = (struct sockaddr_in *)addr_slot();
  in->sin_family = AF_INET;
  in->sin_port = htons(port);
  in->sin_addr.s_addr = htonl(((uint32_t)a << 24) | ((uint32_t)b << 16) | ((uint32_t)c << 8) | (uint32_t)d);
  return (const struct sockaddr *)in;
}

const struct sockaddr *lo4(int port) { return v4(127, 0, 0, 1, port); }
const struct sockaddr *any4(int port) { return v4(0, 0, 0, 0, port); }

const struct sockaddr *lo6(int port) {
  struct sockaddr_in6 *in6 = addr_slot();
  in6->sin6_family = AF_INET6;
  in6->sin6_port = htons(port);
  in6->sin6_addr.s6_addr[15] = 1;
  return (const struct sockaddr *)in6;
}

const struct sockaddr *any6(int port) {
  struct sockaddr_in6 *in6 = addr_slot();
  in6->sin6_family = AF_INET6;
  in6->sin6_port = htons(port);
  return (const struct sockaddr *)in6;
}

const struct sockaddr *mapped6(int a, int b, int c, int d, int port) {
  struct sockaddr_in6 *in6 = addr_slot();
  in6->sin6_family = AF_INET6;
  in6->sin6_port = htons(port);
  in6->sin6_addr.s6_addr[10] = 0xff;
  in6->sin6_addr.s6_addr[11] = 0xff;
  in6->sin6_addr.s6_addr[12] = a;
  in6->sin6_addr.s6_addr[13] = b;
  in6->sin6_addr.s6_addr[14] = c;
  in6->sin6_addr.s6_addr[15] = d;
  return (const struct sockaddr *)in6;
}

int port_of(int fd) {
  struct sockaddr_storage ss;
  socklen_t len = sizeof ss;
  if (getsockname(fd, (struct sockaddr *)&ss, &len) != 0) return -1;
  return ntohs(((struct sockaddr_in *)&ss)->sin_port); // sin_port and sin6_port share the offset
}

int listener4(void) {
  int l = tcp4();
  bind(l, lo4(0), SIN);
  listen(l, 16);
  return l;
}

int listener6(void) {
  int l = tcp6();
  bind(l, lo6(0), SIN6);
  listen(l, 16);
  return l;
}

int connect4(int port) {
  int c = tcp4();
  connect(c, lo4(port), SIN);
  return c;
}

int accept_one(int l) {
  if (!readable(l, 2000)) return -1;
  return accept(l, NULL, NULL);
}

int closed_port(void) {
  int s = tcp4();
  bind(s, lo4(0), SIN);
  int port = port_of(s);
  close(s);
  return port;
}

int bound_udp4(void) {
  int u = udp4();
  bind(u, lo4(0), SIN);
  return u;
}

void tcp_pair(int fds[3]) {
  fds[0] = listener4();
  fds[1] = connect4(port_of(fds[0]));
  fds[2] = accept_one(fds[0]);
}

void drop_all(int *fds, int n) {
  for (int i = 0; i < n; i++) if (fds[i] >= 0) close(fds[i]);
}

void drain_accept(int l, int a) {
  if (a >= 0) close(a);
  int flags = fcntl(l, F_GETFL);
  fcntl(l, F_SETFL, flags | O_NONBLOCK);
  while ((a = accept(l, NULL, NULL)) >= 0) close(a);
  fcntl(l, F_SETFL, flags);
}

static int wait_for(int fd, short events, int ms) {
  struct pollfd p = { fd, events, 0 };
  return poll(&p, 1, ms) == 1 && (p.revents & (events | POLLERR | POLLHUP)) != 0;
}

int readable(int fd, int ms) { return wait_for(fd, POLLIN, ms); }
int writable(int fd, int ms) { return wait_for(fd, POLLOUT, ms); }

int get_int(int fd, int level, int name) {
  int v = 0;
  socklen_t len = sizeof v;
  if (getsockopt(fd, level, name, &v, &len) != 0) return -1000 - errno;
  return v;
}

int set_int(int fd, int level, int name, int value) {
  return setsockopt(fd, level, name, &value, sizeof value);
}

void settle(int ms) { poll(NULL, 0, ms); }

long now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

const char *TOOK(long ms, long lo, long hi) {
  if (ms >= lo && ms < hi) return "in_time";
  char *s = slot();
  snprintf(s, 512, "took_%ldms", ms);
  return s;
}

int set_timeout(int fd, int name, int ms) {
  struct timeval tv = { ms / 1000, (ms % 1000) * 1000 };
  return setsockopt(fd, SOL_SOCKET, name, &tv, sizeof tv);
}

long send_all(int fd, const void *p, long n) {
  long done = 0;
  while (done < n) {
    long k = send(fd, (const char *)p + done, n - done, 0);
    if (k <= 0) return done > 0 ? done : k;
    done += k;
  }
  return done;
}

long fill_send_buffer(int fd) {
  long total = 0;
  for (int idle = 0; idle < 3;) {
    long k = send(fd, BUF, sizeof BUF, MSG_DONTWAIT);
    if (k > 0) { total += k; idle = 0; continue; }
    if (k < 0 && errno != EAGAIN) break;
    idle++;
    settle(20);
  }
  return total;
}

static int peer_port = 0;

int outside(const char *command) {
  int c = connect4(peer_port);
  char line[64];
  snprintf(line, sizeof line, "%s\n", command);
  send(c, line, strlen(line), 0);
  return c;
}

int reset_connection(void) {
  int c = outside("RST");
  readable(c, 2000);
  settle(20);
  return c;
}

// ---- main ----------------------------------------------------------------------------
extern const struct group *const GROUPS[];
extern const int GROUP_COUNT;

int main(int argc, char **argv) {
  int from = 0;
  const char *only = NULL;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--from") && i + 1 < argc) from = atoi(argv[++i]);
    else if (!strcmp(argv[i], "--only") && i + 1 < argc) only = argv[++i];
    else if (!strcmp(argv[i], "--list")) only = "";
    else if (!strcmp(argv[i], "--peer") && i + 1 < argc) peer_port = atoi(argv[++i]);
  }
  // WASI has no signals: a write to a closed connection is EPIPE, as here with SIGPIPE ignored.
  signal(SIGPIPE, SIG_IGN);
  setvbuf(stdout, NULL, _IOLBF, 0);
  int index = 0;
  for (int g = 0; g < GROUP_COUNT; g++) {
    for (int i = 0; i < GROUPS[g]->count; i++, index++) {
      const struct case_entry *c = &GROUPS[g]->cases[i];
      if (index < from) continue;
      if (only && strcmp(only, c->name) != 0) {
        if (!only[0]) printf("%d %s.%s\n", index, GROUPS[g]->name, c->name);
        continue;
      }
      printf("#%d %s\n", index, c->name);
      label_count = 0;
      alarm(20);
      c->fn();
      end_case();
      alarm(0);
    }
  }
  printf("#end\n");
  return 0;
}
