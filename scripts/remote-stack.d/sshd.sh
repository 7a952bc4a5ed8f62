# Sourced by scripts/remote-stack and scripts/bench-remote. Uses $LIB (scripts/lib) and the
# caller's PIDS array (stopped by its EXIT trap).
#
# start_ssh_hosts OUT HOST...: a host key and a user key made for the test in OUT/ssh, one sshd
# per HOST on a free loopback port (a non-daemon child of the caller, never a system service), and
# OUT/ssh/config naming each HOST. Exports SITREP_SSH (ssh -F that config: how a user hands sitrep
# an ssh config of their own) and XDG_RUNTIME_DIR (this run's control sockets). Sets PORT[HOST]
# and SSHD[HOST] (the sshd's PID).
declare -A PORT SSHD
start_ssh_hosts() {
  local out="$1" host
  shift
  mkdir -p "$out/ssh" /run/sshd
  chmod 700 "$out/ssh"
  ssh-keygen -q -t ed25519 -N '' -f "$out/ssh/host_key" <<<y >/dev/null
  ssh-keygen -q -t ed25519 -N '' -f "$out/ssh/id" <<<y >/dev/null
  cp "$out/ssh/id.pub" "$out/ssh/authorized_keys"
  : >"$out/ssh/known_hosts"
  : >"$out/ssh/config"
  for host in "$@"; do
    PORT[$host]="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
    cat >"$out/ssh/sshd_$host.conf" <<CONF
Port ${PORT[$host]}
ListenAddress 127.0.0.1
HostKey $out/ssh/host_key
AuthorizedKeysFile $out/ssh/authorized_keys
PidFile none
StrictModes no
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
MaxSessions 64
MaxStartups 64
LogLevel INFO
CONF
    /usr/sbin/sshd -D -e -f "$out/ssh/sshd_$host.conf" 2>>"$out/ssh/sshd_$host.log" &
    SSHD[$host]=$!
    PIDS+=("${SSHD[$host]}")
    printf '[127.0.0.1]:%s %s\n' "${PORT[$host]}" "$(cut -d' ' -f1,2 "$out/ssh/host_key.pub")" \
      >>"$out/ssh/known_hosts"
    cat >>"$out/ssh/config" <<CONF
Host $host
  HostName 127.0.0.1
  Port ${PORT[$host]}
  User $(id -un)
  IdentityFile $out/ssh/id
  IdentitiesOnly yes
  UserKnownHostsFile $out/ssh/known_hosts
  StrictHostKeyChecking yes
CONF
    python3 "$LIB/poll.py" tcp "${PORT[$host]}" --timeout 10 --pid "${SSHD[$host]}"
  done
  export SITREP_SSH="ssh -F $out/ssh/config"
  export XDG_RUNTIME_DIR="$out/run"
  mkdir -p "$XDG_RUNTIME_DIR"
  chmod 700 "$XDG_RUNTIME_DIR"
}
