#!/usr/bin/env bash
# homeaudit lab: a simulated home LAN made of Linux network namespaces running real
# Debian daemons. Everything is described by test/lab/topology.json.
#
#   lab.sh check                 can the lab run here? (root + binaries + netns support)
#   lab.sh up                    build the LAN and start the services (idempotent)
#   lab.sh down                  stop everything and delete the namespaces (idempotent)
#   lab.sh restart               down + up
#   lab.sh status                namespaces + recorded daemons; exit 0 only if fully up
#   lab.sh verify                end-to-end checks from the work PC (lab must be up)
#   lab.sh exec <host> <cmd...>  run a command inside a host's namespace
#
# SAFETY: the lab is never connected to the host's real interfaces. All links are veth
# pairs created directly inside lab namespaces (switch <-> host), the bridge lives in
# the switch namespace, there is no NAT and the router has no route off the lab LAN.
set -euo pipefail
umask 022
export LC_ALL=C
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"

LAB_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
CONF_DIR=$LAB_DIR/conf
TELNETD=$LAB_DIR/.pkgs/inetutils-telnetd/usr/sbin/telnetd # unpacked by install-packages.sh
# Each lab (by its topology's prefix) keeps its own state, so that two labs with different
# prefixes (the standard one and the hostile one, say) can be up at the same time.
state_name() {
  node -e 'try { const p = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).prefix; process.stdout.write(/^[a-z][a-z0-9]{0,7}$/.test(p) ? p : "halab") } catch { process.stdout.write("halab") }' \
    "${HALAB_TOPOLOGY:-$LAB_DIR/topology.json}"
}
STATE=$LAB_DIR/.state/$(state_name)
LOGS=$STATE/logs
PIDS=$STATE/pids
READY_TIMEOUT=${HALAB_READY_TIMEOUT:-15}
DAEMON_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

say() { printf 'lab: %s\n' "$*" >&2; }
die() {
  printf 'lab: error: %s\n' "$*" >&2
  exit 1
}
need_root() { [[ $EUID -eq 0 ]] || die "must run as root (sudo bash test/lab/lab.sh $*)"; }
topo() { node "$LAB_DIR/topology-shell.mjs" "$@"; }
now_us() { local t=$EPOCHREALTIME; echo "${t/./}"; }

TOPOLOGY_LOADED=0
load_topology() {
  ((TOPOLOGY_LOADED)) && return 0
  local env
  env=$(topo env) || die "cannot read $LAB_DIR/topology.json"
  eval "$env"
  TOPOLOGY_LOADED=1
}

take_lock() {
  mkdir -p "$STATE"
  exec 9>"$STATE/lock"
  flock -w 120 9 || die "another lab.sh is running (lock $STATE/lock)"
}

host_of() { # host name or namespace -> host name
  local x
  for x in $LAB_HOSTS; do
    if [[ $1 == "$x" || $1 == "${HOST_NS[$x]}" ]]; then
      echo "$x"
      return 0
    fi
  done
  return 1
}

