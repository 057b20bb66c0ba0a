// htons/htonl/ntohs/ntohl: wasm is little-endian, the network is big-endian.

export function htons(x: u16): u16 {
  return bswap<u16>(x);
}

export function ntohs(x: u16): u16 {
  return bswap<u16>(x);
}

export function htonl(x: u32): u32 {
  return bswap<u32>(x);
}

export function ntohl(x: u32): u32 {
  return bswap<u32>(x);
}
