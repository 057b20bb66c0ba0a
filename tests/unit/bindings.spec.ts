// The raw bindings against the scripted fake host: results land where the
// readers expect them, would-block paths resolve through pollables, and
// resources are released children-first.
import { RET, isOk, errorCodeAt, PAYLOAD_1, PAYLOAD_4, PAYLOAD_8, freeList } from "../../assembly/wasi/abi";
import { IpSocketAddress, ip_address_family } from "../../assembly/wasi/address";
import { instance_network } from "../../assembly/wasi/sockets/instance-network";
import { network_drop, error_code } from "../../assembly/wasi/sockets/network";
import { create_tcp_socket } from "../../assembly/wasi/sockets/tcp-create-socket";
import * as tcp from "../../assembly/wasi/sockets/tcp";
import * as lookup from "../../assembly/wasi/sockets/ip-name-lookup";
import * as streams from "../../assembly/wasi/io/streams";
import { poll, pollable_block, pollable_ready, pollable_drop } from "../../assembly/wasi/io/poll";
import { subscribe_duration, now } from "../../assembly/wasi/clocks/monotonic-clock";
import { error_drop } from "../../assembly/wasi/io/error";
import {
  fake_reset, fake_live_handles, fake_live_of, fake_calls, fake_fail_next, fake_fail_stream_next,
  fake_would_block, fake_queue_connection, fake_deliver, fake_close_input, fake_written, fake_set_write_budget,
} from "./fake-host";

// as-pect closures cannot capture locals: state shared with throwing callbacks lives here.
let net: u32 = 0;
let listener: u32 = 0;
let client: u32 = 0;
let input: u32 = 0;
let output: u32 = 0;

function loopback(port: u16): IpSocketAddress {
  const a = new IpSocketAddress();
  a.setIpv4(127, 0, 0, 1, port);
  return a;
}

/** A listening socket on 127.0.0.1 with its port; state in the globals above. */
function listenOnLoopback(): u16 {
  net = instance_network();
  create_tcp_socket(ip_address_family.ipv4, RET);
  expect(isOk()).toBe(true);
  listener = load<u32>(RET, PAYLOAD_4);
  tcp.tcp_socket_start_bind_address(listener, net, loopback(0), RET);
  expect(isOk()).toBe(true);
  tcp.tcp_socket_finish_bind(listener, RET);
  expect(isOk()).toBe(true);
  tcp.tcp_socket_start_listen(listener, RET);
  expect(isOk()).toBe(true);
  tcp.tcp_socket_finish_listen(listener, RET);
  expect(isOk()).toBe(true);
  expect(tcp.tcp_socket_is_listening(listener)).toBe(true);
  tcp.tcp_socket_local_address(listener, RET);
  expect(isOk()).toBe(true);
  const local = new IpSocketAddress();
  local.readFrom(RET + PAYLOAD_4);
  expect(local.family).toBe(ip_address_family.ipv4);
  expect(local.ipv4Byte(0)).toBe(127);
  expect(local.ipv4Byte(3)).toBe(1);
  return local.port;
}

/** Accepts one queued connection into client/input/output. */
function acceptOne(): void {
  tcp.tcp_socket_accept(listener, RET);
  expect(isOk()).toBe(true, "accept");
  client = load<u32>(RET, 4);
  input = load<u32>(RET, 8);
  output = load<u32>(RET, 12);
}

function releaseAll(): void {
  streams.input_stream_drop(input);
  streams.output_stream_drop(output);
  tcp.tcp_socket_drop(client);
  tcp.tcp_socket_drop(listener);
  network_drop(net);
}

function bytesOf(text: string): ArrayBuffer {
  return String.UTF8.encode(text);
}

