// <arpa/inet.h>
export { htons, ntohs, htonl, ntohl } from "../../assembly/posix/byteorder";
export { inet_pton, inet_ntop, inet_aton, inet_addr, inet_ntoa, INADDR_NONE } from "../../assembly/posix/inet";
export { INET_ADDRSTRLEN, INET6_ADDRSTRLEN } from "../../assembly/defs/in";
