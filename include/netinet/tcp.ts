// <netinet/tcp.h>
export {
  TCP_NODELAY, TCP_MAXSEG, TCP_CORK, TCP_KEEPIDLE, TCP_KEEPINTVL, TCP_KEEPCNT,
  TCP_INFO, TCP_USER_TIMEOUT, TCP_FASTOPEN,
} from "../../assembly/defs/in";
