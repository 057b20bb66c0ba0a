// (twin: ../as/timeo.ts)
#include "harness.h"

static void first(void) {
  int s = udp4();
  line("timeo.first"); put(FD(s));
  close(s);
}

GROUP(timeo, C(first));
