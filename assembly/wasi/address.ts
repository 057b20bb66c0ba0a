// The guest's typed form of wasi:sockets/network's `ip-socket-address` and
// `ip-address`, with readers and writers for their canonical-ABI memory
// layouts. Numbers are in host byte order; the POSIX layer converts to and
// from network-order sockaddr structures.
//
// ip-socket-address in memory (32 bytes, align 4):
//   @0 u8 case (0 ipv4, 1 ipv6)
//   ipv4: @4 u16 port, @6..9 the four address bytes
//   ipv6: @4 u16 port, @8 u32 flow-info, @12..27 eight u16 segments, @28 u32 scope-id
// ip-address in memory (18 bytes, align 2):
//   @0 u8 case; ipv4: @2..5 bytes; ipv6: @2..17 eight u16 segments
// Flattened as a parameter, ip-socket-address is 12 i32: the case, then
//   ipv4: port, a, b, c, d (the rest 0); ipv6: port, flow-info, 8 segments, scope-id.

export const IP_SOCKET_ADDRESS_SIZE: usize = 32;
export const IP_ADDRESS_SIZE: usize = 18;

/** ip-address-family: wasi:sockets/network enum. */
export namespace ip_address_family {
  export const ipv4: u8 = 0;
  export const ipv6: u8 = 1;
}

@unmanaged
export class IpSocketAddress {
  family: u8 = ip_address_family.ipv4;
  port: u16 = 0;
  flowInfo: u32 = 0;
  scopeId: u32 = 0;
  /** The address: 4 bytes for IPv4, or 8 u16 segments (host order) for IPv6. */
  private w0: u64 = 0;
  private w1: u64 = 0;

  /** The first byte of the address storage. */
  get bytes(): usize {
    return changetype<usize>(this) + offsetof<IpSocketAddress>("w0");
  }

  setIpv4(a: u8, b: u8, c: u8, d: u8, port: u16): void {
    this.family = ip_address_family.ipv4;
    this.port = port;
    this.flowInfo = 0;
    this.scopeId = 0;
    this.w0 = 0;
    this.w1 = 0;
    const p = this.bytes;
    store<u8>(p, a, 0);
    store<u8>(p, b, 1);
    store<u8>(p, c, 2);
    store<u8>(p, d, 3);
  }

  ipv4Byte(i: i32): u8 {
    return load<u8>(this.bytes + <usize>i);
  }

  /** Sets an IPv6 address; segments are read from `segments` (8 × u16, host order). */
  setIpv6(segments: usize, port: u16, flowInfo: u32, scopeId: u32): void {
    this.family = ip_address_family.ipv6;
    this.port = port;
    this.flowInfo = flowInfo;
    this.scopeId = scopeId;
    memory.copy(this.bytes, segments, 16);
  }

  ipv6Segment(i: i32): u16 {
    return load<u16>(this.bytes + (<usize>i << 1));
  }

  /** Makes this a copy of `other`. */
  copyFrom(other: IpSocketAddress): void {
    memory.copy(changetype<usize>(this), changetype<usize>(other), offsetof<IpSocketAddress>());
  }

  /** Same family, address, port (and, for IPv6, scope). */
  equals(other: IpSocketAddress): bool {
    return this.family == other.family && this.port == other.port && this.w0 == other.w0 &&
      this.w1 == other.w1 && this.scopeId == other.scopeId;
  }

  /** Reads an ip-socket-address from its canonical memory layout at `ptr`. */
  readFrom(ptr: usize): void {
    this.family = load<u8>(ptr);
    this.port = load<u16>(ptr, 4);
    if (this.family == ip_address_family.ipv4) {
      this.flowInfo = 0;
      this.scopeId = 0;
      this.w1 = 0;
      this.w0 = <u64>load<u32>(ptr, 6);
    } else {
      this.flowInfo = load<u32>(ptr, 8);
      memory.copy(this.bytes, ptr + 12, 16);
      this.scopeId = load<u32>(ptr, 28);
    }
  }

  /** Writes this address in the canonical ip-socket-address layout at `ptr` (32 bytes). */
  writeTo(ptr: usize): void {
    memory.fill(ptr, 0, IP_SOCKET_ADDRESS_SIZE);
    store<u8>(ptr, this.family);
    store<u16>(ptr, this.port, 4);
    if (this.family == ip_address_family.ipv4) {
      store<u32>(ptr, <u32>this.w0, 6);
    } else {
      store<u32>(ptr, this.flowInfo, 8);
      memory.copy(ptr + 12, this.bytes, 16);
      store<u32>(ptr, this.scopeId, 28);
    }
  }

  /** Reads an `ip-address` (no port) from its canonical layout; port, flow and scope become 0. */
  readIpAddressFrom(ptr: usize): void {
    this.family = load<u8>(ptr);
    this.port = 0;
    this.flowInfo = 0;
    this.scopeId = 0;
    this.w0 = 0;
    this.w1 = 0;
    memory.copy(this.bytes, ptr + 2, this.family == ip_address_family.ipv4 ? 4 : 16);
  }

  /** The flattened parameter words 1..11 (word 0 is the family). */
  flat(i: i32): i32 {
    if (this.family == ip_address_family.ipv4) {
      if (i == 1) return <i32>this.port;
      if (i >= 2 && i <= 5) return <i32>this.ipv4Byte(i - 2);
      return 0;
    }
    if (i == 1) return <i32>this.port;
    if (i == 2) return <i32>this.flowInfo;
    if (i >= 3 && i <= 10) return <i32>this.ipv6Segment(i - 3);
    if (i == 11) return <i32>this.scopeId;
    return 0;
  }

  /** Text form for diagnostics: a.b.c.d or the eight hex segments joined by ':' (uncompressed). */
  ipToString(): string {
    if (this.family == ip_address_family.ipv4) {
      return this.ipv4Byte(0).toString() + "." + this.ipv4Byte(1).toString() + "." +
        this.ipv4Byte(2).toString() + "." + this.ipv4Byte(3).toString();
    }
    let s = "";
    for (let i = 0; i < 8; i++) {
      if (i > 0) s += ":";
      s += this.ipv6Segment(i).toString(16);
    }
    return s;
  }
}
