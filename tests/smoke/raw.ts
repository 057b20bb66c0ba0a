// Smoke program on the raw bindings alone (no POSIX layer), in one source
// that builds in both program styles: it uses only console.log and
// process.argv, which wasi-shim and the library's p2 runtime both provide.
//
//   raw echo      listen on 127.0.0.1:0, print "PORT n", echo one client until EOF, print "ECHOED bytes"
//   raw resolve   resolve "localhost", print "ADDR a.b.c.d" / "ADDR x:…" per address, then "RESOLVED n"
//   raw udp       bind 127.0.0.1:0, print "PORT n", send the first datagram back to its sender, print "UDP len"
import { instance_network } from "as-posix-sockets/assembly/wasi/sockets/instance-network";
import { network_drop } from "as-posix-sockets/assembly/wasi/sockets/network";
import * as tcp from "as-posix-sockets/assembly/wasi/sockets/tcp";
import { create_tcp_socket } from "as-posix-sockets/assembly/wasi/sockets/tcp-create-socket";
import * as udp from "as-posix-sockets/assembly/wasi/sockets/udp";
import { create_udp_socket } from "as-posix-sockets/assembly/wasi/sockets/udp-create-socket";
import * as lookup from "as-posix-sockets/assembly/wasi/sockets/ip-name-lookup";
import * as streams from "as-posix-sockets/assembly/wasi/io/streams";
import { pollable_block, pollable_drop } from "as-posix-sockets/assembly/wasi/io/poll";
import { RET } from "as-posix-sockets/assembly/wasi/abi";
import { IpSocketAddress } from "as-posix-sockets/assembly/wasi/address";

function fail(what: string, code: i32): void {
  console.log(`FAIL ${what} ${code}`);
  process.exit(1);
}

function waitOn(pollable: u32): void {
  pollable_block(pollable);
  pollable_drop(pollable);
}

function loopback(port: u16): IpSocketAddress {
  const a = new IpSocketAddress();
  a.setIpv4(127, 0, 0, 1, port);
  return a;
}

function echo(): void {
  const net = instance_network();
  create_tcp_socket(0 /* ipv4 */, RET);
  if (load<u8>(RET) != 0) return fail("create", load<u8>(RET, 4));
  const sock = load<u32>(RET, 4);
  tcp.tcp_socket_start_bind_address(sock, net, loopback(0), RET);
  if (load<u8>(RET) != 0) return fail("start-bind", load<u8>(RET, 1));
  tcp.tcp_socket_finish_bind(sock, RET);
  if (load<u8>(RET) != 0) return fail("finish-bind", load<u8>(RET, 1));
  tcp.tcp_socket_start_listen(sock, RET);
  if (load<u8>(RET) != 0) return fail("start-listen", load<u8>(RET, 1));
  tcp.tcp_socket_finish_listen(sock, RET);
  if (load<u8>(RET) != 0) return fail("finish-listen", load<u8>(RET, 1));
  tcp.tcp_socket_local_address(sock, RET);
  const local = new IpSocketAddress();
  local.readFrom(RET + 4);
  console.log(`PORT ${local.port}`);

  // accept: would-block until a client arrives
  while (true) {
    tcp.tcp_socket_accept(sock, RET);
    if (load<u8>(RET) == 0) break;
    if (load<u8>(RET, 4) != 8 /* would-block */) return fail("accept", load<u8>(RET, 4));
    waitOn(tcp.tcp_socket_subscribe(sock));
  }
  const client = load<u32>(RET, 4);
  const input = load<u32>(RET, 8);
  const output = load<u32>(RET, 12);

  let total: u64 = 0;
  while (true) {
    streams.input_stream_read(input, 65536, RET);
    if (load<u8>(RET) != 0) {
      if (load<u8>(RET, 4) == 1) break; // closed: the peer finished sending
      return fail("read", -1);
    }
    const ptr = load<u32>(RET, 4);
    const len = load<u32>(RET, 8);
    if (len == 0) {
      heap.free(ptr);
      waitOn(streams.input_stream_subscribe(input));
      continue;
    }
    let off: u32 = 0;
    while (off < len) {
      streams.output_stream_check_write(output, RET);
      if (load<u8>(RET) != 0) return fail("check-write", -1);
      const budget = load<u64>(RET, 8);
      if (budget == 0) {
        waitOn(streams.output_stream_subscribe(output));
        continue;
      }
      const n = <u32>min<u64>(budget, <u64>(len - off));
      streams.output_stream_write(output, ptr + off, n, RET);
      if (load<u8>(RET) != 0) return fail("write", -1);
      off += n;
    }
    heap.free(ptr);
    total += len;
  }
  streams.output_stream_blocking_flush(output, RET);
  // Children before parents: streams, then the sockets.
  streams.input_stream_drop(input);
  streams.output_stream_drop(output);
  tcp.tcp_socket_drop(client);
  tcp.tcp_socket_drop(sock);
  network_drop(net);
  console.log(`ECHOED ${total}`);
}

