// The floor: the same TCP echo loop as examples/echo-server.ts, written
// directly on the raw bindings (assembly/wasi/) with no POSIX layer — one
// read into a buffer the host fills, then check-write/write until it is all
// out, never flushing. `npm run bench` compares the POSIX echo against it.
//
//   args: port clients (0: any free port; 0 clients: serve until stopped)
import { RET, isOk, lendNextList, endLending } from "as-posix-sockets/assembly/wasi/abi";
import { IpSocketAddress } from "as-posix-sockets/assembly/wasi/address";
import { instance_network } from "as-posix-sockets/assembly/wasi/sockets/instance-network";
import { create_tcp_socket } from "as-posix-sockets/assembly/wasi/sockets/tcp-create-socket";
import * as tcp from "as-posix-sockets/assembly/wasi/sockets/tcp";
import * as streams from "as-posix-sockets/assembly/wasi/io/streams";
import { pollable_block, pollable_drop } from "as-posix-sockets/assembly/wasi/io/poll";

const BUF_SIZE: u32 = 65536;

export function main(): i32 {
  const args = process.argv;
  const port = args.length > 1 ? <u16>I32.parseInt(args[1]) : <u16>0;
  const clients = args.length > 2 ? I32.parseInt(args[2]) : 1;
  const net = instance_network();
  create_tcp_socket(0, RET);
  const listener = load<u32>(RET, 4);
  const a = new IpSocketAddress();
  a.setIpv4(127, 0, 0, 1, port);
  tcp.tcp_socket_start_bind_address(listener, net, a, RET);
  tcp.tcp_socket_finish_bind(listener, RET);
  tcp.tcp_socket_start_listen(listener, RET);
  tcp.tcp_socket_finish_listen(listener, RET);
  tcp.tcp_socket_local_address(listener, RET);
  console.log(`PORT ${load<u16>(RET, 8)}`);
  const onListener = tcp.tcp_socket_subscribe(listener);
  const buf = heap.alloc(BUF_SIZE);
  for (let served = 0; clients == 0 || served < clients; served++) {
    while (true) {
      tcp.tcp_socket_accept(listener, RET);
      if (isOk()) break;
      pollable_block(onListener);
    }
    const conn = load<u32>(RET, 4), input = load<u32>(RET, 8), output = load<u32>(RET, 12);
    const onInput = streams.input_stream_subscribe(input);
    const onOutput = streams.output_stream_subscribe(output);
    while (true) {
      lendNextList(buf, BUF_SIZE);
      streams.input_stream_read(input, BUF_SIZE, RET);
      endLending();
      if (!isOk()) break; // closed or failed
      const n = load<u32>(RET, 8);
      if (n == 0) {
        pollable_block(onInput);
        continue;
      }
      let sent: u32 = 0;
      while (sent < n) {
        streams.output_stream_check_write(output, RET);
        if (!isOk()) break;
        const budget = <u32>min<u64>(load<u64>(RET, 8), <u64>(n - sent));
        if (budget == 0) {
          pollable_block(onOutput);
          continue;
        }
        streams.output_stream_write(output, buf + sent, budget, RET);
        sent += budget;
      }
    }
    streams.output_stream_blocking_flush(output, RET);
    pollable_drop(onInput);
    pollable_drop(onOutput);
    streams.input_stream_drop(input);
    streams.output_stream_drop(output);
    tcp.tcp_socket_drop(conn);
  }
  return 0;
}
