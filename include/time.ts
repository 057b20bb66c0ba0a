// <time.h> (the struct the socket calls take)
export { timespec } from "../assembly/defs/time";
