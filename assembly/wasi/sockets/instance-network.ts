// wasi:sockets/instance-network@0.2.0

import { network } from "./network";

/**
 * The network the component instance was given.
 * WIT: `instance-network: func() -> network`
 */
// @ts-ignore: decorator
@external("wasi:sockets/instance-network@0.2.0", "instance-network")
export declare function instance_network(): network;