describe("tcp bindings on the fake host", () => {
  beforeEach(() => fake_reset());

  it("binds to an ephemeral port and reports it", () => {
    expect(listenOnLoopback()).toBeGreaterThan(0);
    tcp.tcp_socket_drop(listener);
    network_drop(net);
    expect(fake_live_handles()).toBe(0);
  });

  it("accept reports would-block until the listener's pollable is ready", () => {
    listenOnLoopback();
    fake_queue_connection(listener);
    fake_would_block("[method]tcp-socket.accept", 2);
    tcp.tcp_socket_accept(listener, RET);
    expect(isOk()).toBe(false);
    expect(errorCodeAt(PAYLOAD_4)).toBe(error_code.would_block);
    const p = tcp.tcp_socket_subscribe(listener);
    expect(pollable_ready(p)).toBe(false, "still blocked by the script");
    pollable_block(p);
    expect(pollable_ready(p)).toBe(true);
    pollable_drop(p);
    acceptOne();
    expect(fake_calls("[method]tcp-socket.accept")).toBe(2);
    releaseAll();
    expect(fake_live_handles()).toBe(0);
  });

  it("a scripted start-bind failure comes back as its error-code", () => {
    net = instance_network();
    create_tcp_socket(ip_address_family.ipv4, RET);
    const s = load<u32>(RET, 4);
    fake_fail_next("[method]tcp-socket.start-bind", error_code.address_in_use, 1);
    tcp.tcp_socket_start_bind_address(s, net, loopback(8080), RET);
    expect(isOk()).toBe(false);
    expect(errorCodeAt(PAYLOAD_1)).toBe(error_code.address_in_use);
    // Only once: the next try goes through to the model.
    tcp.tcp_socket_start_bind_address(s, net, loopback(8080), RET);
    expect(isOk()).toBe(true);
    tcp.tcp_socket_drop(s);
    network_drop(net);
  });

  it("state errors come from the model: listen before bind is invalid-state", () => {
    create_tcp_socket(ip_address_family.ipv4, RET);
    const s = load<u32>(RET, 4);
    tcp.tcp_socket_start_listen(s, RET);
    expect(isOk()).toBe(false);
    expect(errorCodeAt(PAYLOAD_1)).toBe(error_code.invalid_state);
    tcp.tcp_socket_finish_bind(s, RET);
    expect(errorCodeAt(PAYLOAD_1)).toBe(error_code.not_in_progress);
    tcp.tcp_socket_remote_address(s, RET);
    expect(errorCodeAt(PAYLOAD_4)).toBe(error_code.invalid_state);
    tcp.tcp_socket_drop(s);
  });

  it("reads chunks as delivered, an empty list while nothing waits, then closed", () => {
    listenOnLoopback();
    fake_queue_connection(listener);
    acceptOne();
    streams.input_stream_read(input, 100, RET);
    expect(isOk()).toBe(true);
    expect(load<u32>(RET, 8)).toBe(0, "nothing delivered yet: an empty list");
    const a = bytesOf("hello");
    const b = bytesOf(" world");
    fake_deliver(input, changetype<usize>(a), 5);
    fake_deliver(input, changetype<usize>(b), 6);
    streams.input_stream_read(input, 3, RET);
    expect(load<u32>(RET, 8)).toBe(3, "at most len");
    let ptr = load<u32>(RET, 4);
    expect(String.UTF8.decodeUnsafe(ptr, 3)).toBe("hel");
    freeList(ptr);
    streams.input_stream_read(input, 100, RET);
    expect(load<u32>(RET, 8)).toBe(2, "the rest of the first chunk only");
    freeList(load<u32>(RET, 4));
    streams.input_stream_read(input, 100, RET);
    ptr = load<u32>(RET, 4);
    expect(String.UTF8.decodeUnsafe(ptr, load<u32>(RET, 8))).toBe(" world");
    freeList(ptr);
    fake_close_input(input);
    streams.input_stream_read(input, 100, RET);
    expect(isOk()).toBe(false);
    expect(load<u8>(RET, 4)).toBe(streams.stream_error.closed);
    releaseAll();
    expect(fake_live_handles()).toBe(0);
  });

  it("a would-block read resolves by blocking on the input pollable", () => {
    listenOnLoopback();
    fake_queue_connection(listener);
    acceptOne();
    const data = bytesOf("x");
    fake_deliver(input, changetype<usize>(data), 1);
    fake_would_block("[method]input-stream.read", 1);
    streams.input_stream_read(input, 10, RET);
    expect(load<u32>(RET, 8)).toBe(0);
    const p = streams.input_stream_subscribe(input);
    pollable_block(p);
    streams.input_stream_read(input, 10, RET);
    expect(load<u32>(RET, 8)).toBe(1);
    freeList(load<u32>(RET, 4));
    pollable_drop(p);
    releaseAll();
  });

  it("writes within check-write's budget and the host sees the bytes", () => {
    listenOnLoopback();
    fake_queue_connection(listener);
    acceptOne();
    fake_set_write_budget(output, 4);
    streams.output_stream_check_write(output, RET);
    expect(isOk()).toBe(true);
    expect(load<u64>(RET, PAYLOAD_8)).toBe(4);
    const data = bytesOf("abcd");
    streams.output_stream_write(output, changetype<usize>(data), 4, RET);
    expect(isOk()).toBe(true);
    const seen = new ArrayBuffer(8);
    expect(fake_written(output, changetype<usize>(seen), 8)).toBe(4);
    expect(String.UTF8.decodeUnsafe(changetype<usize>(seen), 4)).toBe("abcd");
    fake_fail_stream_next("[method]output-stream.check-write", true, 0, 1);
    streams.output_stream_check_write(output, RET);
    expect(isOk()).toBe(false);
    expect(load<u8>(RET, 8)).toBe(streams.stream_error.closed);
    releaseAll();
  });

  it("a failed stream operation carries an error resource", () => {
    listenOnLoopback();
    fake_queue_connection(listener);
    acceptOne();
    fake_fail_stream_next("[method]input-stream.read", false, error_code.connection_reset, 1);
    streams.input_stream_read(input, 10, RET);
    expect(isOk()).toBe(false);
    expect(load<u8>(RET, 4)).toBe(streams.stream_error.last_operation_failed);
    expect(fake_live_of("error")).toBe(1);
    const err = load<u32>(RET, 8);
    expect(err).toBeGreaterThan(0);
    error_drop(err);
    expect(fake_live_of("error")).toBe(0);
    releaseAll();
  });

  it("children are dropped before parents: pollable, streams, socket", () => {
    listenOnLoopback();
    fake_queue_connection(listener);
    acceptOne();
    const p = streams.input_stream_subscribe(input);
    expect(fake_live_of("pollable")).toBe(1);
    pollable_drop(p);
    releaseAll();
    expect(fake_live_handles()).toBe(0);
  });

  it("dropping a stream while its pollable lives traps", () => {
    listenOnLoopback();
    fake_queue_connection(listener);
    acceptOne();
    streams.input_stream_subscribe(input);
    expect(() => { streams.input_stream_drop(input); }).toThrow();
  });

  it("dropping a socket while its streams live traps", () => {
    listenOnLoopback();
    fake_queue_connection(listener);
    acceptOne();
    expect(() => { tcp.tcp_socket_drop(client); }).toThrow();
  });
});

