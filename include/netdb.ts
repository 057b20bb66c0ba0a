// <netdb.h>
export {
  AI_PASSIVE, AI_CANONNAME, AI_NUMERICHOST, AI_V4MAPPED, AI_ALL, AI_ADDRCONFIG, AI_NUMERICSERV,
  NI_NUMERICHOST, NI_NUMERICSERV, NI_NOFQDN, NI_NAMEREQD, NI_DGRAM, NI_MAXHOST, NI_MAXSERV,
  EAI_BADFLAGS, EAI_NONAME, EAI_AGAIN, EAI_FAIL, EAI_FAMILY, EAI_SOCKTYPE, EAI_SERVICE, EAI_ADDRFAMILY, EAI_MEMORY, EAI_SYSTEM, EAI_OVERFLOW,
  HOST_NOT_FOUND, TRY_AGAIN, NO_RECOVERY, NO_DATA,
  addrinfo, hostent, servent, protoent,
} from "../assembly/defs/netdb";
export { getaddrinfo, freeaddrinfo, gai_strerror, getnameinfo } from "../assembly/posix/netdb";
export {
  h_errno, gethostbyname, gethostbyname2, gethostbyaddr, getservbyname, getservbyport, getprotobyname, getprotobynumber,
} from "../assembly/posix/hostdb";