pid_alive() { # running (not a zombie)?
  local st
  st=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  st=${st##*) }
  [[ ${st:0:1} != [ZX] ]]
}

lab_namespaces() { ip netns list 2>/dev/null | awk '{print $1}' | grep -E "^${LAB_PREFIX:-halab}-" || true; }

# ---------------------------------------------------------------------------- check
check_fail() {
  printf 'lab check: %s\n' "$1" >&2
  exit 1
}

cmd_check() {
  [[ $EUID -eq 0 ]] || check_fail "not root: the lab needs root for network namespaces (use sudo)"
  local spec b
  for spec in ip:iproute2 ss:iproute2 node:nodejs setsid:util-linux flock:util-linux \
    smbd:samba smbpasswd:samba-common-bin smbclient:smbclient snmpd:snmpd snmpget:snmp \
    miniupnpd:miniupnpd vsftpd:vsftpd busybox:busybox tcpdump:tcpdump nmap:nmap openssl:openssl \
    nmbd:samba nmblookup:samba-common-bin avahi-daemon:avahi-daemon dnsmasq:dnsmasq-base unshare:util-linux \
    minidlnad:minidlna ippeveprinter:cups-ipp-utils ipptool:cups-ipp-utils dbus-daemon:dbus-daemon p910nd:p910nd lighttpd:lighttpd; do
    b=${spec%%:*}
    command -v "$b" >/dev/null 2>&1 || check_fail "missing binary: $b (apt-get install ${spec#*:})"
  done
  local applets a
  applets=$(busybox --list)
  for a in httpd wget ftpget; do
    grep -qx "$a" <<<"$applets" || check_fail "busybox lacks the $a applet"
  done
  command -v socat >/dev/null 2>&1 || check_fail "missing binary: socat (apt-get install socat)"
  [[ -x $TELNETD ]] || check_fail "missing $TELNETD (run test/lab/install-packages.sh)"
  compgen -G '/usr/lib/lighttpd/mod_webdav.so' >/dev/null || check_fail "lighttpd lacks mod_webdav (apt-get install lighttpd-mod-webdav)"
  local nb
  for nb in ganesha.nfsd:nfs-ganesha rpcbind:rpcbind showmount:nfs-common nsenter:util-linux; do
    command -v "${nb%%:*}" >/dev/null 2>&1 || check_fail "missing binary: ${nb%%:*} (apt-get install ${nb#*:})"
  done
  compgen -G '/usr/lib/*/ganesha/libfsalvfs.so' >/dev/null || check_fail "nfs-ganesha lacks its VFS backend (apt-get install nfs-ganesha-vfs)"
  [[ -d /etc/avahi/services ]] || check_fail "/etc/avahi/services is missing (apt-get install --reinstall avahi-daemon)"
  local ftphome
  ftphome=$(getent passwd ftp | cut -d: -f6)
  [[ -n $ftphome && -d $ftphome ]] || check_fail "user 'ftp' (created by the vsftpd package) or its home directory is missing (apt-get install --reinstall vsftpd)"
  topo validate >/dev/null || check_fail "topology.json is invalid (node test/lab/topology-shell.mjs validate)"
  load_topology
  local p="${LAB_PREFIX}probe-$$" # deliberately outside the "<prefix>-" namespaces that down sweeps
  ip netns add "$p" 2>/dev/null || check_fail "cannot create network namespaces (ip netns add failed)"
  if ! ip -n "$p" link add probe0 type veth peer name probe1 2>/dev/null ||
    ! ip -n "$p" link add probebr type bridge 2>/dev/null; then
    ip netns del "$p" 2>/dev/null || true
    check_fail "kernel lacks veth or bridge support inside network namespaces"
  fi
  ip netns del "$p"
  echo "lab check: ok"
}

# -------------------------------------------------------------------------- network
ns_create() {
  local ns=$1
  ip netns add "$ns"
  ip netns exec "$ns" sysctl -q -w net.ipv6.conf.all.disable_ipv6=1 \
    net.ipv6.conf.default.disable_ipv6=1 "net.ipv4.ping_group_range=0 2147483647" >/dev/null
  ip -n "$ns" link set lo up
}

wan_up() { # router's WAN: a dead end inside the router namespace (CGNAT address, no route)
  local ns=$1 ifn=$2 addr=$3
  if ! ip -n "$ns" link add "$ifn" type dummy 2>/dev/null; then
    # No dummy driver in this kernel: a veth pair with both ends in the router namespace.
    ip -n "$ns" link add "$ifn" type veth peer name "${ifn}-isp"
    ip -n "$ns" link set "${ifn}-isp" up
  fi
  ip -n "$ns" addr add "$addr" dev "$ifn"
  ip -n "$ns" link set "$ifn" up
}

net_up() {
  local h ns
  ns_create "$LAB_SW_NS"
  ip -n "$LAB_SW_NS" link add "$LAB_BRIDGE" type bridge stp_state 0 forward_delay 0 mcast_snooping 0
  ip -n "$LAB_SW_NS" link set "$LAB_BRIDGE" up
  for h in $LAB_HOSTS; do
    ns=${HOST_NS[$h]}
    ns_create "$ns"
    # Both ends are created inside lab namespaces: nothing ever appears in the root one.
    ip -n "$LAB_SW_NS" link add "p-$h" type veth peer name eth0 address "${HOST_MAC[$h]}" netns "$ns"
    ip -n "$LAB_SW_NS" link set "p-$h" master "$LAB_BRIDGE" up
    ip -n "$ns" addr add "${HOST_IP[$h]}/$LAB_PREFIXLEN" dev eth0
    ip -n "$ns" link set eth0 up
    if [[ ${HOST_IP[$h]} != "$LAB_GW" ]]; then
      ip -n "$ns" route add default via "$LAB_GW" dev eth0
    fi
    if [[ -n ${HOST_WAN_IF[$h]} ]]; then
      wan_up "$ns" "${HOST_WAN_IF[$h]}" "${HOST_WAN_ADDR[$h]}"
    fi
    mkdir -p "/etc/netns/$ns"
    printf 'nameserver %s\n' "$LAB_DNS" >"/etc/netns/$ns/resolv.conf"
  done
}

# -------------------------------------------------------------------------- daemons
# spawn <host> <daemon> [VAR=value...] <cmd> [args...]
# Runs the command in the host's namespace, in its own session, with a clean
# environment; records "<host> <daemon> <pid>" in .state/pids.
spawn() {
  local h=$1 d=$2
  shift 2
  local pidf=$STATE/run/$h-$d.pid log=$LOGS/$h-$d.log pid='' i
  rm -f "$pidf"
  # shellcheck disable=SC2016
  setsid bash -c 'echo $$ >"$0"; exec "$@"' "$pidf" \
    ip netns exec "${HOST_NS[$h]}" env -i PATH="$DAEMON_PATH" HOME=/root LANG=C.UTF-8 "$@" \
    </dev/null >"$log" 2>&1 9>&- &
  for ((i = 0; i < 200; i++)); do
    if [[ -s $pidf ]]; then
      pid=$(<"$pidf")
      break
    fi
    sleep 0.01
  done
  [[ -n $pid ]] || die "could not start $d on $h"
  printf '%s %s %s\n' "$h" "$d" "$pid" >>"$PIDS"
}

find_nss_wrapper() {
  local f
  for f in /usr/lib/*/libnss_wrapper.so /usr/lib64/libnss_wrapper.so /usr/lib/libnss_wrapper.so; do
    if [[ -e $f ]]; then
      echo "$f"
      return 0
    fi
  done
  return 1
}

# The Samba lab user. Preferred: nss_wrapper (package libnss-wrapper) gives smbd a private
# passwd/group, so the host's /etc/passwd is never touched. Fallback: a no-login host user.
NSS_ENV=()
LAB_RUN_UID=
LAB_RUN_GID=
setup_lab_user() {
  local lib
  if lib=$(find_nss_wrapper); then
    mkdir -p "$STATE/nss"
    topo render - "$CONF_DIR/nss-passwd.in" "$STATE/nss/passwd"
    topo render - "$CONF_DIR/nss-group.in" "$STATE/nss/group"
    NSS_ENV=("LD_PRELOAD=$lib" "NSS_WRAPPER_PASSWD=$STATE/nss/passwd" "NSS_WRAPPER_GROUP=$STATE/nss/group")
    LAB_RUN_UID=$LAB_UID
    LAB_RUN_GID=$LAB_GID
  else
    if ! getent passwd "$LAB_USER" >/dev/null; then
      say "libnss-wrapper is not installed: creating host user $LAB_USER (useradd -M, nologin)"
      useradd -M -U -s /usr/sbin/nologin -c "homeaudit lab user" "$LAB_USER"
    fi
    LAB_RUN_UID=$(id -u "$LAB_USER")
    LAB_RUN_GID=$(id -g "$LAB_USER")
  fi
}

start_snmpd() {
  local h=$1 dir=$STATE/$1/snmp
  mkdir -p "$dir/persist" "$dir/agentx"
  topo render "$h" "$CONF_DIR/snmpd.conf.in" "$dir/snmpd.conf" "STATE_DIR=$dir"
  spawn "$h" snmpd SNMP_PERSISTENT_DIR="$dir/persist" MIBS= MIBDIRS="$dir/mibs" \
    snmpd -f -C -c "$dir/snmpd.conf" -Lo -I -smux "udp:${HOST_IP[$h]}:161"
}

start_httpd() {
  local h=$1 dir=$STATE/$1/www
  mkdir -p "$dir/html"
  topo render "$h" "$CONF_DIR/index.html.in" "$dir/html/index.html"
  : >"$dir/httpd.conf"
  spawn "$h" httpd busybox httpd -f -vv -p "${HOST_IP[$h]}:${HOST_HTTP_PORT[$h]}" \
    -h "$dir/html" -c "$dir/httpd.conf"
  # A second admin interface behind HTTP Basic auth with the router's factory password,
  # for the opt-in default-credential check.
  if [ -n "${HOST_HTTP_ADMIN_PORT[$h]}" ]; then
    mkdir -p "$dir/admin-html"
    cp "$dir/html/index.html" "$dir/admin-html/index.html"
    printf '/:%s:%s\n' "${HOST_HTTP_ADMIN_USER[$h]}" "${HOST_HTTP_ADMIN_PASSWORD[$h]}" >"$dir/admin-httpd.conf"
    spawn "$h" httpd-admin busybox httpd -f -vv -p "${HOST_IP[$h]}:${HOST_HTTP_ADMIN_PORT[$h]}" \
      -h "$dir/admin-html" -c "$dir/admin-httpd.conf" -r "${HOST_HTTP_ADMIN_REALM[$h]}"
  fi
}

# HTTPS admin page: openssl s_server with a self-signed certificate made at start-up, so the
# probes' TLS handling (certificates accepted but recorded) meets a real TLS stack.
start_https() {
  local h=$1 dir=$STATE/$1/tls
  mkdir -p "$dir"
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "${HOST_HTTPS_SUBJECT[$h]}" \
    -keyout "$dir/key.pem" -out "$dir/cert.pem" >/dev/null 2>&1 || die "openssl could not make the lab certificate"
  spawn "$h" https openssl s_server -quiet -www -accept "${HOST_IP[$h]}:${HOST_HTTPS_PORT[$h]}" \
    -cert "$dir/cert.pem" -key "$dir/key.pem"
}

start_miniupnpd() {
  local h=$1 dir=$STATE/$1/upnp
  mkdir -p "$dir"
  topo render "$h" "$CONF_DIR/miniupnpd.conf.in" "$dir/miniupnpd.conf" "STATE_DIR=$dir"
  spawn "$h" miniupnpd miniupnpd -f "$dir/miniupnpd.conf" -d -P "$dir/miniupnpd.pid"
}

start_smbd() {
  local h=$1 dir=$STATE/$1/samba shares=$STATE/$1/shares
  local conf=$dir/smb.conf name access encrypt comment path
  mkdir -p "$dir"/{run,lock,state,cache,private,ncalrpc,binddns,usershares,log} "$shares"
  chmod 700 "$dir/private"
  topo render "$h" "$CONF_DIR/smb-global.conf.in" "$conf" "SMB_DIR=$dir"
  while read -r name access encrypt comment; do
    path=$shares/$name
    mkdir -p "$path"
    if [[ -d $CONF_DIR/shares/$h/$name ]]; then cp -R "$CONF_DIR/shares/$h/$name/." "$path/"; fi
    case $access in
      guest-read) chown -R 0:0 "$path" && chmod -R u=rwX,go=rX "$path" ;;
      guest-write) chown -R 65534:65534 "$path" && chmod -R u=rwX,g=rwX,o=rX "$path" ;;
      user) chown -R "$LAB_RUN_UID:$LAB_RUN_GID" "$path" && chmod -R u=rwX,go= "$path" ;;
      *) die "topology.json: host $h share $name has unknown access '$access'" ;;
    esac
    topo render "$h" "$CONF_DIR/smb-share-$access.conf.in" "$dir/share.tmp" \
      "SHARE_NAME=$name" "SHARE_PATH=$path" "SHARE_COMMENT=$comment" "SHARE_SMBENCRYPT=$encrypt"
    cat "$dir/share.tmp" >>"$conf"
    rm -f "$dir/share.tmp"
  done < <(topo shares "$h")
  printf '%s\n%s\n' "$LAB_PASS" "$LAB_PASS" |
    ip netns exec "${HOST_NS[$h]}" env -i PATH="$DAEMON_PATH" "${NSS_ENV[@]}" \
      smbpasswd -c "$conf" -s -a "$LAB_USER" >"$LOGS/$h-smbpasswd.log" 2>&1 9>&- ||
    die "smbpasswd failed on $h (see $LOGS/$h-smbpasswd.log)"
  spawn "$h" smbd "${NSS_ENV[@]}" smbd --foreground --no-process-group --debug-stdout -s "$conf"
}

start_vsftpd() {
  local h=$1 dir=$STATE/$1/ftp
  mkdir -p "$dir/root" "$dir/empty"
  cp -R "$CONF_DIR/ftp-root/." "$dir/root/"
  chown -R 0:0 "$dir"
  chmod -R u=rwX,go=rX "$dir"
  topo render "$h" "$CONF_DIR/vsftpd.conf.in" "$dir/vsftpd.conf" \
    "FTP_ROOT=$dir/root" "FTP_EMPTY=$dir/empty" "FTP_LOG=$LOGS/$h-vsftpd-xfer.log"
  spawn "$h" vsftpd vsftpd "$dir/vsftpd.conf"
}

# NetBIOS names: nmbd with a small config of its own (conf/nmbd.conf.in), beside the smbd
# whose smb.conf keeps "disable netbios = yes".
start_nmbd() {
  local h=$1 dir=$STATE/$1/nmbd
  mkdir -p "$dir"/{run,lock,state,cache,private,ncalrpc,log}
  chmod 700 "$dir/private"
  topo render "$h" "$CONF_DIR/nmbd.conf.in" "$dir/nmbd.conf" "NMB_DIR=$dir"
  spawn "$h" nmbd nmbd --foreground --no-process-group --debug-stdout -s "$dir/nmbd.conf"
}

# mDNS/DNS-SD: avahi-daemon without D-Bus, as root without chroot, in a private mount
# namespace (unshare -m) where a tmpfs covers /run (its pid file and socket) and the lab's
# service files cover /etc/avahi/services and /etc/avahi/hosts. Nothing on the host changes.
start_avahi() {
  local h=$1 dir=$STATE/$1/avahi
  mkdir -p "$dir/services"
  : >"$dir/hosts"
  topo render "$h" "$CONF_DIR/avahi-daemon.conf.in" "$dir/avahi-daemon.conf"
  topo avahi-service "$h" "$dir/services/$h.service"
  # shellcheck disable=SC2016
  spawn "$h" avahi unshare --mount --propagation private sh -c '
    mount -t tmpfs -o size=1m,mode=0755 halab-avahi /run &&
    mount --bind "$1/services" /etc/avahi/services &&
    mount --bind "$1/hosts" /etc/avahi/hosts &&
    exec avahi-daemon --no-chroot --no-drop-root --no-rlimits --no-proc-title -f "$1/avahi-daemon.conf"' halab-avahi "$dir"
}

# A misbehaving device of the hostile lab (topology-hostile.json): one Node process that serves
# every behaviour the host lists under "hostile" (test/lab/hostile/behaviours/<name>.mjs). It
# prints "hostile device ready" once all of them listen.
start_hostile() {
  local h=$1
  # shellcheck disable=SC2086
  spawn "$h" hostile node "$LAB_DIR/hostile/device.mjs" "${HOST_IP[$h]}" ${HOST_HOSTILE[$h]}
}

# A valid 0.1 s WAV (8 kHz, mono, 8-bit PCM, silence): 44-byte header + 800 samples.
wav_file() {
  {
    printf 'RIFF\x44\x03\x00\x00WAVEfmt \x10\x00\x00\x00\x01\x00\x01\x00\x40\x1f\x00\x00\x40\x1f\x00\x00\x01\x00\x08\x00data\x20\x03\x00\x00'
    head -c 800 /dev/zero | tr '\0' '\200'
  } >"$1"
}

# DLNA media server (minidlna), like a TV sharing its recordings: a media dir under .state with
# two small WAV files made here, a database of its own; it announces itself by SSDP.
start_minidlna() {
  local h=$1 dir=$STATE/$1/dlna
  mkdir -p "$dir/media/Music" "$dir/media/Video" "$dir/db"
  wav_file "$dir/media/Music/chime.wav"
  wav_file "$dir/media/Music/doorbell.wav"
  topo render "$h" "$CONF_DIR/minidlna.conf.in" "$dir/minidlna.conf" "MEDIA_DIR=$dir/media" "DB_DIR=$dir/db"
  spawn "$h" minidlna minidlnad -d -f "$dir/minidlna.conf" -P "$dir/minidlna.pid"
}

# IPP printer: ippeveprinter (cups-ipp-utils). It will not start without DNS-SD, so a private
# dbus-daemon and an avahi-daemon with D-Bus run beside it, in a mount namespace of their own
# where a tmpfs covers /run (the bus socket, pid files) and the lab's files cover
# /etc/avahi/services and /etc/avahi/hosts: it announces _ipp._tcp like a real printer, and nothing
# on the host changes. It listens on IPv4 and IPv6 for its -n name, so nss_wrapper's hosts file
# gives that name the printer's address and :: (IPv6 is off in the lab). No -k: no job is kept.
start_ipp() {
  local h=$1 dir=$STATE/$1/ipp lib
  lib=$(find_nss_wrapper) || die "the IPP printer on $h needs libnss-wrapper (apt-get install libnss-wrapper)"
  mkdir -p "$dir/spool" "$dir/services" "$dir/home"
  : >"$dir/avahi-hosts"
  topo render "$h" "$CONF_DIR/avahi-daemon.conf.in" "$dir/avahi-daemon.conf"
  sed -i 's/^enable-dbus=no$/enable-dbus=yes/' "$dir/avahi-daemon.conf"
  printf '%s %s\n:: %s\n' "${HOST_IP[$h]}" "${HOST_MDNS_HOSTNAME[$h]}" "${HOST_MDNS_HOSTNAME[$h]}" >"$dir/hosts"
  local keys k
  local -a printer=()
  keys=$(topo keys "$h")
  for k in MAKE MODEL LOCATION NAME PORT; do printer+=("$(sed -n "s/^HOST_IPP_$k=//p" <<<"$keys")"); done
  # shellcheck disable=SC2016
  spawn "$h" ipp unshare --mount --propagation private sh -c '
    mount -t tmpfs -o size=1m,mode=0755 halab-ipp /run && mkdir -p /run/dbus &&
    mount --bind "$1/services" /etc/avahi/services && mount --bind "$1/avahi-hosts" /etc/avahi/hosts || exit 1
    dbus-daemon --system --nofork --nopidfile --nosyslog &
    i=0; until [ -S /run/dbus/system_bus_socket ] || [ $i -ge 100 ]; do sleep 0.05; i=$((i + 1)); done
    avahi-daemon --no-chroot --no-drop-root --no-rlimits --no-proc-title -f "$1/avahi-daemon.conf" &
    # ippeveprinter aborts when avahi is not yet running on the bus: wait for its state 2 (running).
    i=0; until dbus-send --system --print-reply --dest=org.freedesktop.Avahi / org.freedesktop.Avahi.Server.GetState 2>/dev/null | grep -q "int32 2" || [ $i -ge 200 ]; do sleep 0.05; i=$((i + 1)); done
    exec env HOME="$1/home" LD_PRELOAD="$2" NSS_WRAPPER_HOSTS="$1/hosts" \
      ippeveprinter -M "$4" -m "$5" -l "$6" -n "$3" -p "$8" -d "$1/spool" "$7"' halab-ipp \
    "$dir" "$lib" "${HOST_MDNS_HOSTNAME[$h]}" "${printer[@]}"
}

# Raw (JetDirect) printing on 9100: p910nd copies whatever it receives to /dev/null, so nothing
# sent to it is kept. Its lock and pid files go to a tmpfs over /run in a private mount namespace.
start_rawprint() {
  local h=$1
  # shellcheck disable=SC2016
  spawn "$h" rawprint unshare --mount --propagation private sh -c '
    mount -t tmpfs -o size=1m,mode=0755 halab-p910nd /run && mkdir -p /run/lock/p910nd &&
    exec p910nd -d -f /dev/null -i "$1" 0' halab-p910nd "${HOST_IP[$h]}"
}

# Telnet on 23, as many printers and old routers still offer it: GNU inetutils telnetd (unpacked
# into .pkgs/ by install-packages.sh; its package needs an inetd) behind socat, which execs a new
# telnetd on each connection with the TCP socket as its stdin/stdout (nofork), as inetd would.
# telnetd runs conf/telnet-login.sh instead of /bin/login: a prompt, never a shell of the host.
start_telnet() {
  local h=$1 dir=$STATE/$1/telnet
  mkdir -p "$dir"
  # telnetd takes one word for -E: a per-host wrapper that passes the prompt's name.
  printf '#!/bin/sh\nexec %q %q\n' "$CONF_DIR/telnet-login.sh" "${HOST_MDNS_HOSTNAME[$h]:-$h}" >"$dir/login"
  chmod 0755 "$dir/login"
  spawn "$h" telnet socat "TCP-LISTEN:23,bind=${HOST_IP[$h]},reuseaddr,fork" "EXEC:$TELNETD -h -E $dir/login,nofork"
}

# WebDAV: lighttpd + mod_webdav, anonymous and read-only, serving a copy of conf/webdav-root/.
start_webdav() {
  local h=$1 dir=$STATE/$1/webdav
  mkdir -p "$dir/root" "$dir/tmp"
  cp -R "$CONF_DIR/webdav-root/." "$dir/root/"
  chown -R 0:0 "$dir/root"
  chmod -R u=rwX,go=rX "$dir/root"
  topo render "$h" "$CONF_DIR/lighttpd-webdav.conf.in" "$dir/lighttpd.conf" "DAV_ROOT=$dir/root" "DAV_TMP=$dir/tmp"
  spawn "$h" webdav lighttpd -D -f "$dir/lighttpd.conf"
}

# NFS: rpcbind (the portmapper) and nfs-ganesha (a user-space NFS server) share one private mount
# namespace where a tmpfs covers /run. rpcbind's socket (/run/rpcbind.sock, through which ganesha
# registers NFS and MOUNT), its lock and its state files stay in it, so nothing on the host changes
# and a host rpcbind is never met. rpcbind starts first (topology.json lists it first); ganesha
# joins its mount namespace with nsenter.
start_rpcbind() {
  local h=$1
  # shellcheck disable=SC2016
  spawn "$h" rpcbind unshare --mount --propagation private sh -c '
    mount -t tmpfs -o size=1m,mode=0755 halab-rpcbind /run && mkdir -p /run/rpcbind && exec rpcbind -f'
}

# fill <template> KEY=VALUE...: the template with those @{KEY}s replaced, in bash alone (every
# `topo render` starts node, about half a second); a placeholder left unfilled is an error.
fill() {
  local tpl=$1 text kv rest
  text=$(<"$tpl")
  shift
  for kv in "$@"; do text=${text//"@{${kv%%=*}}"/"${kv#*=}"}; done
  if [[ $text == *'@{'* ]]; then
    rest=${text#*'@{'}
    die "${tpl##*/}: unfilled placeholder @{${rest%%\}*}}"
  fi
  printf '%s\n' "$text"
}

