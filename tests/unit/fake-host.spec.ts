// The scripted fake host itself, driven through the raw bindings
// (assembly/wasi): the TCP server life cycle with scripted would-blocks,
// chunked input and write budgets; WASI's drop-order rule; scripted and
// modelled errors; waits that could never end; UDP and name lookup.
import { RET, isOk, errorCodeAt, PAYLOAD_1, PAYLOAD_4, PAYLOAD_8, freeList } from "../../assembly/wasi/abi";
import { IpSocketAddress, ip_address_family } from "../../assembly/wasi/address";
import { instance_network } from "../../assembly/wasi/sockets/instance-network";
import { network_drop, error_code } from "../../assembly/wasi/sockets/network";
import { create_tcp_socket } from "../../assembly/wasi/sockets/tcp-create-socket";
import { create_udp_socket } from "../../assembly/wasi/sockets/udp-create-socket";
import * as tcp from "../../assembly/wasi/sockets/tcp";
import * as udp from "../../assembly/wasi/sockets/udp";
import * as lookup from "../../assembly/wasi/sockets/ip-name-lookup";
import * as streams from "../../assembly/wasi/io/streams";
import { poll, pollable_block, pollable_ready, pollable_drop } from "../../assembly/wasi/io/poll";
import { subscribe_duration, now } from "../../assembly/wasi/clocks/monotonic-clock";
import { error_drop, error_to_debug_string } from "../../assembly/wasi/io/error";
import {
  fake_reset, fake_reset_calls, fake_live_handles, fake_live_of, fake_is_live, fake_calls, fake_total_calls,
  fake_fail_next, fake_fail_stream_next, fake_would_block, fake_queue_connection, fake_close_input,
  fake_reset_peer, fake_set_write_budget, fake_stream_of, fake_queue_datagram, fake_set_send_budget,
  fake_sent_count, fake_sent_datagram, fake_sent_port, fake_add_host_v4, fake_advance_clock, fake_now,
  fakeDeliverText, fakeWrittenText,
} from "./fake-host";

// as-pect closures cannot capture locals: handles used inside throwing callbacks live here.
let net: u32 = 0;
let listener: u32 = 0;
let client: u32 = 0;
let input: u32 = 0;
let output: u32 = 0;
let pollable: u32 = 0;
let other: u32 = 0;
const list: usize = heap.alloc(64);

function loopback(port: u16): IpSocketAddress {
  const a = new IpSocketAddress();
  a.setIpv4(127, 0, 0, 1, port);
  return a;
}

function v4(a: u8, b: u8, c: u8, d: u8, port: u16): IpSocketAddress {
  const x = new IpSocketAddress();
  x.setIpv4(a, b, c, d, port);
  return x;
}

function newTcp(): u32 {
  create_tcp_socket(ip_address_family.ipv4, RET);
  expect(isOk()).toBe(true, "create-tcp-socket");
  return load<u32>(RET, PAYLOAD_4);
}

/** start-bind + finish-bind; the error-code of the failing step, or -1. */
function bindTcp(s: u32, a: IpSocketAddress): i32 {
  tcp.tcp_socket_start_bind_address(s, net, a, RET);
  if (!isOk()) return errorCodeAt(PAYLOAD_1);
  tcp.tcp_socket_finish_bind(s, RET);
  return isOk() ? -1 : errorCodeAt(PAYLOAD_1);
}

function listenTcp(s: u32): i32 {
  tcp.tcp_socket_start_listen(s, RET);
  if (!isOk()) return errorCodeAt(PAYLOAD_1);
  tcp.tcp_socket_finish_listen(s, RET);
  return isOk() ? -1 : errorCodeAt(PAYLOAD_1);
}

function localPort(s: u32): u16 {
  tcp.tcp_socket_local_address(s, RET);
  expect(isOk()).toBe(true, "local-address");
  const a = new IpSocketAddress();
  a.readFrom(RET + PAYLOAD_4);
  return a.port;
}

