// <sys/time.h> (the struct SO_RCVTIMEO and SO_SNDTIMEO take)
export { timeval } from "../../assembly/defs/time";
