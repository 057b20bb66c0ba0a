// (twin: ../as/udp.ts)
#include "harness.h"

static void first(void) {
  int s = udp4();
  line("udp.first"); put(FD(s));
  close(s);
}

GROUP(udp, C(first));