/** A listener on 127.0.0.1:<ephemeral> in `listener`. */
function listenOnLoopback(): void {
  net = instance_network();
  listener = newTcp();
  expect(bindTcp(listener, loopback(0))).toBe(-1, "bind");
  expect(listenTcp(listener)).toBe(-1, "listen");
}

/** Accepts one queued connection into client/input/output. */
function acceptOne(): void {
  tcp.tcp_socket_accept(listener, RET);
  expect(isOk()).toBe(true, "accept");
  client = load<u32>(RET, 4);
  input = load<u32>(RET, 8);
  output = load<u32>(RET, 12);
}

/** Reads once; the bytes as text, or null for a stream error (case left at RET + 4). */
function readText(max: u64): string | null {
  streams.input_stream_read(input, max, RET);
  if (!isOk()) return null;
  const ptr = load<u32>(RET, 4);
  const text = String.UTF8.decodeUnsafe(ptr, load<u32>(RET, 8));
  freeList(ptr);
  return text;
}

function writeText(text: string): bool {
  const data = String.UTF8.encode(text);
  streams.output_stream_write(output, changetype<usize>(data), data.byteLength, RET);
  return isOk();
}

function checkWrite(): u64 {
  streams.output_stream_check_write(output, RET);
  expect(isOk()).toBe(true, "check-write");
  return load<u64>(RET, PAYLOAD_8);
}

/** Drops the accepted connection and the listener children-first. */
function releaseServer(): void {
  streams.input_stream_drop(input);
  streams.output_stream_drop(output);
  tcp.tcp_socket_drop(client);
  tcp.tcp_socket_drop(listener);
  network_drop(net);
}