# ganesha: no D-Bus (it logs that the bus is missing and goes on), no Kerberos, no lock manager,
# TCP only, MOUNT on the fixed port of hosts[].nfs.mountPort; one VFS export of a directory under
# .state/<host>/nfs/exports per hosts[].nfs.exports entry, shown by its Pseudo path (/volume1/...).
start_ganesha() {
  local h=$1 dir=$STATE/$1/nfs plugins pid id path clients access squash name i
  local -a host_keys=("HOST_NAMESPACE=${HOST_NS[$h]}" "HOST_IP=${HOST_IP[$h]}" "HOST_NFS_MOUNTPORT=${HOST_NFS_MOUNT_PORT[$h]}")
  plugins=$(compgen -G '/usr/lib/*/ganesha/libfsalvfs.so' | head -n 1) || die "nfs-ganesha-vfs is not installed"
  mkdir -p "$dir/recovery" "$dir/exports"
  fill "$CONF_DIR/ganesha.conf.in" "${host_keys[@]}" "NFS_DIR=$dir" "PLUGINS_DIR=${plugins%/*}" >"$dir/ganesha.conf"
  while read -r id path clients access; do
    [[ -n $id ]] || continue
    name=${path##*/}
    mkdir -p "$dir/exports/$name"
    printf 'The %s export of the lab NAS.\n' "$path" >"$dir/exports/$name/README.txt"
    chown -R 0:0 "$dir/exports/$name"
    chmod -R u=rwX,go=rX "$dir/exports/$name"
    squash=root_squash
    [[ $access == RO ]] && squash=all_squash
    fill "$CONF_DIR/ganesha-export.conf.in" "${host_keys[@]}" "EXPORT_ID=$id" "EXPORT_PATH=$dir/exports/$name" \
      "EXPORT_PSEUDO=$path" "EXPORT_CLIENTS=$clients" "EXPORT_ACCESS=$access" "EXPORT_SQUASH=$squash" >>"$dir/ganesha.conf"
  done <<<"${HOST_NFS_EXPORTS[$h]}"
  pid=$(awk -v h="$h" '$1 == h && $2 == "rpcbind" { p = $3 } END { print p }' "$PIDS")
  [[ -n $pid ]] || die "topology.json: host $h must list the rpcbind daemon before ganesha"
  for ((i = 0; i < 150; i++)); do
    [[ -S /proc/$pid/root/run/rpcbind.sock ]] && break
    pid_alive "$pid" || die "rpcbind on $h exited during start-up; see $LOGS/$h-rpcbind.log"
    sleep 0.02
  done
  [[ -S /proc/$pid/root/run/rpcbind.sock ]] || die "rpcbind on $h did not create /run/rpcbind.sock"
  spawn "$h" ganesha nsenter --mount="/proc/$pid/ns/mnt" ganesha.nfsd -F -f "$dir/ganesha.conf" -L /dev/stderr -p "$dir/ganesha.pid"
}

# The router's DNS: dnsmasq answering only the lab names (conf/dnsmasq.conf.in), no upstream.
start_dnsmasq() {
  local h=$1 dir=$STATE/$1/dns
  mkdir -p "$dir"
  topo render "$h" "$CONF_DIR/dnsmasq.conf.in" "$dir/dnsmasq.conf"
  topo dnshosts >"$dir/hosts"
  spawn "$h" dnsmasq dnsmasq --no-daemon --conf-file="$dir/dnsmasq.conf" --interface=eth0 --bind-interfaces \
    --no-resolv --no-hosts --addn-hosts="$dir/hosts" --pid-file=
}

# ------------------------------------------------------------------------ readiness
# Prints the listening sockets of a namespace as "proto port addr" (device suffix dropped).
listening() {
  ip netns exec "$1" ss -H -l -n -t -u 2>/dev/null | awk '{
    local = $5; sub(/%[^:]*:/, ":", local)
    n = split(local, a, ":"); port = a[n]; addr = substr(local, 1, length(local) - length(port) - 1)
    print $1, port, addr }'
}

