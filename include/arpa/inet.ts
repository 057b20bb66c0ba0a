// <arpa/inet.h>
export { htons, ntohs, htonl, ntohl } from "../../assembly/posix/byteorder";