describe("fake host: a TCP server through the raw bindings", () => {
  beforeEach(() => fake_reset());

  it("binds 127.0.0.1:0, listens, accepts after two would-blocks, reads chunks, writes within check-write, releases children first", () => {
    listenOnLoopback();
    const port = localPort(listener);
    expect(port).toBeGreaterThan(0, "an ephemeral port was picked");
    expect(tcp.tcp_socket_is_listening(listener)).toBe(true);

    // accept: would-block twice, then a socket and its two streams
    fake_queue_connection(listener);
    fake_would_block("[method]tcp-socket.accept", 2);
    pollable = tcp.tcp_socket_subscribe(listener);
    tcp.tcp_socket_accept(listener, RET);
    expect(isOk()).toBe(false);
    expect(errorCodeAt(PAYLOAD_4)).toBe(error_code.would_block);
    expect(pollable_ready(pollable)).toBe(false, "one scripted would-block left");
    tcp.tcp_socket_accept(listener, RET);
    expect(errorCodeAt(PAYLOAD_4)).toBe(error_code.would_block);
    expect(pollable_ready(pollable)).toBe(true, "the script is used up and a client waits");
    acceptOne();
    expect(fake_calls("[method]tcp-socket.accept")).toBe(3);
    expect(fake_live_of("tcp-socket")).toBe(2);
    expect(fake_stream_of(client, 0)).toBe(input);
    expect(fake_stream_of(client, 1)).toBe(output);
    tcp.tcp_socket_remote_address(client, RET);
    expect(isOk()).toBe(true, "an accepted socket is connected");

    // read: one read returns at most one delivered chunk
    fakeDeliverText(input, "hello world", 4);
    expect(readText(100)).toBe("hell");
    expect(readText(2)).toBe("o ", "at most len");
    expect(readText(100)).toBe("wo", "the rest of the chunk");
    expect(readText(100)).toBe("rld");
    expect(readText(100)).toBe("", "nothing delivered: an empty list, not an error");
    fake_close_input(input);
    expect(readText(100)).toBeNull("the peer closed");
    expect(load<u8>(RET, 4)).toBe(streams.stream_error.closed);

    // write: never more than check-write permitted
    fake_set_write_budget(output, 5);
    expect(checkWrite()).toBe(5);
    expect(writeText("abcde")).toBe(true);
    expect(checkWrite()).toBe(5);
    expect(writeText("fgh")).toBe(true);
    expect(fakeWrittenText(output)).toBe("abcdefgh");

    // release: pollables, then streams, then sockets
    const readable = streams.input_stream_subscribe(input);
    expect(fake_live_of("pollable")).toBe(2);
    pollable_drop(readable);
    pollable_drop(pollable);
    releaseServer();
    expect(fake_live_handles()).toBe(0, "every handle released");
    expect(fake_live_of("network")).toBe(0);
  });

  it("blocking on the listener's pollable uses the scripted would-blocks up", () => {
    listenOnLoopback();
    fake_queue_connection(listener);
    fake_would_block("[method]tcp-socket.accept", 5);
    pollable = tcp.tcp_socket_subscribe(listener);
    expect(pollable_ready(pollable)).toBe(false);
    pollable_block(pollable);
    expect(pollable_ready(pollable)).toBe(true);
    acceptOne();
    pollable_drop(pollable);
    releaseServer();
    expect(fake_live_handles()).toBe(0);
  });

  it("writing more than check-write permitted traps", () => {
    listenOnLoopback();
    fake_queue_connection(listener);
    acceptOne();
    fake_set_write_budget(output, 5);
    expect(checkWrite()).toBe(5);
    expect(() => { writeText("abcdef"); }).toThrow("6 bytes > 5 permitted");
    expect(() => { writeText("a"); }).not.toThrow("within what is left");
  });

  it("a scripted start-bind failure comes back as its error-code, once", () => {
    net = instance_network();
    const s = newTcp();
    fake_fail_next("[method]tcp-socket.start-bind", error_code.address_in_use, 1);
    tcp.tcp_socket_start_bind_address(s, net, loopback(8080), RET);
    expect(isOk()).toBe(false);
    expect(errorCodeAt(PAYLOAD_1)).toBe(error_code.address_in_use);
    expect(bindTcp(s, loopback(8080))).toBe(-1, "the next call reaches the model: the socket is still unbound");
    expect(localPort(s)).toBe(8080);
    expect(fake_calls("[method]tcp-socket.start-bind")).toBe(2);
    tcp.tcp_socket_drop(s);
    network_drop(net);
  });
});

describe("fake host: resource drops follow WASI's rule", () => {
  beforeEach(() => fake_reset());

  it("dropping a socket while its streams live traps", () => {
    listenOnLoopback();
    fake_queue_connection(listener);
    acceptOne();
    expect(() => { tcp.tcp_socket_drop(client); }).toThrow();
    expect(fake_is_live(client)).toBe(true, "the failed drop left the socket alone");
  });

  it("dropping a stream while its pollable lives traps", () => {
    listenOnLoopback();
    fake_queue_connection(listener);
    acceptOne();
    pollable = streams.input_stream_subscribe(input);
    expect(() => { streams.input_stream_drop(input); }).toThrow();
    pollable_drop(pollable);
    streams.input_stream_drop(input);
    expect(fake_is_live(input)).toBe(false);
  });

  it("dropping a listener while its pollable lives traps", () => {
    listenOnLoopback();
    pollable = tcp.tcp_socket_subscribe(listener);
    expect(() => { tcp.tcp_socket_drop(listener); }).toThrow();
  });

  it("dropping an unknown handle, a handle twice, or a handle as the wrong type traps", () => {
    expect(() => { tcp.tcp_socket_drop(0x7fff0000); }).toThrow("unknown handle");
    net = instance_network();
    listener = newTcp();
    tcp.tcp_socket_drop(listener);
    expect(() => { tcp.tcp_socket_drop(listener); }).toThrow("dropped twice");
    other = newTcp();
    expect(() => { pollable_drop(other); }).toThrow("a tcp-socket is not a pollable");
    expect(() => { tcp.tcp_socket_start_listen(listener, RET); }).toThrow("a stale handle");
  });

  it("a spec naming an import that does not exist fails", () => {
    expect(() => { fake_calls("[method]tcp-socket.acept"); }).toThrow();
    expect(() => { fake_would_block("[method]tcp-socket.local-address", 1); }).toThrow("no would-block meaning");
    expect(() => { fake_fail_next("[method]input-stream.read", 3, 1); }).toThrow("a stream function fails with fail_stream_next");
  });
});

