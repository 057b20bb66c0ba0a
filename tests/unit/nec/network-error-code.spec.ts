// network-error-code through the fake host, in a build that opts in
// (ASPS_NETWORK_ERROR_CODE): a stream error from a socket names its
// error-code; one without a code (or a non-socket stream) gives -1.
import { RET, isOk, PAYLOAD_4 } from "../../../assembly/wasi/abi";
import { ip_address_family, IpSocketAddress } from "../../../assembly/wasi/address";
import { instance_network } from "../../../assembly/wasi/sockets/instance-network";
import { network_drop, error_code, networkErrorCode } from "../../../assembly/wasi/sockets/network";
import { create_tcp_socket } from "../../../assembly/wasi/sockets/tcp-create-socket";
import * as tcp from "../../../assembly/wasi/sockets/tcp";
import * as streams from "../../../assembly/wasi/io/streams";
import { error_drop } from "../../../assembly/wasi/io/error";
import { fake_reset, fake_queue_connection, fake_fail_stream_next, fake_reset_peer, fake_calls, fake_live_handles } from "../fake-host";

describe("network-error-code on the fake host", () => {
  beforeEach(() => fake_reset());

  it("names the error-code behind a socket stream's failure, and -1 when there is none", () => {
    const net = instance_network();
    create_tcp_socket(ip_address_family.ipv4, RET);
    const listener = load<u32>(RET, PAYLOAD_4);
    const a = new IpSocketAddress();
    a.setIpv4(127, 0, 0, 1, 0);
    tcp.tcp_socket_start_bind_address(listener, net, a, RET);
    tcp.tcp_socket_finish_bind(listener, RET);
    tcp.tcp_socket_start_listen(listener, RET);
    tcp.tcp_socket_finish_listen(listener, RET);
    fake_queue_connection(listener);
    tcp.tcp_socket_accept(listener, RET);
    expect(isOk()).toBe(true);
    const client = load<u32>(RET, 4);
    const input = load<u32>(RET, 8);
    const output = load<u32>(RET, 12);

    fake_reset_peer(client, error_code.connection_reset);
    streams.input_stream_read(input, 10, RET);
    expect(load<u8>(RET, 4)).toBe(streams.stream_error.last_operation_failed);
    let err = load<u32>(RET, 8);
    expect(networkErrorCode(err)).toBe(error_code.connection_reset);
    expect(fake_calls("network-error-code")).toBe(1, "the import is really called");
    error_drop(err);

    fake_fail_stream_next("[method]output-stream.check-write", false, -1, 1);
    streams.output_stream_check_write(output, RET);
    err = load<u32>(RET, 12);
    expect(networkErrorCode(err)).toBe(-1, "an error that is not a socket's");
    error_drop(err);

    streams.input_stream_drop(input);
    streams.output_stream_drop(output);
    tcp.tcp_socket_drop(client);
    tcp.tcp_socket_drop(listener);
    network_drop(net);
    expect(fake_live_handles()).toBe(0);
  });
});

import { socket, bind, listen, accept, recv } from "../../../include/sys/socket";
import { close } from "../../../include/unistd";
import { AF_INET, SOCK_STREAM } from "../../../include/sys/socket";
import { sockaddr_in, INADDR_LOOPBACK } from "../../../include/netinet/in";
import { htonl } from "../../../include/arpa/inet";
import * as E from "../../../include/errno";
import { descriptor } from "../../../assembly/net/descriptors";
import { TcpSocket } from "../../../assembly/net/tcp";

describe("the TCP layer in a network-error-code build", () => {
  beforeEach(() => fake_reset());

  it("takes recv's errno from the host's error-code, not from inference", () => {
    const addr = new sockaddr_in();
    addr.sin_family = <u16>AF_INET;
    addr.sin_addr = htonl(INADDR_LOOPBACK);
    const l = socket(AF_INET, SOCK_STREAM, 0);
    expect(bind(l, changetype<usize>(addr), offsetof<sockaddr_in>())).toBe(0);
    expect(listen(l, 1)).toBe(0);
    fake_queue_connection(changetype<TcpSocket>(descriptor(l)!.socket).handle);
    const c = accept(l, 0, 0);
    const input = changetype<TcpSocket>(descriptor(c)!.socket).input;
    // Without the host's word the layer would say ECONNRESET.
    fake_fail_stream_next("[method]input-stream.read", false, error_code.connection_aborted, 1);
    const buf = heap.alloc(16);
    expect(recv(c, buf, 16, 0)).toBe(-1);
    expect(E.errno).toBe(E.ECONNABORTED);
    expect(fake_calls("network-error-code")).toBe(1);
    close(c);
    close(l);
    expect(fake_live_handles()).toBe(0);
  });
});
