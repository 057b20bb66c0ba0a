// The list of groups, in the order ../as/groups.ts lists them.
#include "harness.h"

extern const struct group GROUP_tcp, GROUP_udp, GROUP_msg, GROUP_opt, GROUP_fd, GROUP_shut, GROUP_poll, GROUP_epoll,
  GROUP_names, GROUP_timeo;

const struct group *const GROUPS[] = {
  &GROUP_tcp, &GROUP_udp, &GROUP_msg, &GROUP_opt, &GROUP_fd, &GROUP_shut, &GROUP_poll, &GROUP_epoll, &GROUP_names,
  &GROUP_timeo,
};
const int GROUP_COUNT = sizeof GROUPS / sizeof GROUPS[0];