describe("fake host: the modelled TCP state machine", () => {
  beforeEach(() => fake_reset());

  it("a second listener on the same port is address-in-use; documentation and broadcast addresses are refused", () => {
    listenOnLoopback();
    const port = localPort(listener);
    other = newTcp();
    expect(bindTcp(other, loopback(port))).toBe(error_code.address_in_use);
    expect(bindTcp(other, v4(0, 0, 0, 0, port))).toBe(error_code.address_in_use, "the wildcard overlaps");
    expect(bindTcp(other, v4(192, 0, 2, 1, 0))).toBe(error_code.address_not_bindable);
    expect(bindTcp(other, v4(255, 255, 255, 255, 0))).toBe(error_code.invalid_argument);
    expect(bindTcp(other, v4(224, 0, 0, 1, 0))).toBe(error_code.invalid_argument);
    expect(bindTcp(other, loopback(0))).toBe(-1);
    expect(localPort(other)).not.toBe(port, "ephemeral ports are not shared");
    expect(bindTcp(other, loopback(0))).toBe(error_code.invalid_state, "already bound");
    tcp.tcp_socket_drop(other);
    tcp.tcp_socket_drop(listener);
    network_drop(net);
  });

  it("listen before bind is invalid-state, and so are remote-address and shutdown", () => {
    const s = newTcp();
    expect(listenTcp(s)).toBe(error_code.invalid_state);
    tcp.tcp_socket_finish_bind(s, RET);
    expect(errorCodeAt(PAYLOAD_1)).toBe(error_code.not_in_progress);
    tcp.tcp_socket_remote_address(s, RET);
    expect(errorCodeAt(PAYLOAD_4)).toBe(error_code.invalid_state);
    tcp.tcp_socket_local_address(s, RET);
    expect(errorCodeAt(PAYLOAD_4)).toBe(error_code.invalid_state);
    tcp.tcp_socket_shutdown(s, tcp.shutdown_type.both, RET);
    expect(errorCodeAt(PAYLOAD_1)).toBe(error_code.invalid_state);
    tcp.tcp_socket_drop(s);
  });

  it("connect: implicit bind, would-block until the pollable, then connected with streams", () => {
    net = instance_network();
    client = newTcp();
    fake_would_block("[method]tcp-socket.finish-connect", 1);
    tcp.tcp_socket_start_connect_address(client, net, loopback(9000), RET);
    expect(isOk()).toBe(true);
    tcp.tcp_socket_start_connect_address(client, net, loopback(9000), RET);
    expect(errorCodeAt(PAYLOAD_1)).toBe(error_code.concurrency_conflict, "already connecting");
    tcp.tcp_socket_finish_connect(client, RET);
    expect(errorCodeAt(PAYLOAD_4)).toBe(error_code.would_block);
    pollable = tcp.tcp_socket_subscribe(client);
    pollable_block(pollable);
    tcp.tcp_socket_finish_connect(client, RET);
    expect(isOk()).toBe(true);
    input = load<u32>(RET, 4);
    output = load<u32>(RET, 8);
    const local = new IpSocketAddress();
    tcp.tcp_socket_local_address(client, RET);
    local.readFrom(RET + PAYLOAD_4);
    expect(local.ipToString()).toBe("127.0.0.1");
    expect(local.port).toBeGreaterThan(0);
    tcp.tcp_socket_remote_address(client, RET);
    local.readFrom(RET + PAYLOAD_4);
    expect(local.port).toBe(9000);
    pollable_drop(pollable);
    streams.input_stream_drop(input);
    streams.output_stream_drop(output);
    tcp.tcp_socket_drop(client);
    network_drop(net);
    expect(fake_live_handles()).toBe(0);
  });

  it("a scripted connect failure leaves the socket closed: every later step is invalid-state", () => {
    net = instance_network();
    client = newTcp();
    tcp.tcp_socket_start_connect_address(client, net, v4(0, 0, 0, 0, 80), RET);
    expect(errorCodeAt(PAYLOAD_1)).toBe(error_code.invalid_argument, "unspecified remote");
    tcp.tcp_socket_start_connect_address(client, net, loopback(0), RET);
    expect(errorCodeAt(PAYLOAD_1)).toBe(error_code.invalid_argument, "port 0");
    fake_fail_next("[method]tcp-socket.finish-connect", error_code.connection_refused, 1);
    tcp.tcp_socket_start_connect_address(client, net, loopback(9000), RET);
    expect(isOk()).toBe(true);
    tcp.tcp_socket_finish_connect(client, RET);
    expect(isOk()).toBe(false);
    expect(errorCodeAt(PAYLOAD_4)).toBe(error_code.connection_refused);
    tcp.tcp_socket_start_connect_address(client, net, loopback(9000), RET);
    expect(errorCodeAt(PAYLOAD_1)).toBe(error_code.invalid_state);
    tcp.tcp_socket_finish_connect(client, RET);
    expect(errorCodeAt(PAYLOAD_4)).toBe(error_code.not_in_progress);
    expect(listenTcp(client)).toBe(error_code.invalid_state);
    tcp.tcp_socket_drop(client);
    network_drop(net);
  });

  it("shutdown(receive) closes reads even with data buffered; shutdown(send) closes writes", () => {
    listenOnLoopback();
    fake_queue_connection(listener);
    acceptOne();
    fakeDeliverText(input, "unread");
    tcp.tcp_socket_shutdown(client, tcp.shutdown_type.receive, RET);
    expect(isOk()).toBe(true);
    expect(readText(100)).toBeNull();
    expect(load<u8>(RET, 4)).toBe(streams.stream_error.closed);
    tcp.tcp_socket_shutdown(client, tcp.shutdown_type.send, RET);
    streams.output_stream_check_write(output, RET);
    expect(isOk()).toBe(false);
    expect(load<u8>(RET, 8)).toBe(streams.stream_error.closed);
    releaseServer();
  });

  it("a reset peer: the next read fails with an error resource, then the stream is closed", () => {
    listenOnLoopback();
    fake_queue_connection(listener);
    acceptOne();
    fakeDeliverText(input, "lost");
    fake_reset_peer(client, error_code.connection_reset);
    expect(readText(100)).toBeNull();
    expect(load<u8>(RET, 4)).toBe(streams.stream_error.last_operation_failed);
    const err = load<u32>(RET, 8);
    error_to_debug_string(err, RET);
    const text = String.UTF8.decodeUnsafe(load<u32>(RET), load<u32>(RET, 4));
    freeList(load<u32>(RET));
    expect(text).toBe("fake stream error: connection-reset");
    error_drop(err);
    expect(readText(100)).toBeNull();
    expect(load<u8>(RET, 4)).toBe(streams.stream_error.closed, "closed after the failure");
    expect(writeText("x")).toBe(false);
    expect(load<u8>(RET, 4)).toBe(streams.stream_error.last_operation_failed);
    error_drop(load<u32>(RET, 8));
    releaseServer();
    expect(fake_live_handles()).toBe(0);
  });

  it("scripted stream failures: closed, or last-operation-failed with an error resource", () => {
    listenOnLoopback();
    fake_queue_connection(listener);
    acceptOne();
    fake_fail_stream_next("[method]output-stream.check-write", true, -1, 1);
    streams.output_stream_check_write(output, RET);
    expect(load<u8>(RET, PAYLOAD_8)).toBe(streams.stream_error.closed);
    fake_fail_stream_next("[method]input-stream.read", false, error_code.connection_aborted, 1);
    expect(readText(10)).toBeNull();
    expect(load<u8>(RET, 4)).toBe(streams.stream_error.last_operation_failed);
    expect(fake_live_of("error")).toBe(1);
    error_drop(load<u32>(RET, 8));
    releaseServer();
  });
});