function resolve(): void {
  const net = instance_network();
  const name = String.UTF8.encode("localhost");
  lookup.resolve_addresses(net, changetype<usize>(name), name.byteLength, RET);
  if (load<u8>(RET) != 0) return fail("resolve-addresses", load<u8>(RET, 4));
  const stream = load<u32>(RET, 4);
  let count = 0;
  const addr = new IpSocketAddress();
  while (true) {
    lookup.resolve_address_stream_resolve_next_address(stream, RET);
    if (load<u8>(RET) != 0) {
      const code = load<u8>(RET, 2);
      if (code != 8 /* would-block */) return fail("resolve-next-address", code);
      waitOn(lookup.resolve_address_stream_subscribe(stream));
      continue;
    }
    if (load<u8>(RET, 2) == 0) break; // none: the stream is exhausted
    addr.readIpAddressFrom(RET + 4);
    console.log(`ADDR ${addr.ipToString()}`);
    count++;
  }
  lookup.resolve_address_stream_drop(stream);
  network_drop(net);
  console.log(`RESOLVED ${count}`);
}

function udpRoundTrip(): void {
  const net = instance_network();
  create_udp_socket(0, RET);
  if (load<u8>(RET) != 0) return fail("create", load<u8>(RET, 4));
  const sock = load<u32>(RET, 4);
  udp.udp_socket_start_bind_address(sock, net, loopback(0), RET);
  if (load<u8>(RET) != 0) return fail("start-bind", load<u8>(RET, 1));
  udp.udp_socket_finish_bind(sock, RET);
  if (load<u8>(RET) != 0) return fail("finish-bind", load<u8>(RET, 1));
  udp.udp_socket_stream_address(sock, null, RET);
  if (load<u8>(RET) != 0) return fail("stream", load<u8>(RET, 4));
  const incoming = load<u32>(RET, 4);
  const outgoing = load<u32>(RET, 8);
  udp.udp_socket_local_address(sock, RET);
  const local = new IpSocketAddress();
  local.readFrom(RET + 4);
  console.log(`PORT ${local.port}`);

  // receive(1): an empty list means nothing has arrived yet.
  let list: usize = 0;
  while (true) {
    udp.incoming_datagram_stream_receive(incoming, 1, RET);
    if (load<u8>(RET) != 0) return fail("receive", load<u8>(RET, 4));
    if (load<u32>(RET, 8) == 1) { list = load<u32>(RET, 4); break; }
    waitOn(udp.incoming_datagram_stream_subscribe(incoming));
  }
  const data = load<u32>(list, 0);
  const len = load<u32>(list, 4);
  const from = new IpSocketAddress();
  from.readFrom(list + 8);

  while (true) {
    udp.outgoing_datagram_stream_check_send(outgoing, RET);
    if (load<u8>(RET) != 0) return fail("check-send", load<u8>(RET, 8));
    if (load<u64>(RET, 8) > 0) break;
    waitOn(udp.outgoing_datagram_stream_subscribe(outgoing));
  }
  // One outgoing-datagram (44 bytes): data, then option<ip-socket-address> = some(from).
  const out = heap.alloc(44);
  store<u32>(out, data, 0);
  store<u32>(out, len, 4);
  store<u8>(out, 1, 8);
  from.writeTo(out + 12);
  udp.outgoing_datagram_stream_send(outgoing, out, 1, RET);
  if (load<u8>(RET) != 0) return fail("send", load<u8>(RET, 8));
  heap.free(out);
  heap.free(data);
  heap.free(list);
  udp.incoming_datagram_stream_drop(incoming);
  udp.outgoing_datagram_stream_drop(outgoing);
  udp.udp_socket_drop(sock);
  network_drop(net);
  console.log(`UDP ${len}`);
}

function run(): void {
  const args = process.argv;
  const mode = args.length > 1 ? args[args.length - 1] : "";
  if (mode == "echo") echo();
  else if (mode == "resolve") resolve();
  else if (mode == "udp") udpRoundTrip();
  else fail(`usage: raw echo|resolve|udp (got "${mode}")`, 2);
}

// The entry in both styles (the build's transform calls it after the top level).
export function main(): i32 {
  run();
  return 0;
}
