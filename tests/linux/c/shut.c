// (twin: ../as/shut.ts)
#include "harness.h"

static void first(void) {
  int s = udp4();
  line("shut.first"); put(FD(s));
  close(s);
}

GROUP(shut, C(first));