describe("fake host: waits end or trap, deterministically", () => {
  beforeEach(() => fake_reset());

  it("block on a listener nobody connects to traps instead of hanging", () => {
    listenOnLoopback();
    pollable = tcp.tcp_socket_subscribe(listener);
    expect(pollable_ready(pollable)).toBe(false);
    expect(() => { pollable_block(pollable); }).toThrow("nothing scripted can make it ready");
  });

  it("poll with no pollable that can become ready traps", () => {
    listenOnLoopback();
    fake_queue_connection(listener);
    acceptOne();
    store<u32>(list, streams.input_stream_subscribe(input));
    expect(() => { poll(list, 1, RET); }).toThrow("no data was delivered");
  });

  it("poll returns the ready indices: a would-blocked read passes before a timer fires", () => {
    listenOnLoopback();
    fake_queue_connection(listener);
    acceptOne();
    fakeDeliverText(input, "x");
    fake_would_block("[method]input-stream.read", 1);
    store<u32>(list, subscribe_duration(1_000_000_000));
    store<u32>(list, streams.input_stream_subscribe(input), 4);
    const before = now();
    poll(list, 2, RET);
    expect(load<u32>(RET, 4)).toBe(1, "one ready");
    let ready = load<u32>(RET);
    expect(load<u32>(ready)).toBe(1, "the input, index 1");
    freeList(ready);
    expect(now()).toBe(before, "no time had to pass");
    expect(readText(10)).toBe("x");
    // Nothing more to read: only the timer can end the wait, and the clock jumps to it.
    poll(list, 2, RET);
    ready = load<u32>(RET);
    expect(load<u32>(RET, 4)).toBe(1);
    expect(load<u32>(ready)).toBe(0, "the timer, index 0");
    freeList(ready);
    expect(now() - before).toBe(1_000_000_000);
    expect(fake_now()).toBe(now());
    fake_advance_clock(5);
    expect(now() - before).toBe(1_000_000_005);
    pollable_drop(load<u32>(list));
    pollable_drop(load<u32>(list, 4));
    releaseServer();
    expect(fake_live_handles()).toBe(0);
  });

  it("counts calls per import and in total; reset_calls zeroes them", () => {
    listenOnLoopback();
    expect(fake_calls("create-tcp-socket")).toBe(1);
    expect(fake_total_calls()).toBe(6, "instance-network, create, start/finish-bind, start/finish-listen, and nothing else");
    fake_reset_calls();
    expect(fake_total_calls()).toBe(0);
    expect(tcp.tcp_socket_is_listening(listener)).toBe(true);
    expect(fake_calls("[method]tcp-socket.is-listening")).toBe(1);
    tcp.tcp_socket_drop(listener);
    network_drop(net);
  });
});

