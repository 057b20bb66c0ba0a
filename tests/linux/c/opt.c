// (twin: ../as/opt.ts)
#include "harness.h"

static void first(void) {
  int s = udp4();
  line("opt.first"); put(FD(s));
  close(s);
}

GROUP(opt, C(first));
