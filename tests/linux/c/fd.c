// (twin: ../as/fd.ts)
#include "harness.h"

static void first(void) {
  int s = udp4();
  line("fd.first"); put(FD(s));
  close(s);
}

GROUP(fd, C(first));