port_ready() { # ns proto port ip (minidlna binds its SSDP socket to the group address itself)
  listening "$1" | awk -v pr="$2" -v p="$3" -v ip="$4" '
    $1 == pr && $2 == p && ($3 == ip || $3 == "0.0.0.0" || $3 == "*" || $3 == "239.255.255.250") { found = 1 } END { exit !found }'
}

show_log_tails() {
  local f
  for f in "$LOGS"/*.log; do
    [[ -s $f ]] || continue
    printf -- '----- %s (last 15 lines)\n' "${f#"$LAB_DIR"/}" >&2
    tail -n 15 "$f" >&2
  done
}

daemons_alive() {
  local h d pid
  while read -r h d pid; do
    pid_alive "$pid" || die "$d on $h (pid $pid) exited during start-up; see $LOGS/$h-$d.log"
  done <"$PIDS"
}

# poll_until <seconds> <failure message> <command...>: run the command until it succeeds,
# pausing between tries; a daemon that exits, or wait_ready's $deadline, ends the bring-up.
poll_until() {
  local interval=$1 failure=$2
  shift 2
  until "$@"; do
    daemons_alive
    (($(now_us) < deadline)) || die "$failure"
    sleep "$interval"
  done
}

# Readiness probes of wait_ready ($1: the work PC's namespace where they ask something).
runs() { [[ " ${HOST_DAEMONS[$1]} " == *" $2 "* ]]; }
log_says() { grep -q "$2" "$LOGS/$1.log" 2>/dev/null; }
snmp_answers() {
  ip netns exec "$1" snmpget -v2c -c "${HOST_SNMP_COMMUNITY[$2]}" -t 0.5 -r 0 -Oqv \
    "${HOST_IP[$2]}" 1.3.6.1.2.1.1.1.0 >/dev/null 2>&1
}
igd_description_served() {
  local out
  out=$(ip netns exec "$1" timeout 2 busybox wget -q -O - "$2" 2>/dev/null || true)
  [[ $out == *'<deviceType>urn:schemas-upnp-org:device:InternetGatewayDevice'* ]]
}
nbstat_has_name() { nbstat_names "$1" "$2" | grep -qx "$3 <00>"; }
exports_listed() { ip netns exec "$1" timeout 2 showmount -e "$2" >/dev/null 2>&1; }
mdns_announces() { mdns_query "$1" "$3.local" PTR | grep -q "^$2 12 "; }

wait_ready() {
  local deadline=$(($(now_us) + READY_TIMEOUT * 1000000))
  local -a pending=() still=()
  local h p item proto port
  for h in $LAB_HOSTS; do
    for p in ${HOST_TCP[$h]}; do pending+=("$h tcp $p"); done
    for p in ${HOST_UDP[$h]}; do pending+=("$h udp $p"); done
  done
  while ((${#pending[@]})); do
    still=()
    for item in "${pending[@]}"; do
      read -r h proto port <<<"$item"
      port_ready "${HOST_NS[$h]}" "$proto" "$port" "${HOST_IP[$h]}" || still+=("$item")
    done
    pending=("${still[@]+"${still[@]}"}")
    ((${#pending[@]})) || break
    daemons_alive
    (($(now_us) < deadline)) || die "timed out after ${READY_TIMEOUT}s waiting for: ${pending[*]}"
    sleep 0.05
  done

  # SNMP must answer from the work PC, UPnP description must be fetchable from it.
  local audit_ns=${HOST_NS[$LAB_AUDIT_HOST]} want
  for h in $LAB_HOSTS; do
    [[ -n ${HOST_SNMP_COMMUNITY[$h]} ]] || continue
    poll_until 0.1 "snmpd on $h does not answer snmpget from $LAB_AUDIT_HOST" snmp_answers "$audit_ns" "$h"
  done
  for h in $LAB_HOSTS; do
    [[ -n ${HOST_UPNP_URL[$h]} ]] || continue
    poll_until 0.1 "UPnP description ${HOST_UPNP_URL[$h]} not served by $h" igd_description_served "$audit_ns" "${HOST_UPNP_URL[$h]}"
  done
  for h in $LAB_HOSTS; do
    # nmbd answers a node status only once it has registered its names (a few seconds).
    if runs "$h" nmbd; then
      poll_until 0.2 "nmbd on $h does not answer a node status with ${HOST_NETBIOS_NAME[$h]}<00>" \
        nbstat_has_name "$audit_ns" "${HOST_IP[$h]}" "${HOST_NETBIOS_NAME[$h]}"
    fi
    if runs "$h" hostile; then
      poll_until 0.1 "the hostile device $h did not get ready" log_says "$h-hostile" 'hostile device ready'
    fi
    # ganesha answers MOUNT EXPORT (showmount -e) once it has registered with rpcbind.
    if runs "$h" ganesha; then
      poll_until 0.1 "nfs-ganesha on $h does not answer showmount -e" exports_listed "$audit_ns" "${HOST_IP[$h]}"
    fi
    # avahi answers for its services once it has probed for the names (about a second).
    if runs "$h" avahi; then
      want='successfully established'
      [[ -e $STATE/$h/avahi/services/$h.service ]] || want='Server startup complete'
      poll_until 0.1 "avahi on $h did not establish its services" log_says "$h-avahi" "$want"
    fi
    # minidlna serves its content directory once its first scan of the media dir is done.
    if runs "$h" minidlna; then
      poll_until 0.1 "minidlna on $h did not finish scanning its media" log_says "$h-minidlna" 'Initial file scan completed'
    fi
    # The printer's avahi answers for _ipp._tcp once ippeveprinter has registered and it has
    # probed (each mDNS query takes a second: no pause between them).
    if runs "$h" ipp; then
      poll_until 0 "the IPP printer on $h is not announced over mDNS" mdns_announces "$audit_ns" "${HOST_IP[$h]}" _ipp._tcp
    fi
  done
}

# "NAME <xx>" lines of the node status of $2, asked from namespace $1 (nmblookup -A).
nbstat_names() {
  ip netns exec "$1" timeout 5 nmblookup -s /dev/null -A "$2" 2>/dev/null |
    awk '/<[0-9a-fA-F][0-9a-fA-F]>/ { n = $1; for (i = 2; i <= NF; i++) if ($i ~ /^<..>$/) { print n, $i; break } }'
}

# Legacy-unicast mDNS query (RFC 6762 6.7) of <name> <type> from namespace $1, TTL 1: prints
# "address type name data" of every answer within a second.
mdns_query() {
  ip netns exec "$1" node -e '
    const dgram = require("dgram"), [name, qtype] = process.argv.slice(1), types = {A: 1, PTR: 12, TXT: 16, SRV: 33};
    const enc = (n) => Buffer.concat([...n.split(".").filter(Boolean).map((l) => { const b = Buffer.from(l); return Buffer.concat([Buffer.from([b.length]), b]) }), Buffer.from([0])]);
    const q = Buffer.concat([Buffer.from([0x4c, 0x41, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0]), enc(name), Buffer.from([0, types[qtype], 0, 1])]);
    const readName = (buf, off) => { const parts = []; let jumped = false, end = off; for (let i = 0; i < 64; i++) { const len = buf[off]; if (len === 0) { if (!jumped) end = off + 1; break } if ((len & 0xc0) === 0xc0) { if (!jumped) end = off + 2; off = buf.readUInt16BE(off) & 0x3fff; jumped = true; continue } parts.push(buf.toString("utf8", off + 1, off + 1 + len)); off += 1 + len } return [parts.join("."), end] };
    const s = dgram.createSocket("udp4");
    s.on("message", (m, r) => { try { let off = 12; for (let i = 0; i < m.readUInt16BE(4); i++) off = readName(m, off)[1] + 4;
      for (let i = 0; i < m.readUInt16BE(6) + m.readUInt16BE(10); i++) { const [n, o] = readName(m, off); const t = m.readUInt16BE(o), len = m.readUInt16BE(o + 8), d = o + 10;
        const data = t === 1 ? [...m.subarray(d, d + 4)].join(".") : t === 12 ? readName(m, d)[0] : t === 33 ? readName(m, d + 6)[0] + ":" + m.readUInt16BE(d + 4) : t === 16 ? JSON.stringify(m.toString("utf8", d + 1, d + len)) : "";
        console.log(r.address, t, n, data); off = d + len } } catch {} });
    s.bind(0, () => { s.setMulticastTTL(1); s.send(q, 5353, "224.0.0.251") });
    setTimeout(() => s.close(), 1000);' "$2" "$3" 2>/dev/null || true
}

# Every host must listen on exactly the ports topology.json lists (loopback ignored).
# miniupnpd's and minidlnad's SSDP NOTIFY senders are unconnected UDP sockets on a random port
# that nothing answers on; they are tolerated (they are not services).
check_sockets() {
  local h p expected actual bad=0 extra missing
  for h in $LAB_HOSTS; do
    expected=$(for p in ${HOST_TCP[$h]}; do echo "tcp $p"; done; for p in ${HOST_UDP[$h]}; do echo "udp $p"; done)
    expected=$(sort -u <<<"$expected")
    actual=$(listening "${HOST_NS[$h]}" | awk '$3 !~ /^(127\.|\[::1\])/ {print $1, $2}' | sort -u)
    missing=$(comm -23 <(echo "$expected") <(echo "$actual") | sed '/^$/d')
    extra=$(comm -13 <(echo "$expected") <(echo "$actual") | sed '/^$/d')
    if [[ -n $extra ]]; then
      extra=$(grep -v -x -F -f <(notify_sockets "$h") <<<"$extra" || true)
    fi
    if [[ -n $missing || -n $extra ]]; then
      say "host $h: listening sockets differ from topology.json: missing [${missing//$'\n'/, }] extra [${extra//$'\n'/, }]"
      bad=1
    fi
  done
  ((bad == 0)) || die "listening ports do not match topology.json"
}

notify_sockets() { # "udp <port>" of miniupnpd's and minidlnad's ephemeral NOTIFY socket(s) on host $1
  ip netns exec "${HOST_NS[$1]}" ss -H -l -n -u -p 2>/dev/null |
    awk '/"miniupnpd"|"minidlnad"/ { l = $4; sub(/%[^:]*:/, ":", l); n = split(l, a, ":"); if (a[n] != 1900) print "udp", a[n] }'
}

# --------------------------------------------------------------------------- down
teardown() {
  local prefix=${LAB_PREFIX:-halab} h d pid ns i
  local -a nss=()
  mapfile -t nss < <(lab_namespaces)
  # 1. the daemons we recorded (only if still ours: inside a lab namespace, or started
  #    with a config under .state/)
  if [[ -f $PIDS ]]; then
    while read -r h d pid; do
      [[ $pid =~ ^[0-9]+$ && -d /proc/$pid ]] || continue
      ns=$(ip netns identify "$pid" 2>/dev/null || true)
      if [[ $ns == "$prefix"-* || $(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) == *"$STATE/"* ]]; then
        kill -TERM "$pid" 2>/dev/null || true
      fi
    done <"$PIDS"
  fi
  # 2. anything else still running inside our namespaces
  if ((${#nss[@]})); then
    for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30; do
      local -a left=()
      for ns in "${nss[@]}"; do
        mapfile -t -O "${#left[@]}" left < <(ip netns pids "$ns" 2>/dev/null || true)
      done
      ((${#left[@]})) || break
      if ((i == 1)); then
        kill -TERM "${left[@]}" 2>/dev/null || true
      elif ((i >= 20)); then
        kill -KILL "${left[@]}" 2>/dev/null || true
      fi
      sleep 0.1
    done
    for ns in "${nss[@]}"; do ip netns del "$ns" 2>/dev/null || true; done
  fi
  rm -rf /etc/netns/"$prefix"-*
  rmdir /etc/netns 2>/dev/null || true
  if [[ -d $STATE ]]; then
    find "$STATE" -mindepth 1 -maxdepth 1 ! -name logs ! -name lock -exec rm -rf {} +
  fi
}

cmd_down() {
  need_root down
  local env
  if env=$(topo env 2>/dev/null); then
    eval "$env"
    TOPOLOGY_LOADED=1
  else
    say "topology.json is unreadable; tearing down namespaces named halab-*"
  fi
  take_lock
  teardown
  say "down"
}

# ----------------------------------------------------------------------------- up
fingerprint() {
  {
    cat "${HALAB_TOPOLOGY:-$LAB_DIR/topology.json}" "$LAB_DIR/lab.sh" "$LAB_DIR/topology-shell.mjs"
    local dirs=("$CONF_DIR")
    [[ -d $LAB_DIR/hostile ]] && dirs+=("$LAB_DIR/hostile")
    find "${dirs[@]}" -type f -print0 | sort -z | xargs -0 cat
  } | sha256sum | cut -d' ' -f1
}

UP_DONE=1
up_failed() {
  local rc=$?
  ((UP_DONE)) && return 0
  say "bring-up failed; logs are in ${LOGS#"$LAB_DIR"/}"
  show_log_tails
  if [[ ${HALAB_KEEP_ON_FAILURE:-0} == 1 ]]; then
    say "HALAB_KEEP_ON_FAILURE=1: leaving the half-built lab for inspection (lab.sh down removes it)"
  else
    teardown
  fi
  exit "$rc"
}

cmd_up() {
  need_root up
  (cmd_check >/dev/null) || exit 1
  load_topology
  take_lock
  if lab_status >/dev/null 2>&1 && [[ -f $STATE/fingerprint && $(<"$STATE/fingerprint") == "$(fingerprint)" ]]; then
    say "already up"
    return 0
  fi
  teardown
  local t0 h d
  t0=$(now_us)
  UP_DONE=0
  trap up_failed EXIT
  mkdir -p "$LOGS" "$STATE/run"
  rm -f "$LOGS"/*.log
  : >"$PIDS"
  net_up
  setup_lab_user
  for h in $LAB_HOSTS; do
    for d in ${HOST_DAEMONS[$h]}; do
      declare -F "start_$d" >/dev/null || die "topology.json: unknown daemon '$d' on $h"
      "start_$d" "$h"
    done
  done
  wait_ready
  check_sockets
  fingerprint >"$STATE/fingerprint"
  UP_DONE=1
  trap - EXIT
  local us=$(($(now_us) - t0))
  say "up in $((us / 1000000)).$(printf '%03d' $((us / 1000 % 1000)))s: $LAB_SUBNET on $LAB_SW_NS/$LAB_BRIDGE; hosts: $(
    for h in $LAB_HOSTS; do printf '%s=%s ' "$h" "${HOST_IP[$h]}"; done
  )"
}

# ------------------------------------------------------------------------- status
lab_status() {
  local ok=0 h d pid ns want state
  local -A have_ns=() recorded=()
  while read -r ns; do [[ -n $ns ]] && have_ns[$ns]=1; done < <(lab_namespaces)
  echo "namespaces:"
  for ns in "$LAB_SW_NS" $(for h in $LAB_HOSTS; do echo "${HOST_NS[$h]}"; done); do
    if [[ -n ${have_ns[$ns]:-} ]]; then state=present; else state=MISSING; ok=1; fi
    printf '  %-14s %s\n' "$ns" "$state"
    unset "have_ns[$ns]"
  done
  for ns in "${!have_ns[@]}"; do printf '  %-14s %s\n' "$ns" "stray (not in topology.json)"; done
  echo "daemons:"
  if [[ -s $PIDS ]]; then
    while read -r h d pid; do
      recorded["$h $d"]=1
      want=${HOST_NS[$h]:-?}
      if pid_alive "$pid"; then
        ns=$(ip netns identify "$pid" 2>/dev/null || echo "?")
        if [[ $ns == "$want" || $ns == "?" ]]; then state=alive; else
          state="alive but in namespace '$ns'"
          ok=1
        fi
      else
        state=DEAD
        ok=1
      fi
      printf '  %-8s %-10s pid %-7s %s\n' "$h" "$d" "$pid" "$state"
    done <"$PIDS"
  fi
  for h in $LAB_HOSTS; do
    for d in ${HOST_DAEMONS[$h]}; do
      if [[ -z ${recorded["$h $d"]:-} ]]; then
        printf '  %-8s %-10s %s\n' "$h" "$d" "NOT RUNNING"
        ok=1
      fi
    done
  done
  return "$ok"
}

cmd_status() {
  load_topology
  if lab_status; then
    echo "lab is up"
  else
    echo "lab is not (fully) up"
    return 1
  fi
}

# ------------------------------------------------------------------------- verify
VERIFY_FAIL=0
vpass() { printf 'PASS %s\n' "$*"; }
vfail() {
  printf 'FAIL %s\n' "$*"
  VERIFY_FAIL=$((VERIFY_FAIL + 1))
}

cmd_verify() {
  need_root verify
  load_topology
  lab_status >/dev/null || die "the lab is not up (lab.sh up)"
  local pc=${HOST_NS[$LAB_AUDIT_HOST]} h out want got name access encrypt comment file ip
  local -a smb_opts=()
  local -a in_pc=(ip netns exec "$pc")

  # L2/L3: every host answers ping and shows up in the PC's neighbour table with its MAC.
  for h in $LAB_HOSTS; do
    [[ $h == "$LAB_AUDIT_HOST" ]] && continue
    if "${in_pc[@]}" busybox ping -c 1 -W 1 "${HOST_IP[$h]}" >/dev/null 2>&1; then vpass "ping $h ${HOST_IP[$h]}"; else vfail "ping $h ${HOST_IP[$h]}"; fi
    got=$("${in_pc[@]}" ip neigh show "${HOST_IP[$h]}" dev eth0 | awk '{for (i = 1; i < NF; i++) if ($i == "lladdr") print $(i + 1)}')
    if [[ $got == "${HOST_MAC[$h]}" ]]; then vpass "neigh $h $got"; else vfail "neigh $h: want ${HOST_MAC[$h]} got '$got'"; fi
  done
  got=$("${in_pc[@]}" ip route show default)
  if [[ $got == "default via $LAB_GW dev eth0"* ]]; then vpass "pc default route via $LAB_GW"; else vfail "pc default route: $got"; fi

  # TCP: a full port scan of every other host matches topology.json.
  for h in $LAB_HOSTS; do
    [[ $h == "$LAB_AUDIT_HOST" ]] && continue
    want=$(echo "${HOST_TCP[$h]}" | tr ' ' '\n' | sed '/^$/d' | sort -n | paste -sd, -)
    got=$("${in_pc[@]}" nmap -n -Pn -sS -p- --max-retries 1 -T4 -oG - "${HOST_IP[$h]}" 2>/dev/null |
      grep -o 'Ports: .*' | grep -oE '[0-9]+/open/tcp' | cut -d/ -f1 | sort -n | paste -sd, - || true)
    if [[ $got == "$want" ]]; then vpass "open TCP on $h: [${got}]"; else vfail "open TCP on $h: want [$want] got [$got]"; fi
  done

  # Router: HTTP admin page, SNMP, UPnP (description + SSDP M-SEARCH).
  for h in $LAB_HOSTS; do
    ip=${HOST_IP[$h]}
    if [[ -n ${HOST_HTTP_PORT[$h]} ]]; then
      want=$(topo keys "$h" | sed -n 's/^HOST_HTTP_TITLE=//p')
      out=$("${in_pc[@]}" timeout 3 busybox wget -q -O - "http://$ip:${HOST_HTTP_PORT[$h]}/" 2>&1 || true)
      if grep -qF "<title>$want</title>" <<<"$out"; then vpass "http $h title '$want'"; else vfail "http $h: no title '$want'"; fi
    fi
    if [[ -n ${HOST_SNMP_COMMUNITY[$h]} ]]; then
      want=$(topo keys "$h" | sed -n 's/^HOST_SNMP_SYSDESCR=//p')
      out=$("${in_pc[@]}" snmpget -v2c -c "${HOST_SNMP_COMMUNITY[$h]}" -t 1 -r 1 -Oqv "$ip" 1.3.6.1.2.1.1.1.0 2>&1 || true)
      if [[ $out == "\"$want\"" || $out == "$want" ]]; then vpass "snmp $h sysDescr $out"; else vfail "snmp $h sysDescr: want '$want' got '$out'"; fi
      want=$(topo keys "$h" | sed -n 's/^HOST_SNMP_SYSNAME=//p')
      out=$("${in_pc[@]}" snmpget -v2c -c "${HOST_SNMP_COMMUNITY[$h]}" -t 1 -r 1 -Oqv "$ip" 1.3.6.1.2.1.1.5.0 2>&1 || true)
      if [[ $out == "\"$want\"" || $out == "$want" ]]; then vpass "snmp $h sysName $out"; else vfail "snmp $h sysName: want '$want' got '$out'"; fi
    fi
    if [[ -n ${HOST_UPNP_URL[$h]} ]]; then
      want=$(topo keys "$h" | sed -n 's/^HOST_UPNP_MANUFACTURER=//p')
      out=$("${in_pc[@]}" timeout 3 busybox wget -q -O - "${HOST_UPNP_URL[$h]}" 2>&1 || true)
      if grep -qF "<manufacturer>$want</manufacturer>" <<<"$out"; then vpass "upnp $h rootDesc manufacturer '$want'"; else vfail "upnp $h rootDesc: no manufacturer '$want'"; fi
      out=$("${in_pc[@]}" node -e '
        const s = require("dgram").createSocket("udp4"); const seen = new Set();
        s.on("message", (m, r) => { const loc = /^location:\s*(\S+)/im.exec(m.toString()); if (loc) seen.add(r.address + " " + loc[1]); });
        s.bind(0, () => { s.send(Buffer.from("M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: \"ssdp:discover\"\r\nMX: 1\r\nST: ssdp:all\r\n\r\n"), 1900, "239.255.255.250"); });
        setTimeout(() => { console.log([...seen].join("\n")); s.close(); }, 2000);' 2>&1 || true)
      if grep -qF "$ip ${HOST_UPNP_URL[$h]}" <<<"$out"; then vpass "ssdp M-SEARCH (multicast) answered by $h with LOCATION ${HOST_UPNP_URL[$h]}"; else vfail "ssdp M-SEARCH: no answer from $h ($out)"; fi
    fi
  done

  # SMB: anonymous share listing and per-share access as declared in topology.json.
  for h in $LAB_HOSTS; do
    [[ " ${HOST_DAEMONS[$h]} " == *" smbd "* ]] || continue
    ip=${HOST_IP[$h]}
    # smbclient's own limits: SMB1 for an SMB1-only host, port 139 for a NetBIOS-only one.
    smb_opts=()
    [[ $(topo keys "$h" | sed -n 's/^HOST_SMB_MAXPROTOCOL=//p') == NT1 ]] && smb_opts+=(-m NT1 --option='client min protocol=NT1')
    [[ $(topo keys "$h" | sed -n 's/^HOST_SMB_PORTS=//p') == 139 ]] && smb_opts+=(-p 139)
    want=$(topo shares "$h" | awk '{print $1}' | sort | paste -sd, -)
    got=$("${in_pc[@]}" smbclient "${smb_opts[@]}" -g -U "$LAB_USER%$LAB_PASS" -L "//$ip" 2>/dev/null | awk -F'|' '$1 == "Disk" {print $2}' | sort | paste -sd, - || true)
    if [[ $got == "$want" ]]; then vpass "smb $h shares (as $LAB_USER): [$got]"; else vfail "smb $h shares: want [$want] got [$got]"; fi
    out=$("${in_pc[@]}" smbclient "${smb_opts[@]}" -N -g -L "//$ip" 2>&1 || true)
    if [[ $(topo keys "$h" | sed -n 's/^HOST_SMB_RESTRICTANONYMOUS=//p') == 0 ]]; then
      if grep -q '^Disk|' <<<"$out"; then vpass "smb $h anonymous share listing allowed"; else vfail "smb $h anonymous listing: $out"; fi
    else
      if grep -q '^Disk|' <<<"$out"; then vfail "smb $h anonymous listing should be refused"; else vpass "smb $h anonymous share listing refused"; fi
    fi
    while read -r name access encrypt comment; do
      case $access in
        guest-read)
          if "${in_pc[@]}" smbclient "${smb_opts[@]}" -N "//$ip/$name" -c ls >/dev/null 2>&1; then vpass "smb $h/$name guest read"; else vfail "smb $h/$name guest read"; fi
          out=$("${in_pc[@]}" smbclient "${smb_opts[@]}" -N "//$ip/$name" -c 'put /etc/hostname halab-verify.txt' 2>&1 || true)
          if [[ $out == *NT_STATUS_ACCESS_DENIED* ]]; then vpass "smb $h/$name guest write refused"; else vfail "smb $h/$name guest write not refused"; fi
          ;;
        guest-write)
          if "${in_pc[@]}" smbclient "${smb_opts[@]}" -N "//$ip/$name" -c 'put /etc/hostname halab-verify.txt; del halab-verify.txt' >/dev/null 2>&1; then vpass "smb $h/$name guest write"; else vfail "smb $h/$name guest write"; fi
          ;;
        user)
          if "${in_pc[@]}" smbclient "${smb_opts[@]}" -N "//$ip/$name" -c ls >/dev/null 2>&1; then vfail "smb $h/$name readable as guest"; else vpass "smb $h/$name refused to guest"; fi
          if "${in_pc[@]}" smbclient "${smb_opts[@]}" -U "$LAB_USER%$LAB_PASS" "//$ip/$name" -c ls >/dev/null 2>&1; then vpass "smb $h/$name readable as $LAB_USER"; else vfail "smb $h/$name not readable as $LAB_USER"; fi
          ;;
      esac
      if [[ $encrypt == required ]]; then
        # SMB 2.1 cannot encrypt: the user is refused there.
        if "${in_pc[@]}" smbclient "${smb_opts[@]}" -m SMB2_10 -U "$LAB_USER%$LAB_PASS" "//$ip/$name" -c ls >/dev/null 2>&1; then vfail "smb $h/$name readable without encryption"; else vpass "smb $h/$name refused without SMB3 encryption"; fi
      fi
    done < <(topo shares "$h")
  done

  # FTP: anonymous read of every file topology.json lists; uploads refused.
  for h in $LAB_HOSTS; do
    [[ " ${HOST_DAEMONS[$h]} " == *" vsftpd "* ]] || continue
    ip=${HOST_IP[$h]}
    for file in $(topo keys "$h" | sed -n 's/^HOST_FTP_FILES=//p'); do
      if cmp -s <("${in_pc[@]}" busybox ftpget -u anonymous -p lab@ "$ip" - "$file" 2>/dev/null) "$CONF_DIR/ftp-root/$file"; then
        vpass "ftp $h anonymous get $file"
      else vfail "ftp $h anonymous get $file"; fi
    done
    if "${in_pc[@]}" busybox ftpput -u anonymous -p lab@ "$ip" halab-verify.txt /etc/hostname >/dev/null 2>&1; then
      vfail "ftp $h anonymous upload accepted"
    else vpass "ftp $h anonymous upload refused"; fi
  done

  # Names: NetBIOS node status (nmbd), mDNS (avahi), reverse DNS (dnsmasq on the router).
  for h in $LAB_HOSTS; do
    [[ " ${HOST_DAEMONS[$h]} " == *" nmbd "* ]] || continue
    got=$(nbstat_names "$pc" "${HOST_IP[$h]}" | paste -sd, -)
    if [[ ,$got, == *",${HOST_NETBIOS_NAME[$h]} <00>,"* ]]; then vpass "netbios $h node status: [$got]"; else vfail "netbios $h node status: want ${HOST_NETBIOS_NAME[$h]} <00>, got [$got]"; fi
  done
  for h in $LAB_HOSTS; do
    [[ " ${HOST_DAEMONS[$h]} " == *" avahi "* ]] || continue
    out=$(mdns_query "$pc" "${HOST_MDNS_HOSTNAME[$h]}.local" A)
    if grep -qF "${HOST_IP[$h]} 1 ${HOST_MDNS_HOSTNAME[$h]}.local ${HOST_IP[$h]}" <<<"$out"; then vpass "mdns $h ${HOST_MDNS_HOSTNAME[$h]}.local A ${HOST_IP[$h]}"; else vfail "mdns $h: no A answer for ${HOST_MDNS_HOSTNAME[$h]}.local ($out)"; fi
  done
  out=$(mdns_query "$pc" _services._dns-sd._udp.local PTR)
  for h in $LAB_HOSTS; do
    [[ " ${HOST_DAEMONS[$h]} " == *" avahi "* ]] || continue
    if grep -qF "${HOST_IP[$h]} 12 _services._dns-sd._udp.local _" <<<"$out"; then vpass "mdns $h answers the DNS-SD service enumeration"; else vfail "mdns $h: no DNS-SD service enumeration answer ($out)"; fi
  done
  for h in $LAB_HOSTS; do
    [[ -n ${HOST_DNS_NAME[$h]} ]] || continue
    got=$("${in_pc[@]}" node -e 'require("dns").promises.reverse(process.argv[1]).then((n) => console.log(n.join(",")), (e) => console.log(e.code))' "${HOST_IP[$h]}" 2>&1 || true)
    if [[ $got == "${HOST_DNS_NAME[$h]}" ]]; then vpass "reverse DNS ${HOST_IP[$h]} -> $got"; else vfail "reverse DNS ${HOST_IP[$h]}: want ${HOST_DNS_NAME[$h]} got '$got'"; fi
  done

  # DLNA: the root of the content directory, browsed without credentials (one SOAP Browse).
  local port title
  for h in $LAB_HOSTS; do
    [[ " ${HOST_DAEMONS[$h]} " == *" minidlna "* ]] || continue
    port=$(topo keys "$h" | sed -n 's/^HOST_DLNA_PORT=//p')
    out=$("${in_pc[@]}" timeout 5 busybox wget -q -O - --header 'Content-Type: text/xml; charset="utf-8"' \
      --header 'SOAPACTION: "urn:schemas-upnp-org:service:ContentDirectory:1#Browse"' \
      --post-data '<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" s:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"><s:Body><u:Browse xmlns:u="urn:schemas-upnp-org:service:ContentDirectory:1"><ObjectID>0</ObjectID><BrowseFlag>BrowseDirectChildren</BrowseFlag><Filter>dc:title</Filter><StartingIndex>0</StartingIndex><RequestedCount>20</RequestedCount><SortCriteria></SortCriteria></u:Browse></s:Body></s:Envelope>' \
      "http://${HOST_IP[$h]}:$port/ctl/ContentDir" 2>&1 || true)
    while read -r title; do
      if grep -qF "&lt;dc:title&gt;$title&lt;/dc:title&gt;" <<<"$out"; then vpass "dlna $h root container '$title' (anonymous Browse)"; else vfail "dlna $h: no root container '$title'"; fi
    done < <(node -e 'const t = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); for (const c of t.hosts.find((x) => x.name === process.argv[2]).dlna.rootContainers) console.log(c)' "${HALAB_TOPOLOGY:-$LAB_DIR/topology.json}" "$h")
  done

  # IPP: Get-Printer-Attributes (ipptool) answers the make and model without credentials.
  for h in $LAB_HOSTS; do
    [[ " ${HOST_DAEMONS[$h]} " == *" ipp "* ]] || continue
    out=$(topo keys "$h")
    want="$(sed -n 's/^HOST_IPP_MAKE=//p' <<<"$out") $(sed -n 's/^HOST_IPP_MODEL=//p' <<<"$out")"
    port=$(sed -n 's/^HOST_IPP_PORT=//p' <<<"$out")
    out=$("${in_pc[@]}" timeout 10 ipptool -tv "ipp://${HOST_IP[$h]}:$port/ipp/print" get-printer-attributes.test 2>&1 || true)
    if grep -qF "printer-make-and-model (textWithoutLanguage) = $want" <<<"$out"; then vpass "ipp $h Get-Printer-Attributes: '$want'"; else vfail "ipp $h Get-Printer-Attributes: no '$want'"; fi
    if grep -q 'uri-authentication-supported (1setOf keyword) = none' <<<"$out"; then vpass "ipp $h accepts jobs without authentication"; else vfail "ipp $h: uri-authentication-supported is not none"; fi
  done

  # WebDAV: OPTIONS says DAV, an anonymous PROPFIND (Depth 0) answers 207, PUT is refused, the files read back.
  for h in $LAB_HOSTS; do
    [[ " ${HOST_DAEMONS[$h]} " == *" webdav "* ]] || continue
    port=$(topo keys "$h" | sed -n 's/^HOST_WEBDAV_PORT=//p')
    out=$("${in_pc[@]}" node -e '
      const http = require("http"), [host, port] = process.argv.slice(1);
      const ask = (method, path, headers, body) => new Promise((done) => {
        const r = http.request({host, port, method, path, headers, timeout: 3000}, (res) => { res.resume(); res.on("end", () => done(`${method} ${res.statusCode} dav=${res.headers.dav ?? ""}`)) });
        r.on("error", (e) => done(`${method} error ${e.message}`)); r.on("timeout", () => r.destroy(new Error("timeout"))); r.end(body);
      });
      (async () => {
        console.log(await ask("OPTIONS", "/", {}));
        console.log(await ask("PROPFIND", "/", {Depth: "0", "Content-Type": "application/xml"}, "<?xml version=\"1.0\" encoding=\"utf-8\"?><propfind xmlns=\"DAV:\"><prop><resourcetype/></prop></propfind>"));
        console.log(await ask("PUT", "/halab-verify.txt", {"Content-Type": "text/plain"}, "verify"));
      })()' "${HOST_IP[$h]}" "$port" 2>&1 || true)
    if grep -q '^OPTIONS 200 dav=1' <<<"$out"; then vpass "webdav $h OPTIONS: DAV"; else vfail "webdav $h OPTIONS: $out"; fi
    if grep -q '^PROPFIND 207 ' <<<"$out"; then vpass "webdav $h anonymous PROPFIND 207"; else vfail "webdav $h PROPFIND: $out"; fi
    if grep -q '^PUT 403 ' <<<"$out"; then vpass "webdav $h PUT refused (read-only)"; else vfail "webdav $h PUT: $out"; fi
    for file in $(topo keys "$h" | sed -n 's/^HOST_WEBDAV_FILES=//p'); do
      if cmp -s <("${in_pc[@]}" timeout 3 busybox wget -q -O - "http://${HOST_IP[$h]}:$port/$file" 2>/dev/null) "$CONF_DIR/webdav-root/$file"; then
        vpass "webdav $h anonymous GET $file"
      else vfail "webdav $h anonymous GET $file"; fi
    done
  done

  # NFS: the export list (MOUNT EXPORT, as showmount -e asks). ganesha lists an export only to the
  # clients it lets in: an export to one lab host is asked from that host, and must be hidden from pc.
  local id path clients asker x
  for h in $LAB_HOSTS; do
    [[ " ${HOST_DAEMONS[$h]} " == *" ganesha "* ]] || continue
    while read -r id path clients access; do
      [[ -n $id ]] || continue
      asker=$LAB_AUDIT_HOST
      for x in $LAB_HOSTS; do [[ ${HOST_IP[$x]} == "$clients" ]] && asker=$x; done
      got=$(ip netns exec "${HOST_NS[$asker]}" timeout 5 showmount -e "${HOST_IP[$h]}" 2>/dev/null | awk -v p="$path" '$1 == p { print $2 }' || true)
      # (ganesha shows a single client address as a /32)
      if [[ $got == "$clients" || $got == "$clients/32" ]]; then vpass "nfs $h export $path to [$got] (asked from $asker)"; else vfail "nfs $h export $path: want [$clients] got [$got] (asked from $asker)"; fi
      if [[ $asker != "$LAB_AUDIT_HOST" ]]; then
        got=$("${in_pc[@]}" timeout 5 showmount -e "${HOST_IP[$h]}" 2>/dev/null | awk -v p="$path" '$1 == p' || true)
        if [[ -z $got ]]; then vpass "nfs $h export $path not listed to $LAB_AUDIT_HOST"; else vfail "nfs $h export $path listed to $LAB_AUDIT_HOST: $got"; fi
      fi
    done <<<"${HOST_NFS_EXPORTS[$h]}"
  done

  # DNS inside the lab points at the router, never at a real resolver.
  got=$("${in_pc[@]}" cat /etc/resolv.conf)
  if [[ $got == "nameserver $LAB_DNS" ]]; then vpass "resolv.conf in $pc: $got"; else vfail "resolv.conf in $pc: $got"; fi

  if ((VERIFY_FAIL)); then
    echo "verify: $VERIFY_FAIL check(s) failed"
    return 1
  fi
  echo "verify: all checks passed"
}

# --------------------------------------------------------------------------- exec
cmd_exec() {
  (($# >= 2)) || die "usage: lab.sh exec <host> <command> [args...]"
  load_topology
  local h
  h=$(host_of "$1") || die "unknown host '$1' (hosts: $LAB_HOSTS)"
  shift
  exec ip netns exec "${HOST_NS[$h]}" "$@"
}

usage() {
  sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

main() {
  local cmd=${1:-}
  (($#)) && shift
  case $cmd in
    check | preflight) cmd_check ;;
    up) cmd_up ;;
    down) cmd_down ;;
    restart)
      cmd_down
      cmd_up
      ;;
    status) cmd_status ;;
    verify) cmd_verify ;;
    exec) cmd_exec "$@" ;;
    -h | --help | help) usage ;;
    *)
      usage >&2
      exit 2
      ;;
  esac
}

main "$@"
