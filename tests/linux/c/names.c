// (twin: ../as/names.ts)
#include "harness.h"

static void first(void) {
  int s = udp4();
  line("names.first"); put(FD(s));
  close(s);
}

GROUP(names, C(first));
