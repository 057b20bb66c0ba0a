// (twin: ../as/epoll.ts)
#include "harness.h"

static void first(void) {
  int s = udp4();
  line("epoll.first"); put(FD(s));
  close(s);
}

GROUP(epoll, C(first));