describe("fake host: UDP and name lookup", () => {
  beforeEach(() => fake_reset());

  it("sends within check-send, receives queued datagrams, and traps past the budget", () => {
    net = instance_network();
    create_udp_socket(ip_address_family.ipv4, RET);
    other = load<u32>(RET, PAYLOAD_4);
    udp.udp_socket_stream_address(other, null, RET);
    expect(errorCodeAt(PAYLOAD_4)).toBe(error_code.invalid_state, "stream() before bind");
    udp.udp_socket_start_bind_address(other, net, loopback(0), RET);
    udp.udp_socket_finish_bind(other, RET);
    expect(isOk()).toBe(true);
    udp.udp_socket_stream_address(other, null, RET);
    expect(isOk()).toBe(true);
    input = load<u32>(RET, 4);
    output = load<u32>(RET, 8);
    expect(fake_stream_of(other, 1)).toBe(output);

    const data = String.UTF8.encode("ping");
    fake_queue_datagram(other, changetype<usize>(data), 4, 5353);
    udp.incoming_datagram_stream_receive(input, 10, RET);
    expect(isOk()).toBe(true);
    expect(load<u32>(RET, 8)).toBe(1);
    const got = load<u32>(RET, 4);
    expect(String.UTF8.decodeUnsafe(load<u32>(got), load<u32>(got, 4))).toBe("ping");
    const from = new IpSocketAddress();
    from.readFrom(got + 8);
    expect(from.port).toBe(5353);
    freeList(load<u32>(got));
    freeList(got);

    fake_set_send_budget(output, 2);
    udp.outgoing_datagram_stream_check_send(output, RET);
    expect(load<u64>(RET, PAYLOAD_8)).toBe(2);
    memory.fill(list, 0, 44);
    store<u32>(list, changetype<usize>(data));
    store<u32>(list, 4, 4);
    store<u8>(list, 1, 8);
    loopback(7).writeTo(list + 12);
    udp.outgoing_datagram_stream_send(output, list, 1, RET);
    expect(isOk()).toBe(true);
    expect(load<u64>(RET, PAYLOAD_8)).toBe(1);
    expect(fake_sent_count(output)).toBe(1);
    expect(fake_sent_port(output, 0)).toBe(7);
    const seen = heap.alloc(8);
    expect(fake_sent_datagram(output, 0, seen, 8)).toBe(4);
    expect(String.UTF8.decodeUnsafe(seen, 4)).toBe("ping");
    heap.free(seen);
    expect(() => { udp.outgoing_datagram_stream_send(output, list, 2, RET); }).toThrow("2 datagrams > 1 left");
  });

  it("literals resolve to themselves, names through the hosts table, junk is invalid-argument", () => {
    net = instance_network();
    const a = new IpSocketAddress();
    const literal = String.UTF8.encode("::1");
    lookup.resolve_addresses(net, changetype<usize>(literal), literal.byteLength, RET);
    expect(isOk()).toBe(true);
    other = load<u32>(RET, 4);
    lookup.resolve_address_stream_resolve_next_address(other, RET);
    expect(load<u8>(RET, 2)).toBe(1, "some");
    a.readIpAddressFrom(RET + 4);
    expect(a.family).toBe(ip_address_family.ipv6);
    expect(a.ipv6Segment(7)).toBe(1);
    lookup.resolve_address_stream_resolve_next_address(other, RET);
    expect(load<u8>(RET, 2)).toBe(0, "none: exhausted");
    lookup.resolve_address_stream_drop(other);

    fake_add_host_v4("svc.test", 10, 1, 2, 3);
    const name = String.UTF8.encode("SVC.test");
    lookup.resolve_addresses(net, changetype<usize>(name), name.byteLength, RET);
    other = load<u32>(RET, 4);
    lookup.resolve_address_stream_resolve_next_address(other, RET);
    a.readIpAddressFrom(RET + 4);
    expect(a.ipToString()).toBe("10.1.2.3");
    lookup.resolve_address_stream_drop(other);

    const junk = String.UTF8.encode("127.0.0.1:80");
    lookup.resolve_addresses(net, changetype<usize>(junk), junk.byteLength, RET);
    expect(isOk()).toBe(false);
    expect(errorCodeAt(PAYLOAD_4)).toBe(error_code.invalid_argument);
    network_drop(net);
    expect(fake_live_handles()).toBe(0);
  });
});
