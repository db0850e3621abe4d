#!/usr/bin/env bash
# Install the Debian packages the lab needs (idempotent; skips apt when everything is present).
set -euo pipefail
# libnss-wrapper: lets the lab's smbd know its Samba user without touching /etc/passwd.
# avahi-daemon, dnsmasq-base: the lab's mDNS responder and DNS (dnsmasq-base is the binary
# without the dnsmasq package's system service, so installing it starts nothing on the host).
# nfs-ganesha, nfs-ganesha-vfs, rpcbind: the lab NAS's NFS server (user space) and portmapper; they
# pull in nfs-common, whose services are never started (policy-rc.d below; the lab runs its own).
# minidlna, cups-ipp-utils (ippeveprinter), p910nd, lighttpd + lighttpd-mod-webdav: the lab's DLNA
# server, IPP printer, raw 9100 port and WebDAV, each run in user space inside a lab namespace.
# libnm0, libreadline8, python3-dbusmock: the local-posture e2e runs Debian's real nmcli against a
# NetworkManager that python-dbusmock plays on a private D-Bus (test/lab/nm-mock/). The
# network-manager package itself is NOT installed: its daemon could be started by the host's system
# bus (D-Bus activation) and would then manage the host's real interfaces. Only its nmcli binary is
# unpacked, into test/lab/.pkgs/ (git-ignored); libnm0 and libreadline8 are the libraries it needs.
# socat + GNU inetutils telnetd: the lab printer's Telnet. inetutils-telnetd is not installed
# either (it depends on an inetd and a syslog daemon, system services); its telnetd is unpacked
# into test/lab/.pkgs/ like nmcli, and socat hands it each connection. libkrb5-3, libk5crypto3,
# libcom-err2 and libtinfo6 are the libraries it links.
# openvpn: a real OpenVPN tunnel (static key) from the lab PC to the lab router for the VPN-up
# e2e test; its system service must not start on install (policy-rc.d below) and has no config.
PACKAGES=(time iproute2 samba smbclient snmpd snmp miniupnpd vsftpd nmap tcpdump busybox libnss-wrapper openssl chromium fonts-noto-cjk avahi-daemon dnsmasq-base nfs-ganesha nfs-ganesha-vfs rpcbind minidlna cups-ipp-utils p910nd lighttpd lighttpd-mod-webdav dbus libnm0 libreadline8 python3-dbusmock socat libkrb5-3 libk5crypto3 libcom-err2 libtinfo6 openvpn)
BINARIES=(socat openvpn ip smbd smbclient snmpd snmpget miniupnpd vsftpd nmap tcpdump busybox openssl chromium nmbd nmblookup avahi-daemon dnsmasq ganesha.nfsd rpcbind minidlnad ippeveprinter p910nd lighttpd dbus-daemon dbus-send)
missing=0
for bin in "${BINARIES[@]}"; do
  command -v "$bin" >/dev/null 2>&1 || [ -x "/usr/sbin/$bin" ] || missing=1
done
compgen -G '/usr/lib/*/libnss_wrapper.so' >/dev/null || missing=1
compgen -G '/usr/lib/*/ganesha/libfsalvfs.so' >/dev/null || missing=1 # nfs-ganesha-vfs
[ -x /usr/bin/time ] || missing=1 # GNU time: the hostile-lab suite measures a scan's peak RSS with it
here=$(cd "$(dirname "$0")" && pwd)
# Single binaries unpacked from packages that are never installed (see above): package:path
UNPACKED=(network-manager:usr/bin/nmcli inetutils-telnetd:usr/sbin/telnetd)
for item in "${UNPACKED[@]}"; do
  [ -x "$here/.pkgs/${item%%:*}/${item#*:}" ] || missing=1
done
[ -f /usr/lib/python3/dist-packages/dbusmock/templates/networkmanager.py ] || missing=1
if [ "$missing" = 0 ]; then
  echo "lab packages already installed"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "lab packages missing and not root: install them with: sudo apt-get install ${PACKAGES[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# These packages ship daemons (smbd, nmbd, snmpd, vsftpd, miniupnpd, avahi-daemon) that must never
# start on the host's real network: forbid every service start for the length of the install.
added_policy=0
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
  chmod +x /usr/sbin/policy-rc.d
  added_policy=1
fi
cleanup() { [ "$added_policy" = 1 ] && rm -f /usr/sbin/policy-rc.d; return 0; }
trap cleanup EXIT
apt-get -o DPkg::Lock::Timeout=600 update -qq
apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${PACKAGES[@]}"
for item in "${UNPACKED[@]}"; do
  package=${item%%:*} path=${item#*:}
  [ -x "$here/.pkgs/$package/$path" ] && continue
  download=$(mktemp -d)
  (cd "$download" && apt-get -o DPkg::Lock::Timeout=600 download -qq "$package")
  dpkg-deb -x "$download/$package"_*.deb "$download/root"
  rm -rf "${here:?}/.pkgs/$package"
  mkdir -p "$(dirname "$here/.pkgs/$package/$path")"
  cp "$download/root/$path" "$here/.pkgs/$package/$path"
  rm -rf "$download"
  echo "unpacked $path from $package into test/lab/.pkgs/$package"
done
