// (twin: ../as/msg.ts)
#include "harness.h"

static void first(void) {
  int s = udp4();
  line("msg.first"); put(FD(s));
  close(s);
}

GROUP(msg, C(first));