describe("lookup and poll bindings on the fake host", () => {
  beforeEach(() => fake_reset());

  it("resolves localhost after a would-block, then reports none", () => {
    net = instance_network();
    const name = bytesOf("localhost");
    lookup.resolve_addresses(net, changetype<usize>(name), name.byteLength, RET);
    expect(isOk()).toBe(true);
    const stream = load<u32>(RET, 4);
    fake_would_block("[method]resolve-address-stream.resolve-next-address", 1);
    lookup.resolve_address_stream_resolve_next_address(stream, RET);
    expect(isOk()).toBe(false);
    expect(load<u8>(RET, 2)).toBe(error_code.would_block);
    const p = lookup.resolve_address_stream_subscribe(stream);
    pollable_block(p);
    pollable_drop(p);
    const a = new IpSocketAddress();
    lookup.resolve_address_stream_resolve_next_address(stream, RET);
    expect(load<u8>(RET, 2)).toBe(1, "some");
    a.readIpAddressFrom(RET + 4);
    expect(a.ipToString()).toBe("127.0.0.1");
    lookup.resolve_address_stream_resolve_next_address(stream, RET);
    a.readIpAddressFrom(RET + 4);
    expect(a.family).toBe(ip_address_family.ipv6);
    expect(a.ipv6Segment(7)).toBe(1);
    lookup.resolve_address_stream_resolve_next_address(stream, RET);
    expect(isOk()).toBe(true);
    expect(load<u8>(RET, 2)).toBe(0, "none: exhausted");
    lookup.resolve_address_stream_drop(stream);
    network_drop(net);
    expect(fake_live_handles()).toBe(0);
  });

  it("an unresolvable name fails with name-unresolvable", () => {
    net = instance_network();
    const name = bytesOf("no-such-host.invalid");
    lookup.resolve_addresses(net, changetype<usize>(name), name.byteLength, RET);
    const stream = load<u32>(RET, 4);
    lookup.resolve_address_stream_resolve_next_address(stream, RET);
    expect(isOk()).toBe(false);
    expect(load<u8>(RET, 2)).toBe(error_code.name_unresolvable);
    lookup.resolve_address_stream_drop(stream);
    network_drop(net);
  });

  it("poll returns the timer's index when nothing else becomes ready, and the clock moves", () => {
    listenOnLoopback();
    fake_queue_connection(listener);
    acceptOne();
    const before = now();
    const list = heap.alloc(8);
    store<u32>(list, streams.input_stream_subscribe(input));
    store<u32>(list, subscribe_duration(5_000_000), 4);
    poll(list, 2, RET);
    expect(load<u32>(RET, 4)).toBe(1, "one ready");
    const ready = load<u32>(RET);
    expect(load<u32>(ready)).toBe(1, "the timer");
    expect(now() - before).toBeGreaterThanOrEqual(5_000_000);
    freeList(ready);
    pollable_drop(load<u32>(list));
    pollable_drop(load<u32>(list, 4));
    heap.free(list);
    releaseAll();
    expect(fake_live_handles()).toBe(0);
  });
});

