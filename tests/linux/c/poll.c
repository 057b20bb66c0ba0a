// (twin: ../as/poll.ts)
#include "harness.h"

static void first(void) {
  int s = udp4();
  line("poll.first"); put(FD(s));
  close(s);
}

GROUP(poll, C(first));
