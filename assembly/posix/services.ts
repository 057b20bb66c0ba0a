// The services and protocols getaddrinfo, getnameinfo, getservbyname,
// getservbyport and getprotobyname know: WASI programs have no /etc/services,
// so a built-in table of the common ones (as in Debian's netbase) stands in.

const TCP: i32 = 1;
const UDP: i32 = 2;

class Service {
  constructor(public name: string, public port: u16, public protocols: i32) {}
}

// Built on first use, so programs that never name a service do not carry the table.
let services: Service[] | null = null;
function table(): Service[] {
  let t = services;
  if (t === null) services = t = build();
  return t;
}

function build(): Service[] {
  return [
  new Service("echo", 7, TCP | UDP), new Service("discard", 9, TCP | UDP), new Service("daytime", 13, TCP | UDP),
  new Service("ftp-data", 20, TCP), new Service("ftp", 21, TCP), new Service("ssh", 22, TCP),
  new Service("telnet", 23, TCP), new Service("smtp", 25, TCP), new Service("time", 37, TCP | UDP),
  new Service("whois", 43, TCP), new Service("domain", 53, TCP | UDP), new Service("bootps", 67, UDP),
  new Service("bootpc", 68, UDP), new Service("tftp", 69, UDP), new Service("gopher", 70, TCP),
  new Service("finger", 79, TCP), new Service("http", 80, TCP), new Service("kerberos", 88, TCP | UDP),
  new Service("pop3", 110, TCP), new Service("sunrpc", 111, TCP | UDP), new Service("auth", 113, TCP),
  new Service("nntp", 119, TCP), new Service("ntp", 123, UDP), new Service("imap2", 143, TCP),
  new Service("snmp", 161, TCP | UDP), new Service("snmp-trap", 162, TCP | UDP), new Service("bgp", 179, TCP),
  new Service("irc", 194, TCP), new Service("ldap", 389, TCP | UDP), new Service("https", 443, TCP | UDP),
  new Service("syslog", 514, UDP), new Service("printer", 515, TCP), new Service("submission", 587, TCP),
  new Service("ldaps", 636, TCP | UDP), new Service("rsync", 873, TCP), new Service("imaps", 993, TCP),
  new Service("pop3s", 995, TCP), new Service("socks", 1080, TCP), new Service("openvpn", 1194, TCP | UDP),
  new Service("mysql", 3306, TCP), new Service("postgresql", 5432, TCP), new Service("http-alt", 8080, TCP),
  ];
}

/** The official name of a service some programs call by an alias. */
export function canonical(name: string): string {
  if (name == "www") return "http";
  if (name == "imap") return "imap2";
  if (name == "nameserver") return "domain";
  if (name == "mail") return "smtp";
  if (name == "postgres") return "postgresql";
  return name;
}

/** The port of `name` for `protocols` (TCP, UDP or both bits); -1 if unknown, -2 if known but not for those protocols. */
export function servicePort(name: string, protocols: i32): i32 {
  const n = canonical(name);
  const all = table();
  for (let i = 0; i < all.length; i++) {
    const s = all[i];
    if (s.name != n) continue;
    return (s.protocols & protocols) != 0 ? <i32>s.port : -2;
  }
  return -1;
}

/** Which of TCP/UDP the service named `name` exists for (0: unknown). */
export function serviceProtocols(name: string): i32 {
  const n = canonical(name);
  const all = table();
  for (let i = 0; i < all.length; i++) if (all[i].name == n) return all[i].protocols;
  return 0;
}

/** The name of `port` for `udp` or TCP, or null. */
export function serviceName(port: u16, udp: bool): string | null {
  const all = table();
  for (let i = 0; i < all.length; i++) {
    const s = all[i];
    if (s.port == port && (s.protocols & (udp ? UDP : TCP)) != 0) return s.name;
  }
  return null;
}

export const SERVICE_TCP = TCP;
export const SERVICE_UDP = UDP;

class Protocol {
  constructor(public name: string, public number: i32) {}
}

let protocols: Protocol[] | null = null;

export function protocolTable(): Protocol[] {
  let t = protocols;
  if (t === null) {
    protocols = t = [
      new Protocol("ip", 0), new Protocol("icmp", 1), new Protocol("tcp", 6), new Protocol("udp", 17),
      new Protocol("ipv6", 41), new Protocol("ipv6-icmp", 58),
    ];
  }
  return t;
}
